import { h, replaceChildren } from './dom.js';
import { choose, openDialog, toast } from './dialog.js';
import { avatar } from './avatar.js';
import { peoplePicker } from './people-picker.js';
import { inviteLinks } from './invite-links.js';
import { presenceLabel } from './describe.js';
import { isManager } from '../state/actions.js';
import { lastSeen } from '../format.js';

const FOREVER = '9999-12-31T23:59:59Z';

/**
 * Chat info: for a direct chat the other person's profile and blocking; for groups and channels
 * the title and description (editable by owner and admins), members with roles, adding and
 * removing people, promoting admins, handing ownership on, invite links and leaving. Both have
 * my own pin / mute / archive.
 */
export function openChatInfo({ chatId, actions, store, onLeft }) {
  const chat = store.chats.get(chatId);
  if (!chat) {
    return;
  }
  const subscriptions = [];
  openDialog({
    onClose: () => subscriptions.forEach((off) => off()),
    title: chat.type === 'direct' ? 'Contact info' : chat.type === 'channel' ? 'Channel info' : 'Group info',
    className: 'dialog-info',
    build: (close) => {
      const root = h('div', { class: 'stack' });
      const memberList = h('ul', { class: 'people members' });
      const renderMembers = () => replaceChildren(memberList, (store.members.get(chatId) || []).map((member) => memberRow(member, current())));
      replaceChildren(root, chat.type === 'direct' ? direct() : group(), mySettings());
      renderMembers();
      subscriptions.push(store.on('members', (id) => id === chatId && renderMembers()), store.on('presence', renderMembers));
      if (chat.type !== 'direct') {
        actions.loadMembers(chatId).catch(() => {});
      }
      return root;

      function current() {
        return store.chats.get(chatId) || chat;
      }

      function direct() {
        const peer = current().peer || {};
        const presence = store.presence.get(peer.userId);
        const profile = h('div', { class: 'profile-extra' });
        actions.api.user(peer.userId).then((user) => replaceChildren(profile,
          user.statusText ? h('p', { class: 'status-text' }, user.statusText) : null,
          user.bio ? h('p', { class: 'bio' }, user.bio) : null)).catch(() => {});
        return h('div', { class: 'profile-card' },
          avatar({ id: peer.userId, name: peer.displayName, size: 'xl', presence: presenceLabel(presence) }),
          h('h3', {}, peer.displayName || current().title),
          h('p', { class: 'muted' }, `@${peer.username || ''}`),
          h('p', { class: 'muted' }, presenceLabel(presence) || lastSeen(presence?.lastSeen)),
          profile,
          h('div', { class: 'dialog-actions' },
            h('button', {
              type: 'button', class: 'button danger', onclick: async () => {
                const answer = await choose({ title: `Block ${peer.displayName}?`, message: 'They will not be able to message you or see when you are online.',
                  choices: [{ label: 'Block', value: true, kind: 'danger' }, { label: 'Cancel', value: false, kind: 'ghost' }] });
                if (answer) {
                  await attempt(() => actions.api.block(peer.userId), `${peer.displayName} is blocked`);
                }
              },
            }, 'Block')));
      }

      function group() {
        const c = current();
        const manager = isManager(c);
        const members = store.members.get(chatId) || [];
        const links = manager ? inviteLinks({ actions, store, chatId }) : null;
        if (links) {
          subscriptions.push(links.dispose);
        }
        const header = h('div', { class: 'profile-card' },
          avatar({ id: c.id, name: c.title, size: 'xl', kind: c.type }),
          h('h3', {}, c.title),
          c.description ? h('p', { class: 'bio' }, c.description) : null,
          h('p', { class: 'muted' }, `${c.memberCount || members.length} ${c.type === 'channel' ? 'subscribers' : 'members'}${c.public ? ' · public' : ''}`));
        return [
          header,
          manager ? editForm(c) : null,
          manager || c.type !== 'channel' ? h('section', { class: 'stack' },
            h('h3', { class: 'section-title' }, c.type === 'channel' ? 'Subscribers' : 'Members'),
            memberList,
            manager ? addMembers() : null) : null,
          links?.element,
          h('div', { class: 'dialog-actions' }, h('button', {
            type: 'button', class: 'button danger', onclick: async () => {
              const answer = await choose({ title: `Leave ${c.title}?`, choices: [{ label: 'Leave', value: true, kind: 'danger' }, { label: 'Cancel', value: false, kind: 'ghost' }] });
              if (answer && await attempt(() => actions.api.leave(chatId))) {
                store.removeChat(chatId);
                close();
                onLeft?.(chatId);
              }
            },
          }, c.type === 'channel' ? 'Leave channel' : 'Leave group')),
        ];
      }

      function editForm(c) {
        const form = h('form', {
          class: 'stack compact', onsubmit: async (event) => {
            event.preventDefault();
            const data = new FormData(form);
            const updated = await attempt(() => actions.api.updateChat(chatId, { title: data.get('title'), description: data.get('description') }), 'Saved');
            if (updated?.id) {
              store.upsertChat(updated);
            }
          },
        },
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Title'), h('input', { name: 'title', class: 'text-input', value: c.title, required: true, maxlength: 128 })),
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Description'), h('textarea', { name: 'description', class: 'text-input', rows: 2, value: c.description || '', maxlength: 1000 })),
        h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button secondary' }, 'Save')));
        return form;
      }

      function memberRow(member, c) {
        const me = member.userId === store.me.id;
        const canManage = isManager(c) && !me && member.role !== 'owner' && (c.role === 'owner' || member.role === 'member');
        const presence = store.presence.get(member.userId);
        const canHandOver = c.role === 'owner' && !me;
        return h('li', { class: 'person', dataset: { userId: member.userId } },
          avatar({ id: member.userId, name: member.displayName, size: 'sm', presence: presenceLabel(presence) }),
          h('span', { class: 'person-names' },
            h('span', { class: 'person-name' }, me ? `${member.displayName} (you)` : member.displayName),
            h('span', { class: 'muted' }, `@${member.username}`)),
          member.role !== 'member' ? h('span', { class: ['role', `role-${member.role}`] }, member.role) : null,
          canManage || canHandOver ? h('span', { class: 'person-actions' },
            canHandOver ? h('button', {
              type: 'button', class: 'button small ghost make-owner', 'aria-label': `Make ${member.displayName} the owner`,
              onclick: () => handOver(member),
            }, 'Make owner') : null,
            canManage && (c.role === 'owner' || member.role === 'member') ? h('button', {
              type: 'button', class: 'button small ghost', onclick: () => attempt(
                () => actions.api.setRole(chatId, member.userId, member.role === 'admin' ? 'member' : 'admin'),
                member.role === 'admin' ? 'No longer an admin' : 'Now an admin').then(() => actions.loadMembers(chatId)),
            }, member.role === 'admin' ? 'Remove admin' : 'Make admin') : null,
            canManage ? h('button', {
              type: 'button', class: 'button small ghost danger-text', 'aria-label': `Remove ${member.displayName}`,
              onclick: () => attempt(() => actions.api.removeMember(chatId, member.userId), 'Removed').then(() => actions.loadMembers(chatId)),
            }, 'Remove') : null) : null);
      }

      /** The owner hands the chat on; they stay as an admin. */
      async function handOver(member) {
        const answer = await choose({
          title: `Make ${member.displayName} the owner?`,
          message: 'They can then do everything you can now, including removing admins. You stay in the chat as an admin.',
          choices: [{ label: 'Make owner', value: true, kind: 'danger' }, { label: 'Cancel', value: false, kind: 'ghost' }],
        });
        if (answer && await attempt(() => actions.api.transferOwnership(chatId, member.userId), `${member.displayName} is now the owner`)) {
          await actions.refreshChat(chatId).catch(() => {});
          await actions.loadMembers(chatId).catch(() => {});
          close();
        }
      }

      function addMembers() {
        const existing = (store.members.get(chatId) || []).map((member) => member.userId);
        const picker = peoplePicker({ actions, store, exclude: existing, label: 'Add people' });
        return h('details', { class: 'add-members' },
          h('summary', {}, 'Add people'),
          picker.element,
          h('div', { class: 'dialog-actions' }, h('button', {
            type: 'button', class: 'button primary', onclick: async () => {
              const ids = picker.chosen();
              if (ids.length && await attempt(() => actions.api.addMembers(chatId, ids), 'Added')) {
                actions.loadMembers(chatId);
              }
            },
          }, 'Add')));
      }

      function mySettings() {
        const c = current();
        return h('section', { class: 'stack compact my-settings' },
          h('h3', { class: 'section-title' }, 'For me'),
          toggle('Pin to the top of my chats', c.pinned, (on) => ({ pinned: on })),
          toggle('Mute notifications', c.muted, (on) => ({ mutedUntil: on ? FOREVER : null })),
          toggle('Archive', c.archived, (on) => ({ archived: on })));
      }

      function toggle(label, on, body) {
        return h('label', { class: 'check' },
          h('input', {
            type: 'checkbox', checked: Boolean(on), onchange: async (event) => {
              const updated = await attempt(() => actions.api.chatSettings(chatId, body(event.target.checked)));
              if (updated?.id) {
                store.upsertChat(updated);
                store.emit('chats');
              } else {
                event.target.checked = Boolean(on);
              }
            },
          }),
          h('span', {}, label));
      }
    },
  });

  async function attempt(work, success) {
    try {
      const answer = await work();
      if (success) {
        toast(success);
      }
      return answer ?? true;
    } catch (error) {
      toast(error.message, { kind: 'error' });
      return null;
    }
  }
}
