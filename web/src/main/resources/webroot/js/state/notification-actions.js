import { PushClient } from '../push/push-client.js';

const PAGE = 30;

/**
 * What I do with notifications: the bell's list and unread count, my notification preferences
 * and each chat's setting, and turning push on or off for this browser. Views reach the API and
 * the store for these only through here; the browser's Push API only through {@link PushClient}.
 */
export class NotificationActions {
  constructor({ api, store, push = new PushClient() }) {
    this.api = api;
    this.store = store;
    this.push = push;
  }

  /**
   * Loads the bell, keeps this browser's subscription registered (it may belong to the account
   * that used this browser before), and follows the service worker: a push refreshes the bell,
   * a click on a notification opens its chat through `onOpen(url)`.
   */
  start({ onOpen }) {
    this.load().catch(() => {});
    if (this.push.supported) {
      this.push.onMessage((message) => {
        if (message.type === 'push') {
          this.load().catch(() => {});
        } else if (message.type === 'open') {
          onOpen(message.url);
        } else if (message.type === 'subscription-changed') {
          this.enablePushIfAllowed().catch(() => {});
        }
      });
      this.enablePushIfAllowed().catch(() => {});
    }
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.load().catch(() => {});
      }
    });
  }

  async load() {
    const page = await this.api.notifications({ limit: PAGE });
    this.store.notifications.put(page, { limit: PAGE });
    return page;
  }

  async loadOlder() {
    const last = this.store.notifications.items.at(-1);
    if (!last) {
      return;
    }
    const page = await this.api.notifications({ before: last.id, limit: PAGE });
    this.store.notifications.put(page, { older: true, limit: PAGE });
  }

  async markRead(ids) {
    const { unread } = await this.api.readNotifications(ids);
    this.store.notifications.read(ids, unread);
  }

  async markAllRead() {
    const { unread } = await this.api.readAllNotifications();
    this.store.notifications.read(null, unread);
  }

  async remove(id) {
    await this.api.deleteNotification(id);
    this.store.notifications.remove(id);
  }

  /** I read a chat: its notifications are read too (the server does the same on its side). */
  chatRead(chatId) {
    this.store.notifications.chatRead(chatId);
  }

  // ---- preferences ----

  /** {hidePreviews, reactions} */
  settings() {
    return this.api.notificationSettings();
  }

  saveSettings(settings) {
    return this.api.saveNotificationSettings(settings);
  }

  /** {mode, mutedUntil?, hidePreviews} of a chat of mine. */
  chatSetting(chatId) {
    return this.api.chatNotifications(chatId);
  }

  setChatSetting(chatId, { mode, mutedUntil = null, hidePreviews }) {
    return this.api.setChatNotifications(chatId, { mode, mutedUntil, hidePreviews });
  }

  // ---- push on this browser ----

  /** 'unsupported', 'denied', 'off' or 'on'. */
  pushState() {
    return this.push.state();
  }

  /**
   * Turns push on for this browser: asks for permission (call it from a click, never on load),
   * subscribes with the server's key and registers the subscription. Resolves with the new state.
   */
  async enablePush() {
    const subscription = await this.push.subscribe(await this.api.vapidKey());
    if (!subscription) {
      return this.push.state();
    }
    await this.api.subscribePush(subscription);
    return 'on';
  }

  /** Turns push off for this browser, on both sides. */
  async disablePush() {
    const endpoint = await this.push.unsubscribe();
    if (endpoint) {
      await this.api.unsubscribePush(endpoint).catch((error) => {
        if (error.status !== 404) {
          throw error;
        }
      });
    }
    return 'off';
  }

  /** With push already on, registers the subscription again (idempotent): never asks anything. */
  async enablePushIfAllowed() {
    if ((await this.push.state()) !== 'on') {
      return;
    }
    const subscription = await this.push.subscription();
    await this.api.subscribePush(subscription.toJSON());
  }
}
