import { h, replaceChildren } from './dom.js';
import { avatar } from './avatar.js';
import { openDialog } from './dialog.js';

/**
 * Joining a group or channel I am not in: what it is (title, kind, how many are in it), and a
 * button to join. `load()` gives that preview (a public chat found by search, or what an invite
 * link leads to); `join()` joins and resolves with the chat, handed to `onJoined(chat)`. A link
 * that no longer works says why.
 */
export function openJoinDialog({ load, join, onJoined, heading = 'Join' }) {
  openDialog({
    title: heading,
    className: 'dialog-small dialog-join',
    build: (close) => {
      const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, 'Loading…'));
      load().then((chat) => {
        const error = h('p', { class: 'form-error', role: 'alert' });
        const noun = chat.type === 'channel' ? 'subscriber' : 'member';
        const joinButton = h('button', {
          type: 'button', class: 'button primary join-button', onclick: async () => {
            joinButton.disabled = true;
            error.textContent = '';
            try {
              const joined = await join();
              close();
              onJoined(joined);
            } catch (failure) {
              error.textContent = failure.message;
              joinButton.disabled = false;
            }
          },
        }, chat.type === 'channel' ? 'Join channel' : 'Join group');
        replaceChildren(body,
          h('div', { class: 'profile-card' },
            avatar({ id: chat.id || chat.title, name: chat.title, size: 'xl', kind: chat.type }),
            h('h3', { class: 'join-title' }, chat.title),
            h('p', { class: 'muted' }, `${chat.type === 'channel' ? 'Channel' : 'Group'} · ${chat.memberCount} ${noun}${chat.memberCount === 1 ? '' : 's'}`),
            chat.description ? h('p', { class: 'bio' }, chat.description) : null),
          error,
          h('div', { class: 'dialog-actions' },
            h('button', { type: 'button', class: 'button ghost', onclick: close }, 'Not now'),
            joinButton));
        joinButton.focus();
      }, (failure) => replaceChildren(body,
        h('p', { class: 'join-refused', role: 'alert' }, failure.status === 404 ? 'This invite link does not exist.' : failure.message),
        h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button secondary', onclick: close }, 'Close'))));
      return body;
    },
  });
}
