import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { openDialog, attempt } from './dialog.js';
import { shortWhen } from '../format.js';

/**
 * The bell: my unread notification count on a button that opens the list. The list shows what I
 * was told while away, newest first; opening one marks it read and goes to its chat.
 */
export function notificationBell({ store, actions, onOpenChat }) {
  const badge = h('span', { class: 'bell-badge', hidden: true });
  const button = h('button', {
    type: 'button', class: 'icon-button bell', onclick: () => openNotifications({ store, actions, onOpenChat }),
  }, icon('bell'), badge);
  const render = () => {
    const unread = store.notifications.unread;
    badge.hidden = unread === 0;
    badge.textContent = unread > 99 ? '99+' : String(unread);
    const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
    button.setAttribute('aria-label', label);
    button.title = label;
  };
  store.on('notifications', render);
  render();
  return button;
}

function openNotifications({ store, actions, onOpenChat }) {
  let off = null;
  openDialog({
    title: 'Notifications',
    className: 'dialog-notifications',
    onClose: () => off?.(),
    build: (close) => {
      const list = h('ul', { class: 'notifications' });
      const more = h('button', { type: 'button', class: 'button ghost small', onclick: () => attempt(() => actions.notifications.loadOlder()) },
        'Show older');
      const readAll = h('button', { type: 'button', class: 'button ghost small mark-all-read', onclick: () => attempt(() => actions.notifications.markAllRead()) },
        'Mark all as read');
      const render = () => {
        const { items, hasOlder, unread } = store.notifications;
        readAll.disabled = unread === 0;
        more.hidden = !hasOlder;
        replaceChildren(list, items.length ? items.map((item) => entry(item)) : h('li', { class: 'muted empty' }, 'Nothing new. Notifications of what happens while you are away show here.'));
      };
      const entry = (item) => h('li', { class: ['notification', !item.read && 'unread'], dataset: { id: item.id, type: item.type } },
        h('button', {
          type: 'button', class: 'notification-open', onclick: async () => {
            if (!item.read) {
              attempt(() => actions.notifications.markRead([item.id]));
            }
            if (item.chatId) {
              close();
              onOpenChat(item.chatId);
            }
          },
        },
        avatar({ id: item.chatId || item.id, name: item.title, size: 'sm' }),
        h('span', { class: 'notification-text' },
          h('span', { class: 'notification-title' }, item.title),
          h('span', { class: 'notification-body' }, item.body),
          h('span', { class: 'muted notification-time' }, shortWhen(item.createdAt)))),
        h('button', {
          type: 'button', class: 'icon-button small', 'aria-label': 'Delete notification',
          onclick: () => attempt(() => actions.notifications.remove(item.id)),
        }, icon('trash')));
      off = store.on('notifications', render);
      render();
      actions.notifications.load().catch(() => {});
      return h('div', { class: 'stack' }, h('div', { class: 'dialog-actions start' }, readAll), list, more);
    },
  });
}
