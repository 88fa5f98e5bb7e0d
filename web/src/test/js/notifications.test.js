import { Store } from '/js/state/store.js';
import { NotificationActions } from '/js/state/notification-actions.js';
import { PushClient, base64UrlToBytes } from '/js/push/push-client.js';
import { notificationBell } from '/js/ui/notification-bell.js';
import { assertEqual, assertTrue, eventually, sleep, test } from './harness.js';

const ME = { id: 'me', username: 'me', displayName: 'Me' };
const VAPID = 'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8';

/** A browser's push side that records what was asked of it; `answer` is what the permission prompt says. */
function fakeBrowser({ permission = 'default', answer = 'granted', subscribed = false } = {}) {
  const asked = [];
  const listeners = [];
  let current = null;
  const subscription = (key) => ({
    endpoint: 'https://push.example.com/send/abc',
    options: { applicationServerKey: key.buffer },
    toJSON: () => ({ endpoint: 'https://push.example.com/send/abc', keys: { p256dh: 'P', auth: 'A' } }),
    unsubscribe: async () => { asked.push('unsubscribe'); current = null; return true; },
  });
  if (subscribed) {
    current = subscription(base64UrlToBytes(VAPID));
  }
  const Notification = {
    permission,
    requestPermission: async () => { asked.push('permission'); Notification.permission = answer; return answer; },
  };
  const registration = {
    pushManager: {
      getSubscription: async () => current,
      subscribe: async (options) => { asked.push(['subscribe', options.userVisibleOnly, [...options.applicationServerKey]]); current = subscription(options.applicationServerKey); return current; },
    },
  };
  const browser = {
    Notification, PushManager: {},
    serviceWorker: { ready: Promise.resolve(registration), addEventListener: (type, listener) => listeners.push(listener) },
  };
  return { browser, asked, send: (data) => listeners.forEach((listener) => listener({ data })) };
}

function wired(api = {}, browserOptions) {
  const store = new Store(ME);
  const calls = [];
  const recording = new Proxy(api, {
    get: (target, name) => (...args) => {
      calls.push([name, ...args]);
      return name in target ? target[name](...args) : Promise.resolve({});
    },
  });
  const fake = fakeBrowser(browserOptions);
  const actions = new NotificationActions({ api: recording, store, push: new PushClient(fake.browser) });
  return { store, actions, calls, fake };
}

const page = (items, unread) => ({ items, unread });
const item = (id, chatId, read = false) => ({ id, type: 'message', chatId, title: `t${id}`, body: `b${id}`, createdAt: '2026-11-22T08:00:00Z', read });

test('push is asked for only when I turn it on, with the server key, and then registered', async () => {
  const { actions, calls, fake } = wired({ vapidKey: async () => VAPID });
  assertEqual(await actions.pushState(), 'off', 'off before');
  assertEqual(fake.asked, [], 'nothing asked yet');
  assertEqual(await actions.enablePush(), 'on', 'on after');
  assertEqual(fake.asked[0], 'permission', 'asked for permission first');
  assertEqual(fake.asked[1], ['subscribe', true, [...base64UrlToBytes(VAPID)]], 'subscribed, visible only, with the key');
  assertEqual(calls.at(-1), ['subscribePush', { endpoint: 'https://push.example.com/send/abc', keys: { p256dh: 'P', auth: 'A' } }],
    'the subscription registered');
});

test('a refused permission subscribes nothing and registers nothing', async () => {
  const { actions, calls, fake } = wired({ vapidKey: async () => VAPID }, { answer: 'denied' });
  assertEqual(await actions.enablePush(), 'denied', 'state');
  assertEqual(fake.asked, ['permission'], 'only asked');
  assertTrue(!calls.some(([name]) => name === 'subscribePush'), 'not registered');
});

