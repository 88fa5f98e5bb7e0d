/**
 * This browser's side of Web Push: the service worker, the notification permission and the push
 * subscription. Nothing here talks to Parley's server; the notification actions hand what it
 * returns to the API. `browser` defaults to the real globals and is replaced in tests.
 *
 * States: 'unsupported' (no service worker or Push API), 'denied' (the user blocked
 * notifications for this site), 'off' (allowed or not yet asked, but not subscribed), 'on'.
 */
export class PushClient {
  constructor(browser = realBrowser()) {
    this.browser = browser;
  }

  get supported() {
    return Boolean(this.browser.serviceWorker && this.browser.PushManager && this.browser.Notification);
  }

  /** The service worker's registration once it is active (registered at start by main.js). */
  ready() {
    return this.browser.serviceWorker.ready;
  }

  async state() {
    if (!this.supported) {
      return 'unsupported';
    }
    if (this.browser.Notification.permission === 'denied') {
      return 'denied';
    }
    const subscription = await this.subscription();
    return subscription && this.browser.Notification.permission === 'granted' ? 'on' : 'off';
  }

  async subscription() {
    const registration = await this.ready();
    return registration.pushManager.getSubscription();
  }

  /**
   * Asks for permission (only ever from a click: browsers refuse prompts nobody asked for) and
   * subscribes with the server's key. Resolves with the subscription as JSON
   * ({endpoint, keys:{p256dh, auth}}), or null when the user said no.
   */
  async subscribe(vapidPublicKey) {
    const permission = await this.browser.Notification.requestPermission();
    if (permission !== 'granted') {
      return null;
    }
    const registration = await this.ready();
    const existing = await registration.pushManager.getSubscription();
    const key = base64UrlToBytes(vapidPublicKey);
    if (existing && !sameKey(existing.options?.applicationServerKey, key)) {
      // Subscribed under another server key (the server's key changed): start over with the current one.
      await existing.unsubscribe();
    } else if (existing) {
      return existing.toJSON();
    }
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    return subscription.toJSON();
  }

  /** Drops this browser's subscription; resolves with its endpoint (for the server to forget), or null. */
  async unsubscribe() {
    const subscription = await this.subscription();
    if (!subscription) {
      return null;
    }
    const endpoint = subscription.endpoint;
    await subscription.unsubscribe();
    return endpoint;
  }

  /** Messages from the service worker ({type:'push'|'open'|'subscription-changed', …}). */
  onMessage(listener) {
    this.browser.serviceWorker?.addEventListener('message', (event) => listener(event.data || {}));
  }
}

/** Registers the service worker; a browser without one simply runs the app without it. */
export function registerServiceWorker(container = globalThis.navigator?.serviceWorker) {
  if (!container) {
    return Promise.resolve(null);
  }
  return container.register('/sw.js', { scope: '/' }).catch(() => null);
}

/** Hands the files this page loaded to the service worker, so the next start finds them cached. */
export async function warmCache(container = globalThis.navigator?.serviceWorker) {
  const registration = await container?.ready;
  const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
  registration?.active?.postMessage({ type: 'cache', urls });
}

export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

function sameKey(buffer, bytes) {
  if (!buffer) {
    return true;
  }
  const existing = new Uint8Array(buffer);
  return existing.length === bytes.length && existing.every((byte, i) => byte === bytes[i]);
}

function realBrowser() {
  return {
    serviceWorker: globalThis.navigator?.serviceWorker,
    PushManager: globalThis.PushManager,
    Notification: globalThis.Notification,
  };
}
