import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { openDialog, toast } from './dialog.js';
import { summarize } from './describe.js';
import { isManager } from '../state/actions.js';

/** "Message info" of my message in a group: who read it, who got it. */
export function openReceiptsDialog({ store, chatId, message }) {
  const receipt = store.receiptOf(chatId, message.seq);
  const delivered = receipt.deliveredTo.filter((id) => !receipt.readBy.includes(id));
  const section = (label, ids) => h('section', {},
    h('h3', { class: 'section-title' }, `${label} (${ids.length})`),
    ids.length ? people(store, ids) : h('p', { class: 'muted' }, 'Nobody yet'));
  openDialog({ title: 'Message info', className: 'dialog-small', build: () => h('div', { class: 'stack' },
    section('Read by', receipt.readBy), section('Delivered to', delivered)) });
}

/** Who reacted to a message: everyone, or per emoji (tabs), with their names. */
export function openReactionsDialog({ store, actions, chatId, message }) {
  openDialog({
    title: 'Reactions',
    className: 'dialog-small dialog-reactions',
    build: () => {
      const tabs = h('div', { class: 'segmented reaction-tabs', role: 'tablist', 'aria-label': 'Reactions by emoji' });
      const panel = h('div', { role: 'tabpanel', class: 'reaction-people' }, h('p', { class: 'muted' }, 'Loading…'));
      actions.whoReacted(chatId, message.seq).then((items) => {
        const everyone = items.flatMap((item) => item.userIds.map((userId) => ({ userId, emoji: item.emoji })));
        const choices = [{ key: 'all', label: `All ${everyone.length}`, rows: everyone },
          ...items.map((item) => ({ key: item.emoji, label: `${item.emoji} ${item.count}`, rows: everyone.filter((row) => row.emoji === item.emoji) }))];
        const show = (key) => {
          tabs.querySelectorAll('.segment').forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.key === key)));
          const rows = choices.find((choice) => choice.key === key).rows;
          replaceChildren(panel, rows.length ? h('ul', { class: 'people' }, rows.map(({ userId, emoji }) => h('li', { class: 'person' },
            avatar({ id: userId, name: store.fullNameOf(userId), size: 'sm' }),
            h('span', { class: 'person-names' }, h('span', { class: 'person-name' }, store.nameOf(userId))),
            h('span', { class: 'reaction-of', 'aria-label': `reacted with ${emoji}` }, emoji))))
            : h('p', { class: 'muted' }, 'No reactions any more.'));
        };
        replaceChildren(tabs, choices.map((choice) => h('button', {
          type: 'button', role: 'tab', class: 'segment', dataset: { key: choice.key }, onclick: () => show(choice.key),
        }, choice.label)));
        show('all');
      }, (error) => replaceChildren(panel, h('p', { class: 'form-error' }, error.message)));
      return h('div', { class: 'stack' }, tabs, panel);
    },
  });
}

/** Forwards a message to another of my chats (those I may post in), found by name. */
export function openForwardDialog({ store, actions, chatId, message, onForwarded }) {
  openDialog({
    title: 'Forward to…',
    className: 'dialog-small dialog-forward',
    build: (close) => {
      const filter = h('input', { type: 'search', class: 'text-input', placeholder: 'Find a chat', 'aria-label': 'Find a chat', autocomplete: 'off' });
      const list = h('ul', { class: 'people forward-targets', 'aria-label': 'Chats' });
      const render = () => {
        const needle = filter.value.trim().toLowerCase();
        const targets = store.sortedChats()
          .filter((chat) => chat.id !== chatId && !(chat.type === 'channel' && !isManager(chat)))
          .filter((chat) => !needle || (chat.title || '').toLowerCase().includes(needle));
        replaceChildren(list, targets.length ? targets.map((chat) => h('li', {}, h('button', {
          type: 'button', class: 'person-button', dataset: { chatId: chat.id },
          onclick: async (event) => {
            const button = event.currentTarget;
            button.disabled = true;
            try {
              await actions.forward(chatId, message.seq, chat.id);
              close();
              toast(`Forwarded to ${chat.title}`);
              onForwarded?.(chat.id);
            } catch (error) {
              button.disabled = false;
              toast(`Could not forward: ${error.message}`, { kind: 'error' });
            }
          },
        }, avatar({ id: chat.peer?.userId || chat.id, name: chat.title, size: 'sm', kind: chat.type === 'direct' ? null : chat.type }),
        h('span', { class: 'person-names' }, h('span', { class: 'person-name' }, chat.title),
          h('span', { class: 'muted' }, { direct: 'Direct message', group: 'Group', channel: 'Channel' }[chat.type])),
        icon('forward')))) : h('li', { class: 'muted' }, 'No chat to forward to.'));
      };
      filter.addEventListener('input', render);
      render();
      queueMicrotask(() => filter.focus());
      return h('div', { class: 'stack compact' },
        h('blockquote', { class: 'forward-preview' },
          h('span', { class: 'quote-sender' }, store.nameOf(message.senderId)),
          h('span', { class: 'quote-text' }, summarize(message))),
        filter, list);
    },
  });
}

function people(store, ids) {
  return h('ul', { class: 'people' }, ids.map((id) => h('li', { class: 'person' },
    avatar({ id, name: store.fullNameOf(id), size: 'sm' }), h('span', {}, store.nameOf(id)))));
}