test('turning push off unsubscribes here and tells the server; a server that forgot already is fine', async () => {
  const { actions, calls, fake } = wired({
    unsubscribePush: async () => { throw Object.assign(new Error('gone'), { status: 404 }); },
  }, { permission: 'granted', subscribed: true });
  assertEqual(await actions.disablePush(), 'off', 'state');
  assertTrue(fake.asked.includes('unsubscribe'), 'unsubscribed');
  assertEqual(calls.at(-1), ['unsubscribePush', 'https://push.example.com/send/abc'], 'told the server');
});

test('at start an existing subscription is registered again without asking anything', async () => {
  const { actions, calls, fake } = wired({ notifications: async () => page([], 0) }, { permission: 'granted', subscribed: true });
  actions.start({ onOpen: () => {} });
  await eventually(() => calls.some(([name]) => name === 'subscribePush'), 'registered again');
  assertTrue(!fake.asked.includes('permission'), 'no prompt');
});

test('the service worker says a push came: the bell reloads; a click opens the chat', async () => {
  let opened = null;
  const { store, actions, fake } = wired({ notifications: async () => page([item('1', 'c')], 1) }, { permission: 'granted', subscribed: true });
  actions.start({ onOpen: (url) => { opened = url; } });
  await eventually(() => store.notifications.unread === 1, 'loaded');
  fake.send({ type: 'open', url: '/#/chat/c' });
  assertEqual(opened, '/#/chat/c', 'opened');
});

test('reading, reading all, deleting and reading a chat keep the unread count right', async () => {
  const { store, actions } = wired({
    notifications: async () => page([item('1', 'a'), item('2', 'b'), item('3', 'a', true), item('4', 'c')], 7),
    readNotifications: async () => ({ unread: 6 }),
    readAllNotifications: async () => ({ unread: 0 }),
  });
  let events = 0;
  store.on('notifications', () => { events++; });
  await actions.load();
  assertEqual(store.notifications.unread, 7, 'from the server');
  await actions.markRead(['2']);
  assertEqual(store.notifications.unread, 6, 'after one');
  assertTrue(store.notifications.items.find((entry) => entry.id === '2').read, 'marked');
  actions.chatRead('a');
  assertEqual(store.notifications.unread, 5, 'a chat read on this device');
  await actions.remove('4');
  assertEqual(store.notifications.unread, 4, 'an unread one deleted');
  assertEqual(store.notifications.items.map((entry) => entry.id), ['1', '2', '3'], 'gone from the list');
  await actions.markAllRead();
  assertEqual(store.notifications.unread, 0, 'all read');
  assertTrue(events >= 5, 'the views were told each time');
});

test('the bell shows the count and the list shows hostile titles as text; opening one reads it and goes to its chat', async () => {
  const hostile = '<img src=x onerror="window.parleyPwned = 9">';
  const { store, actions, calls } = wired({
    notifications: async () => page([{ ...item('1', 'chat-1'), title: hostile, body: hostile }], 1),
    readNotifications: async () => ({ unread: 0 }),
  });
  let openedChat = null;
  const bell = notificationBell({ store, actions: { notifications: actions }, onOpenChat: (chatId) => { openedChat = chatId; } });
  document.body.append(bell);
  await actions.load();
  assertEqual(bell.querySelector('.bell-badge').textContent, '1', 'count');
  assertEqual(bell.getAttribute('aria-label'), 'Notifications, 1 unread', 'label');
  bell.click();
  const dialog = document.querySelector('.dialog-notifications');
  await eventually(() => dialog.querySelector('.notification'), 'listed');
  assertEqual(dialog.querySelectorAll('.notifications img').length, 0, 'no markup parsed');
  assertEqual(dialog.querySelector('.notification-title').textContent, hostile, 'shown verbatim');
  dialog.querySelector('.notification-open').click();
  await eventually(() => openedChat === 'chat-1', 'the chat opened');
  await eventually(() => calls.some(([name, ids]) => name === 'readNotifications' && ids[0] === '1'), 'read');
  await eventually(() => bell.querySelector('.bell-badge').hidden, 'no badge left');
  await sleep(20);
  assertEqual(window.parleyPwned, undefined, 'no script ran');
  document.querySelector('.dialog-notifications')?.close();
  bell.remove();
});
