import { h, replaceChildren } from './dom.js';
import { openDialog, toast } from './dialog.js';

const BACKGROUNDS = ['#336699', '#8e44ad', '#16a085', '#c0392b', '#f39c12', '#2c3e50'];

/**
 * Posting a story: a photo or a video from a file, or a text on a colour; an optional caption;
 * and who sees it: all my contacts, only some of them, or all but some.
 */
export function openStoryComposer({ store, actions }) {
  openDialog({
    title: 'New story',
    className: 'dialog-story-composer',
    build: (close) => {
      const error = h('p', { class: 'form-error', role: 'alert' });
      const file = h('input', { type: 'file', name: 'file', accept: 'image/*,video/*', 'aria-label': 'Photo or video' });
      const text = h('textarea', { name: 'text', class: 'text-input story-text-input', rows: 4, maxlength: 700, placeholder: 'Or write something…', 'aria-label': 'Story text' });
      let background = BACKGROUNDS[0];
      const swatches = h('div', { class: 'swatches', role: 'radiogroup', 'aria-label': 'Background' },
        BACKGROUNDS.map((colour) => {
          const swatch = h('button', {
            type: 'button', class: 'swatch', role: 'radio', 'aria-label': colour, 'aria-checked': String(colour === background),
            onclick: (event) => {
              background = colour;
              swatches.querySelectorAll('.swatch').forEach((other) => other.setAttribute('aria-checked', String(other === event.currentTarget)));
              text.style.background = colour;
            },
          });
          // Through the CSSOM: the page's CSP allows no style attributes.
          swatch.style.background = colour;
          return swatch;
        }));
      text.style.background = background;
      const caption = h('input', { name: 'caption', class: 'text-input', maxlength: 700, placeholder: 'Caption (optional)', 'aria-label': 'Caption' });
      const audienceType = h('select', { name: 'audience', class: 'text-input', 'aria-label': 'Who sees it' },
        h('option', { value: 'contacts' }, 'My contacts'),
        h('option', { value: 'selected' }, 'Only…'),
        h('option', { value: 'contacts_except' }, 'My contacts except…'));
      const people = h('fieldset', { class: 'field audience-people', hidden: true }, h('legend', { class: 'field-label' }, 'Contacts'));
      audienceType.addEventListener('change', async () => {
        people.hidden = audienceType.value === 'contacts';
        if (!people.hidden && people.querySelectorAll('input').length === 0) {
          const contacts = await actions.stories.loadContacts().catch(() => []);
          people.append(...(contacts.length ? contacts.map((contact) => h('label', { class: 'check' },
            h('input', { type: 'checkbox', name: 'userIds', value: contact.user.id }),
            h('span', {}, contact.name || contact.user.displayName)))
            : [h('p', { class: 'muted' }, 'You have no contacts yet: add some in Settings → Contacts.')]));
        }
      });
      const submit = h('button', { type: 'submit', class: 'button primary' }, 'Post story');
      const form = h('form', {
        class: 'stack', onsubmit: async (event) => {
          event.preventDefault();
          error.textContent = '';
          const chosen = file.files?.[0];
          if (!chosen && !text.value.trim()) {
            error.textContent = 'Choose a photo or a video, or write a text.';
            return;
          }
          const userIds = [...people.querySelectorAll('input[name=userIds]:checked')].map((box) => box.value);
          submit.disabled = true;
          try {
            await actions.stories.post({
              file: chosen, text: text.value.trim(), background, caption: caption.value.trim(),
              audience: { type: audienceType.value, userIds },
            });
            toast('Story posted');
            close();
          } catch (failure) {
            error.textContent = failure.message;
          } finally {
            submit.disabled = false;
          }
        },
      }, h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Photo or video'), file),
      text, swatches, caption,
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Who sees it'), audienceType), people, error, submit);
      return form;
    },
  });
}

/** My contacts in Settings: the list, remove one, add someone found by name or exact phone number. */
export async function contactsSettings({ actions, store }) {
  const list = h('ul', { class: 'people contacts-list', 'aria-label': 'My contacts' });
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const render = (contacts) => replaceChildren(list, ...(contacts.length ? contacts.map((contact) => h('li', { class: 'person-row' },
    h('span', { class: 'person-name' }, contact.name || contact.user.displayName),
    h('span', { class: 'muted' }, `@${contact.user.username}`),
    h('button', { type: 'button', class: 'button', onclick: async () => render(await actions.stories.removeContact(contact.user.id)) }, 'Remove')))
    : [h('li', { class: 'muted' }, 'No contacts yet.')]));
  render(await actions.stories.loadContacts());
  const search = h('input', { type: 'search', class: 'text-input', name: 'contactSearch', placeholder: 'Username, name or +phone', 'aria-label': 'Find a person to add' });
  const found = h('ul', { class: 'people', 'aria-label': 'People found' });
  const form = h('form', {
    class: 'row', onsubmit: async (event) => {
      event.preventDefault();
      const q = search.value.trim();
      status.textContent = '';
      try {
        const people = q.startsWith('+') ? await actions.stories.findByPhone(q) : await actions.people.find(q);
        const others = people.filter((person) => person.id !== store.me.id);
        status.textContent = others.length ? '' : 'Nobody found.';
        replaceChildren(found, ...others.map((person) => h('li', { class: 'person-row' },
          h('span', { class: 'person-name' }, person.displayName), h('span', { class: 'muted' }, `@${person.username}`),
          h('button', {
            type: 'button', class: 'button primary', onclick: async () => {
              render(await actions.stories.addContact(person.id));
              replaceChildren(found);
            },
          }, 'Add'))));
      } catch (failure) {
        status.textContent = failure.message;
      }
    },
  }, search, h('button', { type: 'submit', class: 'button' }, 'Find'));
  return h('div', { class: 'stack contacts-settings' }, h('h3', { class: 'section-title' }, 'Contacts'), list, form, status, found);
}
