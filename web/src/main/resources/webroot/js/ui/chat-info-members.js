import { h, replaceChildren } from './dom.js';
import { attempt, choose } from './dialog.js';
import { avatar } from './avatar.js';
import { peoplePicker } from './people-picker.js';
import { presenceLabel } from './describe.js';
import { isManager } from '../state/actions.js';

/**
 * The members of a group or channel with their roles and presence, kept current. Its owner and
 * admins add and remove people and promote admins; the owner hands ownership on.
 */
export function membersSection(ctx) {
  const { chatId, store, current, subscribe } = ctx;
  const c = current();
  const list = h('ul', { class: 'people members' });
  const render = () => replaceChildren(list, (store.members.get(chatId) || []).map((member) => memberRow(member, current(), ctx)));
  render();
  subscribe(store.on('members', (id) => id === chatId && render()));
  subscribe(store.on('presence', render));
  return h('section', { class: 'stack' },
    h('h3', { class: 'section-title' }, c.type === 'channel' ? 'Subscribers' : 'Members'),
    list,
    isManager(c) ? addMembers(ctx) : null);
}

function memberRow(member, c, ctx) {
  const { chatId, actions, store } = ctx;
  const me = member.userId === store.me.id;
  const canManage = isManager(c) && !me && member.role !== 'owner' && (c.role === 'owner' || member.role === 'member');
  const presence = store.presence.get(member.userId);
  const canHandOver = c.role === 'owner' && !me;
  return h('li', { class: 'person', dataset: { userId: member.userId } },
    avatar({ id: member.userId, name: member.displayName, size: 'sm', presence: presenceLabel(presence), mediaId: member.avatarMediaId }),
    h('span', { class: 'person-names' },
      h('span', { class: 'person-name' }, me ? `${member.displayName} (you)` : member.displayName),
      h('span', { class: 'muted' }, `@${member.username}`)),
    member.role !== 'member' ? h('span', { class: ['role', `role-${member.role}`] }, member.role) : null,
    canManage || canHandOver ? h('span', { class: 'person-actions' },
      canHandOver ? h('button', {
        type: 'button', class: 'button small ghost make-owner', 'aria-label': `Make ${member.displayName} the owner`,
        onclick: () => handOver(member, ctx),
      }, 'Make owner') : null,
      canManage ? h('button', {
        type: 'button', class: 'button small ghost', onclick: () => attempt(
          () => actions.chat.setRole(chatId, member.userId, member.role === 'admin' ? 'member' : 'admin'),
          member.role === 'admin' ? 'No longer an admin' : 'Now an admin'),
      }, member.role === 'admin' ? 'Remove admin' : 'Make admin') : null,
      canManage ? h('button', {
        type: 'button', class: 'button small ghost danger-text', 'aria-label': `Remove ${member.displayName}`,
        onclick: () => attempt(() => actions.chat.removeMember(chatId, member.userId), 'Removed'),
      }, 'Remove') : null) : null);
}

/** The owner hands the chat on; they stay as an admin. */
async function handOver(member, { chatId, actions, close }) {
  const answer = await choose({
    title: `Make ${member.displayName} the owner?`,
    message: 'They can then do everything you can now, including removing admins. You stay in the chat as an admin.',
    choices: [{ label: 'Make owner', value: true, kind: 'danger' }, { label: 'Cancel', value: false, kind: 'ghost' }],
  });
  if (answer && await attempt(() => actions.chat.transferOwnership(chatId, member.userId), `${member.displayName} is now the owner`)) {
    close();
  }
}

function addMembers({ chatId, actions, store }) {
  const existing = (store.members.get(chatId) || []).map((member) => member.userId);
  const picker = peoplePicker({ actions, store, exclude: existing, label: 'Add people' });
  return h('details', { class: 'add-members' },
    h('summary', {}, 'Add people'),
    picker.element,
    h('div', { class: 'dialog-actions' }, h('button', {
      type: 'button', class: 'button primary', onclick: () => {
        const ids = picker.chosen();
        if (ids.length) {
          attempt(() => actions.chat.addMembers(chatId, ids), 'Added');
        }
      },
    }, 'Add')));
}
