import { h } from './dom.js';
import { avatar } from './avatar.js';
import { summarize } from './describe.js';
import { matchParts, shortWhen } from '../format.js';

/** A text with the words of a search marked; every part is a text node. */
export function highlighted(text, query) {
  return matchParts(text, query).map((part) => (part.match ? h('mark', {}, part.text) : part.text));
}

/**
 * One found message as a button: who wrote it (and, with `showChat`, in which chat), when, and
 * its text with the search words marked.
 */
export function messageHit(message, { store, query, showChat = false, onOpen }) {
  const chat = store.chats.get(message.chatId);
  const sender = store.nameOf(message.senderId);
  const title = showChat ? chat?.title || 'Chat' : sender;
  const text = showChat && chat?.type !== 'direct' ? `${sender}: ${summarize(message)}` : summarize(message);
  return h('li', {}, h('button', {
    type: 'button', class: 'search-hit', dataset: { chatId: message.chatId, seq: String(message.seq) },
    onclick: () => onOpen(message),
  },
  showChat ? avatar({ id: chat?.peer?.userId || message.chatId, name: title, kind: chat && chat.type !== 'direct' ? chat.type : null, size: 'sm' })
    : avatar({ id: message.senderId, name: store.fullNameOf(message.senderId), size: 'sm' }),
  h('span', { class: 'search-hit-main' },
    h('span', { class: 'search-hit-top' },
      h('span', { class: 'search-hit-title' }, title),
      h('time', { class: 'search-hit-time', datetime: message.createdAt }, shortWhen(message.createdAt))),
    h('span', { class: 'search-hit-text' }, highlighted(text, query)))));
}
