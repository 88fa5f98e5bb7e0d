/*
 * Parley's service worker, served from the root so it controls the whole app.
 *
 * - Pushes: shows the notification the server sent (title, body, the sender's or chat's avatar,
 *   a tag so a newer push of the same chat replaces the shown one), reports the message delivered
 *   with the signed receipt the push carries (no access token needed, so it works with every tab
 *   closed), and tells open tabs to refresh their bell. A click opens the right chat.
 * - The shell: the page, its styles, scripts and icons are cached, so the app starts from the
 *   cache and still opens without a network; pages are fetched fresh when the server answers.
 *   The REST API and the realtime bridge always go to the network, untouched.
 */
'use strict';

const CACHE = 'parley-shell-v1';
const SHELL = ['/', '/index.html', '/offline.html', '/manifest.webmanifest', '/favicon.svg',
  '/css/base.css', '/css/layout.css', '/css/chat-list.css', '/css/conversation.css', '/css/dialogs.css',
  '/css/notifications.css', '/css/stories.css', '/css/offline.css', '/css/media.css', '/js/main.js', '/js/offline.js', '/vendor/sockjs-client/sockjs.min.js',
  '/icons/icon-192.png', '/icons/badge-96.png'];
// Scripts and styles come under /v/<version>/ (the page names them so; a release changes the
// version), icons and the manifest at their own paths.
const STATIC = /^\/(v\/[0-9a-f]{12}\/)?(js|css|vendor|icons)\/|^\/favicon\.svg$|^\/manifest\.webmanifest$/;
// The avatar colours of the app (css/base.css .hue-0 … .hue-7), for notification icons.
const HUES = [['#f0776c', '#e0485f'], ['#f7a84b', '#ee7d2b'], ['#58c77e', '#2a9d61'], ['#4cc3d9', '#1c94b8'],
  ['#6f8cf5', '#4761dc'], ['#a57cf0', '#7c52d6'], ['#ef7fbf', '#d4529d'], ['#8d99ae', '#5f6b82']];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(pageFirst(request));
  } else if (STATIC.test(url.pathname)) {
    event.respondWith(cachedThenRefreshed(event, request));
  }
});

/** A page: from the server when it answers (a new version shows at once), else the cached shell, else the offline screen. */
async function pageFirst(request) {
  try {
    const response = await fetch(request);
    const path = new URL(request.url).pathname;
    if (response.ok && (path === '/' || path === '/index.html')) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put('/', copy));
    }
    return response;
  } catch (offline) {
    return (await caches.match('/')) || (await caches.match('/offline.html')) || Response.error();
  }
}

/** A script, style or icon: from the cache for a fast start, refreshed in the background for the next one. */
async function cachedThenRefreshed(event, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  const refreshed = fetch(request).then((response) => {
    if (response.ok) {
      cache.put(request, response.clone());
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refreshed.catch(() => null));
    return cached;
  }
  return refreshed;
}

// The page tells the worker which files it loaded, so they are cached without a list to keep here.
self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'cache' && Array.isArray(message.urls)) {
    const urls = message.urls.filter((href) => {
      const url = new URL(href, self.location.origin);
      return url.origin === self.location.origin && STATIC.test(url.pathname);
    });
    event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((url) => cache.match(url)
      .then((hit) => hit || cache.add(url)).catch(() => null)))));
  }
});

self.addEventListener('push', (event) => {
  const push = readPush(event);
  event.waitUntil(Promise.all([show(push), delivered(push), tellTabs({ type: 'push', push })]));
});

/** The push as the server wrote it ({title, body, tag, url, chatId?, seq?, sender?, avatar, receipt?}). */
function readPush(event) {
  try {
    const data = event.data ? event.data.json() : {};
    return typeof data === 'object' && data ? data : {};
  } catch (unreadable) {
    return { title: 'Parley', body: event.data ? event.data.text() : 'Something new' };
  }
}

async function show(push) {
  const icon = await avatarIcon(push.avatar).catch(() => '/icons/icon-192.png');
  return self.registration.showNotification(String(push.title || 'Parley'), {
    body: String(push.body || ''),
    tag: push.tag || undefined,
    renotify: Boolean(push.tag && push.count > 1),
    icon,
    badge: '/icons/badge-96.png',
    timestamp: Date.now(),
    data: { url: safeUrl(push.url), chatId: push.chatId || null, seq: push.seq || null, id: push.id || null },
  });
}

/** The push reached this device: the sender's ticks can say "delivered" even with every tab closed. */
function delivered(push) {
  if (!push.receipt) {
    return Promise.resolve();
  }
  return fetch('/api/v1/push/delivered', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ receipt: push.receipt }),
  }).catch(() => null);
}

/** Initials on the app's colour for the person or chat, drawn here (there are no uploaded avatars yet). */
async function avatarIcon(avatar) {
  if (!avatar || typeof OffscreenCanvas === 'undefined') {
    return '/icons/icon-192.png';
  }
  const size = 192;
  const canvas = new OffscreenCanvas(size, size);
  const g = canvas.getContext('2d');
  const [from, to] = HUES[hue(avatar.id || avatar.name)];
  const gradient = g.createLinearGradient(0, 0, size, size);
  gradient.addColorStop(0, from);
  gradient.addColorStop(1, to);
  g.fillStyle = gradient;
  g.beginPath();
  g.arc(size / 2, size / 2, size / 2, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = '600 76px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(initials(avatar.name), size / 2, size / 2 + 4);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
  return `data:image/png;base64,${btoa(binary)}`;
}

// The same initials and colour slot as the app's avatars (js/format.js).
function initials(name) {
  const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] || '?'];
  return letters.map((word) => [...word][0]).join('').toUpperCase();
}

function hue(id) {
  let hash = 0;
  for (const char of String(id)) {
    hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  }
  return hash % 8;
}

/** Only paths of this app are opened from a notification. */
function safeUrl(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = safeUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((tabs) => {
    const tab = tabs.find((client) => new URL(client.url).origin === self.location.origin);
    if (tab) {
      tab.postMessage({ type: 'open', url });
      return tab.focus();
    }
    return self.clients.openWindow(url);
  }));
});

// The browser replaced the subscription: open tabs register the new one with the server on their next start.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(tellTabs({ type: 'subscription-changed' }));
});

function tellTabs(message) {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    .then((tabs) => tabs.forEach((tab) => tab.postMessage(message)));
}
