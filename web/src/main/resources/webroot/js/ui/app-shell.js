import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar, showPicturesFrom } from './avatar.js';
import { chatList as createChatList } from './chat-list.js';
import { conversation as createConversation } from './conversation.js';
import { openNewChatDialog } from './new-chat-dialog.js';
import { openChatInfo } from './chat-info-dialog.js';
import { openProfileDialog } from './profile-dialog.js';
import { openJoinDialog } from './join-dialog.js';
import { notificationBell } from './notification-bell.js';
import { storiesRow } from './stories-row.js';
import { toast } from './dialog.js';
import { openAdminArea } from './admin-area.js';
import { currentTheme, toggleTheme } from './theme.js';

const ACTIVITY_EVERY_MS = 30_000;

/**
 * The signed-in app: the sidebar (me, new chat, theme, the chat list) and the conversation,
 * side by side on wide screens and one at a time on phones; the connection banner on top. The
 * open chat is in the address (#/chat/<id>), so Back and reload work; an invite link
 * (#/invite/<token>) offers to join its chat.
 */
export function appShell({ store, actions, realtime }) {
  showPicturesFrom(actions.media);
  const banner = h('div', { class: 'connection-banner', role: 'status', 'aria-live': 'polite', hidden: true });
  const meButton = h('button', { type: 'button', class: 'me-button', 'aria-label': 'Settings and profile', title: 'Settings and profile',
    onclick: () => openProfileDialog({ actions }) });
  const themeButton = h('button', { type: 'button', class: 'icon-button', onclick: () => { toggleTheme(); renderThemeButton(); } });
  const newChatButton = h('button', {
    type: 'button', class: 'icon-button accent', 'aria-label': 'New chat', title: 'New chat (Alt+N)',
    onclick: () => openNewChatDialog({ actions, store, onCreated: (chatId) => navigate(chatId) }),
  }, icon('plus'));

  // Shown once GET /me says I am a moderator or admin; the server checks again on every request.
  const adminButton = h('button', {
    type: 'button', class: 'icon-button admin-button', 'aria-label': 'Administration', title: 'Administration', hidden: true,
    onclick: () => openAdminArea({ actions }),
  }, icon('shield'));

  const bell = notificationBell({ store, actions, onOpenChat: (chatId) => navigate(chatId) });

  let pendingMessage = null;
  const chatList = createChatList({
    store, actions,
    onOpen: (chatId) => navigate(chatId),
    onOpenMessage: (message) => {
      pendingMessage = message;
      navigate(message.chatId);
    },
    onPreviewPublic: (chat) => openJoinDialog({
      heading: chat.type === 'channel' ? 'Public channel' : 'Public group',
      load: async () => chat,
      join: () => actions.join({ chatId: chat.id }),
      onJoined: (joined) => navigate(joined.id),
    }),
  });
  const conversation = createConversation({
    store, actions, realtime,
    onBack: () => navigate(null),
    onShowInfo: (chatId) => openChatInfo({ chatId, actions, store, onLeft: () => navigate(null) }),
  });
  const stories = storiesRow({ store, actions, onOpenChat: (chatId) => navigate(chatId) });
  const sidebar = h('aside', { class: 'sidebar', 'aria-label': 'Chats' },
    h('header', { class: 'sidebar-head' }, meButton, h('div', { class: 'head-actions' }, adminButton, bell, themeButton, newChatButton)),
    stories.element, chatList.element);
  const element = h('div', { class: 'app-shell', dataset: { view: 'list' } }, banner, h('div', { class: 'panes' }, sidebar, conversation.element));

  renderMe();
  renderThemeButton();
  store.on('me', renderMe);
  store.on('chats', () => {
    const open = conversation.chatId;
    if (open && !store.chats.has(open)) {
      navigate(null);
    }
  });
  realtime.on('state', renderBanner);
  realtime.on('announcement', (notice) => notice?.text && toast(notice.text, { kind: 'announcement', ms: 15_000 }));
  realtime.on('outbox', renderBanner);
  setInterval(() => realtime.state === 'offline' && renderBanner(), 1_000);

  window.addEventListener('hashchange', route);
  // Files still uploading live only in this page: leaving it would lose them.
  window.addEventListener('beforeunload', (event) => {
    if (actions.media.busy()) {
      event.preventDefault();
    }
  });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      navigate(null);
      chatList.focusSearch();
    } else if (event.altKey && event.key.toLowerCase() === 'n') {
      event.preventDefault();
      newChatButton.click();
    }
  });
  reportActivity();

  function navigate(chatId) {
    const target = chatId ? `#/chat/${chatId}` : '#/';
    if (location.hash !== target) {
      location.hash = target;
    } else {
      route();
    }
  }

  function route() {
    const invite = /^#\/invite\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
    if (invite) {
      history.replaceState(null, '', '#/');
      offerInvite(invite[1]);
    }
    const match = /^#\/chat\/([0-9a-fA-F-]{36})$/.exec(location.hash);
    const chatId = match ? match[1] : null;
    if (chatId && !store.chats.has(chatId)) {
      actions.refreshChat(chatId).then(() => route(), () => navigate(null));
      return;
    }
    element.dataset.view = chatId ? 'chat' : 'list';
    chatList.setActive(chatId);
    const message = pendingMessage?.chatId === chatId ? pendingMessage : null;
    pendingMessage = null;
    if (chatId && message) {
      conversation.show(chatId, message);
    } else if (chatId && conversation.chatId !== chatId) {
      conversation.open(chatId);
    } else if (!chatId) {
      conversation.close();
    }
  }

  function offerInvite(token) {
    openJoinDialog({
      heading: 'Invitation',
      load: () => actions.chat.previewInvite(token),
      join: () => actions.join({ token }),
      onJoined: (chat) => navigate(chat.id),
    });
  }

  function renderMe() {
    replaceChildren(meButton, avatar({ id: store.me.id, name: store.me.displayName, size: 'sm', mediaId: store.me.avatarMediaId }),
      h('span', { class: 'me-name' }, store.me.displayName), icon('settings'));
  }

  function renderThemeButton() {
    const dark = currentTheme() === 'dark';
    themeButton.setAttribute('aria-label', dark ? 'Switch to light theme' : 'Switch to dark theme');
    themeButton.title = themeButton.getAttribute('aria-label');
    replaceChildren(themeButton, icon(dark ? 'sun' : 'moon'));
  }

  function renderBanner() {
    const state = realtime.state;
    const waiting = realtime.outbox.items.filter((item) => item.status === 'pending').length;
    banner.hidden = state === 'online' || state === 'stopped';
    banner.dataset.state = state;
    if (state === 'connecting') {
      replaceChildren(banner, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Connecting…');
    } else if (state === 'offline') {
      const seconds = realtime.nextAttemptAt ? Math.max(0, Math.ceil((realtime.nextAttemptAt - Date.now()) / 1000)) : 0;
      replaceChildren(banner, icon('alert'),
        h('span', {}, 'Offline — messages will be sent when back.'),
        waiting ? h('span', { class: 'banner-extra' }, `${waiting} waiting`) : null,
        h('span', { class: 'banner-extra' }, seconds ? `Retrying in ${seconds} s` : 'Retrying…'),
        h('button', { type: 'button', class: 'link', onclick: () => realtime.reconnectNow() }, 'Retry now'));
    }
  }

  /** Tells the server I am here (so I show online, not away) when I use the app, at most every 30 s. */
  function reportActivity() {
    let last = 0;
    const active = () => {
      const now = Date.now();
      if (now - last > ACTIVITY_EVERY_MS && realtime.state === 'online') {
        last = now;
        actions.setPresence();
      }
    };
    ['keydown', 'pointerdown', 'focus'].forEach((type) => window.addEventListener(type, active, { passive: true }));
    realtime.on('state', (state) => { if (state === 'online') { last = 0; active(); } });
  }

  return {
    element,
    start() {
      renderBanner();
      route();
      actions.admin.loadRoles().then((access) => { adminButton.hidden = !access.any; }, () => {});
      // A click on a notification: the service worker hands this tab the chat's address.
      actions.notifications.start({ onOpen: (url) => { location.hash = new URL(url, location.origin).hash || '#/'; } });
    },
    notifyError(message) {
      toast(message, { kind: 'error' });
    },
  };
}
