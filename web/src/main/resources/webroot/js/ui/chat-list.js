import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { describePreview } from './describe.js';
import { highlighted, messageHit } from './search-hits.js';
import { shortWhen } from '../format.js';

/**
 * My chats: pinned first, unread badges, last-message previews, presence dots, muted marks; a
 * search box that filters them and also finds people to start a chat with, public groups and
 * channels to join (`onPreviewPublic(chat)`) and messages in all my chats (`onOpenMessage(message)`).
 */
export function chatList({ store, actions, onOpen, onOpenMessage, onPreviewPublic }) {
  let active = null;
  let query = '';
  let people = [];
  let publicChats = [];
  let found = [];
  let searchTimer = null;

  const search = h('input', {
    type: 'search', class: 'search-input', placeholder: 'Search chats and people', 'aria-label': 'Search chats and people',
    autocomplete: 'off', oninput: () => {
      query = search.value.trim();
      render();
      clearTimeout(searchTimer);
      searchTimer = setTimeout(findEverywhere, 250);
    },
  });
  const list = h('ul', { class: 'chat-list', 'aria-label': 'Chats' });
  const peopleSection = h('section', { class: 'people-results', 'aria-label': 'People', hidden: true });
  const publicSection = h('section', { class: 'people-results public-results', 'aria-label': 'Public groups and channels', hidden: true });
  const messageSection = h('section', { class: 'people-results message-results', 'aria-label': 'Messages', hidden: true });
  const element = h('div', { class: 'chat-list-pane' },
    h('div', { class: 'search' }, icon('search'), search),
    h('nav', { class: 'chat-scroll', 'aria-label': 'Chat list' }, list, peopleSection, publicSection, messageSection));

  ['chats', 'chat', 'presence', 'typing', 'users'].forEach((type) => store.on(type, () => schedule()));
  let pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      queueMicrotask(() => { pending = false; render(); });
    }
  }

  /** People, public chats and messages matching the search box (each search failing alone leaves its section empty). */
  async function findEverywhere() {
    const q = query;
    if (q.length < 2) {
      people = [];
      publicChats = [];
      found = [];
      render();
      return;
    }
    const [users, chats, messages] = await Promise.allSettled([
      actions.people.find(q), actions.findPublicChats(q), actions.searchMessages(q)]);
    if (q !== query) {
      return;
    }
    people = users.status === 'fulfilled' ? users.value.filter((user) => user.id !== store.me.id) : [];
    publicChats = chats.status === 'fulfilled' ? chats.value.items : [];
    found = messages.status === 'fulfilled' ? messages.value.items : [];
    render();
  }

  function render() {
    const needle = query.toLowerCase();
    const chats = store.sortedChats().filter((chat) => !chat.archived || needle)
      .filter((chat) => !needle || (chat.title || '').toLowerCase().includes(needle)
        || (chat.peer?.username || '').toLowerCase().includes(needle));
    // Rebuilt on every change; keyboard focus stays on the chat it was on.
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.chatId : null;
    const foundElsewhere = needle && (people.length || found.length || publicChats.some((chat) => !store.chats.has(chat.id)));
    replaceChildren(list, chats.length ? chats.map(item) : foundElsewhere ? null
      : h('li', { class: 'empty-note' }, needle ? 'Nothing found' : 'No chats yet. Start one with the + button.'));
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
          clearSearch();
          onOpen(chat.id);
        },
      }, avatar({ id: user.id, name: user.displayName, mediaId: user.avatarMediaId }),
      h('span', { class: 'chat-item-main' },
        h('span', { class: 'chat-item-top' }, h('span', { class: 'chat-title' }, user.displayName)),
        h('span', { class: 'chat-item-bottom' }, h('span', { class: 'chat-preview' }, `@${user.username}`))))))));
    renderFound();
  }

  function renderFound() {
    const joinable = publicChats.filter((chat) => !store.chats.has(chat.id));
    publicSection.hidden = joinable.length === 0;
    replaceChildren(publicSection, h('h3', { class: 'section-title' }, 'Public groups and channels'),
      h('ul', { class: 'chat-list' }, joinable.map((chat) => h('li', {}, h('button', {
        type: 'button', class: 'chat-item', dataset: { publicChatId: chat.id },
        onclick: () => onPreviewPublic(chat),
      }, avatar({ id: chat.id, name: chat.title, kind: chat.type, mediaId: chat.avatarMediaId }),
      h('span', { class: 'chat-item-main' },
        h('span', { class: 'chat-item-top' }, h('span', { class: 'chat-title' }, highlighted(chat.title, query)),
          chat.type === 'channel' ? h('span', { class: 'chat-kind', title: 'Channel' }, icon('megaphone')) : null),
        h('span', { class: 'chat-item-bottom' }, h('span', { class: 'chat-preview' },
          `${chat.memberCount} ${chat.type === 'channel' ? 'subscriber' : 'member'}${chat.memberCount === 1 ? '' : 's'}`
          + `${chat.description ? ` · ${chat.description}` : ''}`))))))));
    messageSection.hidden = found.length === 0;
    replaceChildren(messageSection, h('h3', { class: 'section-title' }, 'Messages'),
      h('ul', { class: 'search-results' }, found.map((message) => messageHit(message, {
        store, query, showChat: true, onOpen: () => onOpenMessage(message),
      }))));
  }

  function clearSearch() {
    search.value = '';
    query = '';
    people = [];
    publicChats = [];
    found = [];
    render();
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
      kind: chat.type === 'direct' ? null : chat.type, mediaId: chat.avatarMediaId }),
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
