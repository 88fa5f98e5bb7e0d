import { h } from './dom.js';
import { attempt, choose } from './dialog.js';
import { avatar } from './avatar.js';
import { inviteLinks } from './invite-links.js';
import { membersSection } from './chat-info-members.js';
import { picturePicker } from './picture-picker.js';
import { isManager } from '../state/actions.js';

/**
 * A group or channel: its title, description and size; for its owner and admins a form to change
 * them and its invite links; its members (subscribers of a channel only for its managers); and
 * leaving it.
 */
export function groupInfo(ctx) {
  const { chatId, actions, store, current, subscribe } = ctx;
  const c = current();
  const manager = isManager(c);
  const members = store.members.get(chatId) || [];
  const links = manager ? inviteLinks({ actions, store, chatId }) : null;
  if (links) {
    subscribe(links.dispose);
  }
  const people = manager || c.type !== 'channel' ? membersSection(ctx) : null;
  actions.loadMembers(chatId).catch(() => {});
  return [
    h('div', { class: 'profile-card' },
      manager ? picturePicker({
        id: c.id, name: c.title, mediaId: c.avatarMediaId, kind: c.type, label: 'picture',
        save: (file, onProgress) => actions.chat.setPicture(chatId, file, { onProgress }),
        remove: () => actions.chat.removePicture(chatId),
      }) : avatar({ id: c.id, name: c.title, size: 'xl', kind: c.type, mediaId: c.avatarMediaId }),
      h('h3', {}, c.title),
      c.description ? h('p', { class: 'bio' }, c.description) : null,
      h('p', { class: 'muted' }, `${c.memberCount || members.length} ${c.type === 'channel' ? 'subscribers' : 'members'}${c.public ? ' · public' : ''}`)),
    manager ? editForm(c, ctx) : null,
    people,
    links?.element,
    h('div', { class: 'dialog-actions' }, h('button', {
      type: 'button', class: 'button danger', onclick: () => leave(c, ctx),
    }, c.type === 'channel' ? 'Leave channel' : 'Leave group')),
  ];
}

function editForm(c, { chatId, actions }) {
  const form = h('form', {
    class: 'stack compact', onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(form);
      attempt(() => actions.chat.describe(chatId, { title: data.get('title'), description: data.get('description') }), 'Saved');
    },
  },
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Title'), h('input', { name: 'title', class: 'text-input', value: c.title, required: true, maxlength: 128 })),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Description'), h('textarea', { name: 'description', class: 'text-input', rows: 2, value: c.description || '', maxlength: 1000 })),
  h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button secondary' }, 'Save')));
  return form;
}

async function leave(c, { chatId, actions, close, onLeft }) {
  const answer = await choose({ title: `Leave ${c.title}?`, choices: [{ label: 'Leave', value: true, kind: 'danger' }, { label: 'Cancel', value: false, kind: 'ghost' }] });
  if (answer && await attempt(() => actions.chat.leave(chatId))) {
    close();
    onLeft?.(chatId);
  }
}
