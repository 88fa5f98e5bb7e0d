import { h, replaceChildren } from './dom.js';
import { openDialog, toast } from './dialog.js';
import { peoplePicker } from './people-picker.js';

/** Start a direct chat, a group or a channel; `onCreated(chatId)` opens it. */
export function openNewChatDialog({ actions, store, onCreated }) {
  openDialog({
    title: 'New chat',
    className: 'dialog-new-chat',
    build: (close) => {
      const body = h('div', { class: 'stack' });
      const kinds = [['direct', 'Direct message'], ['group', 'Group'], ['channel', 'Channel']];
      const tabs = h('div', { class: 'segmented', role: 'tablist', 'aria-label': 'Kind of chat' },
        kinds.map(([kind, label]) => h('button', {
          type: 'button', role: 'tab', class: 'segment', dataset: { kind }, onclick: () => show(kind),
        }, label)));
      tabs.addEventListener('keydown', (event) => {
        const index = kinds.findIndex(([kind]) => kind === document.activeElement?.dataset.kind);
        const step = { ArrowRight: 1, ArrowLeft: kinds.length - 1 }[event.key];
        if (step && index >= 0) {
          const next = kinds[(index + step) % kinds.length][0];
          show(next, false);
          tabs.querySelector(`[data-kind="${next}"]`).focus();
        }
      });
      const panel = h('div', { role: 'tabpanel' });
      body.append(tabs, panel);
      show('direct');
      return body;

      function show(kind, focusField = true) {
        tabs.querySelectorAll('.segment').forEach((tab) => {
          const selected = tab.dataset.kind === kind;
          tab.setAttribute('aria-selected', String(selected));
          tab.tabIndex = selected ? 0 : -1;
        });
        replaceChildren(panel, kind === 'direct' ? direct() : group(kind));
        if (focusField) {
          panel.querySelector('input')?.focus();
        }
      }

      function direct() {
        const open = async (user) => {
          try {
            const chat = await actions.openDirect(user.id);
            close();
            onCreated(chat.id);
          } catch (failure) {
            toast(`Could not open the chat: ${failure.message}`, { kind: 'error' });
          }
        };
        const picker = peoplePicker({ actions, store, single: true, label: 'Find someone to message', onPick: open });
        // My contacts, one click away (by the name I gave them).
        const contacts = h('ul', { class: 'people contacts-pick', 'aria-label': 'My contacts' });
        actions.stories.loadContacts().then((items) => replaceChildren(contacts, ...items.map((contact) => h('li', {},
          h('button', { type: 'button', class: 'person-row link', dataset: { userId: contact.user.id }, onclick: () => open(contact.user) },
            h('span', { class: 'person-name' }, contact.name || contact.user.displayName),
            h('span', { class: 'muted' }, ` @${contact.user.username}`))))), () => {});
        return h('div', { class: 'stack' }, h('p', { class: 'muted' }, 'Find someone by name or username, or pick a contact.'),
          picker.element, contacts);
      }

      function group(kind) {
        const error = h('p', { class: 'form-error', role: 'alert' });
        const picker = peoplePicker({ actions, store, label: 'Add members' });
        const form = h('form', {
          class: 'stack',
          onsubmit: async (event) => {
            event.preventDefault();
            const data = new FormData(form);
            try {
              const chat = await actions.createGroup({
                type: kind, title: data.get('title'), description: data.get('description') || undefined,
                memberIds: picker.chosen(), isPublic: data.get('public') === 'on',
              });
              close();
              onCreated(chat.id);
            } catch (failure) {
              error.textContent = failure.message;
            }
          },
        },
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, kind === 'channel' ? 'Channel name' : 'Group name'),
          h('input', { name: 'title', class: 'text-input', required: true, maxlength: 128 })),
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Description (optional)'),
          h('textarea', { name: 'description', class: 'text-input', rows: 2, maxlength: 1000 })),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'public' }),
          h('span', {}, 'Public: anyone can find it by name and join')),
        h('div', { class: 'field' }, h('span', { class: 'field-label' }, kind === 'channel' ? 'Subscribers' : 'Members'), picker.element),
        error,
        h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary' }, kind === 'channel' ? 'Create channel' : 'Create group')));
        return form;
      }
    },
  });
}
