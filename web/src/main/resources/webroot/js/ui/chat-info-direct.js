import { h, replaceChildren } from './dom.js';
import { attempt, choose } from './dialog.js';
import { avatar } from './avatar.js';
import { presenceLabel } from './describe.js';
import { lastSeen } from '../format.js';

/**
 * The other person of a direct chat: who they are, whether they are online, their status and bio,
 * adding them to my contacts, and blocking them.
 */
export function directInfo({ actions, store, current }) {
  const peer = current().peer || {};
  const presence = store.presence.get(peer.userId);
  const profile = h('div', { class: 'profile-extra' });
  actions.people.profile(peer.userId).then((user) => replaceChildren(profile,
    user.statusText ? h('p', { class: 'status-text' }, user.statusText) : null,
    user.bio ? h('p', { class: 'bio' }, user.bio) : null)).catch(() => {});
  return h('div', { class: 'profile-card' },
    avatar({ id: peer.userId, name: peer.displayName, size: 'xl', presence: presenceLabel(presence), mediaId: peer.avatarMediaId }),
    h('h3', {}, peer.displayName || current().title),
    h('p', { class: 'muted' }, `@${peer.username || ''}`),
    h('p', { class: 'muted' }, presenceLabel(presence) || lastSeen(presence?.lastSeen)),
    profile,
    h('div', { class: 'dialog-actions' },
      h('button', {
        type: 'button', class: 'button add-contact',
        onclick: () => attempt(() => actions.stories.addContact(peer.userId), `${peer.displayName} is in your contacts`),
      }, 'Add to contacts'),
      h('button', {
        type: 'button', class: 'button danger', onclick: async () => {
          const answer = await choose({ title: `Block ${peer.displayName}?`, message: 'They will not be able to message you or see when you are online.',
            choices: [{ label: 'Block', value: true, kind: 'danger' }, { label: 'Cancel', value: false, kind: 'ghost' }] });
          if (answer) {
            await attempt(() => actions.people.block(peer.userId), `${peer.displayName} is blocked`);
          }
        },
      }, 'Block')));
}
