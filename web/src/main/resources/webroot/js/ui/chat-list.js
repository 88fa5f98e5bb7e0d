import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { describePreview } from './describe.js';
import { shortWhen } from '../format.js';

/**
 * My chats: pinned first, unread badges, last-message previews, presence dots, muted marks; a
 * search box that filters them and finds people to start a chat with.
 */
export function chatList({ store, actions, onOpen }) {
  let active = null;
  let query = '';
  let people = [];
  let searchTimer = null;

  const search = h('input', {
    type: 'search', class: 'search-input', placeholder: 'Search chats and people', 'aria-label': 'Search chats and people',
    autocomplete: 'off', oninput: () => {
      query = search.value.trim();
      render();
      clearTimeout(searchTimer);
      searchTimer = setTimeout(findPeople, 250);
    },
  });
  const list = h('ul', { class: 'chat-list', 'aria-label': 'Chats' });
  const peopleSection = h('section', { class: 'people-results', 'aria-label': 'People', hidden: true });
  const element = h('div', { class: 'chat-list-pane' },
    h('div', { class: 'search' }, icon('search'), search),
    h('nav', { class: 'chat-scroll', 'aria-label': 'Chat list' }, list, peopleSection));

  ['chats', 'chat', 'presence', 'typing', 'users'].forEach((type) => store.on(type, () => schedule()));
  let pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      queueMicrotask(() => { pending = false; render(); });
    }
  }

  async function findPeople() {
    const q = query;
    if (q.length < 2) {
      people = [];
      render();
      return;
    }
    try {
      const found = await actions.api.searchUsers(q);
      if (q === query) {
        people = found.filter((user) => user.id !== store.me.id);
        render();
      }
    } catch {
      people = [];
    }
  }

  function render() {
    const needle = query.toLowerCase();
    const chats = store.sortedChats().filter((chat) => !chat.archived || needle)
      .filter((chat) => !needle || (chat.title || '').toLowerCase().includes(needle)
        || (chat.peer?.username || '').toLowerCase().includes(needle));
    // Rebuilt on every change; keyboard focus stays on the chat it was on.
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.chatId : null;
    replaceChildren(list, chats.length ? chats.map(item)
      : h('li', { class: 'empty-note' }, needle ? 'No chats match' : 'No chats yet. Start one with the + button.'));
    if (focused) {
      list.querySelector(`[data-chat-id="${CSS.escape(focused)}"]`)?.focus();
    }
    const peers = new Set([...store.chats.values()].map((chat) => chat.peer?.userId).filter(Boolean));
    const shown = people.filter((user) => !peers.has(user.id) || needle);
    peopleSection.hidden = shown.length === 0;
    replaceChildren(peopleSection, h('h3', { class: 'section-title' }, 'People'),
      h('ul', { class: 'chat-list' }, shown.map((user) => h('li', {}, h('button', {
        type: 'button', class: 'chat-item', dataset: { userId: user.id },
        onclick: async () => {
          const chat = await actions.openDirect(user.id);
          search.value = '';
          query = '';
          people = [];
          render();
          onOpen(chat.id);
        },
      }, avatar({ id: user.id, name: user.displayName }),
      h('span', { class: 'chat-item-main' },
        h('span', { class: 'chat-item-top' }, h('span', { class: 'chat-title' }, user.displayName)),
        h('span', { class: 'chat-item-bottom' }, h('span', { class: 'chat-preview' }, `@${user.username}`))))))));
  }

  function item(chat) {
    const unread = chat.unreadCount || 0;
    const typists = store.typists(chat.id);
    const presence = chat.peer ? store.presence.get(chat.peer.userId)?.status : null;
    const preview = typists.length
      ? h('span', { class: 'chat-preview typing-preview' }, chat.type === 'direct' ? 'typing…' : `${store.nameOf(typists[0])} is typing…`)
      : h('span', { class: 'chat-preview' }, describePreview(chat, store));
    const labels = [chat.title, unread ? `${unread} unread` : null, chat.muted ? 'muted' : null, chat.pinned ? 'pinned' : null];
    return h('li', {}, h('button', {
      type: 'button',
      class: ['chat-item', chat.id === active && 'active', unread && 'has-unread'],
      dataset: { chatId: chat.id },
      'aria-current': chat.id === active ? 'true' : null,
      'aria-label': labels.filter(Boolean).join(', '),
      onclick: () => onOpen(chat.id),
    },
    avatar({ id: chat.peer?.userId || chat.id, name: chat.title, presence: presence === 'offline' ? null : presence,
      kind: chat.type === 'direct' ? null : chat.type }),
    h('span', { class: 'chat-item-main' },
      h('span', { class: 'chat-item-top' },
        h('span', { class: 'chat-title' }, chat.title || 'Untitled'),
        chat.type === 'channel' ? h('span', { class: 'chat-kind', title: 'Channel' }, icon('megaphone')) : null,
        chat.pinned ? h('span', { class: 'chat-flag', title: 'Pinned' }, icon('pin')) : null,
        chat.muted ? h('span', { class: 'chat-flag', title: 'Muted' }, icon('mute')) : null,
        h('time', { class: 'chat-time', datetime: chat.lastMessage?.createdAt || chat.lastActivityAt },
          shortWhen(chat.lastMessage?.createdAt || chat.lastActivityAt))),
      h('span', { class: 'chat-item-bottom' },
        preview,
        unread ? h('span', { class: ['badge', chat.muted && 'badge-muted'], 'aria-hidden': 'true' }, unread > 99 ? '99+' : String(unread)) : null))));
  }

  render();
  return {
    element,
    setActive(chatId) {
      active = chatId;
      render();
    },
    focusSearch() {
      search.focus();
    },
  };
}
