import { h } from './dom.js';
import { choose, toast } from './dialog.js';

const MIN_PASSWORD = 10;

/**
 * My account: change the password (every other device is signed out, this one stays), download my
 * data, and delete
 * the account for good (asks for the password and a confirmation; then this device is signed out).
 */
export function accountSettings({ actions }) {
  return h('div', { class: 'stack account-settings' }, passwordForm(actions), exportSection(actions), deleteForm(actions));
}

/** My data as one JSON file (profile, chats, my own messages), saved by the browser. */
function exportSection(actions) {
  const button = h('button', {
    type: 'button', class: 'button secondary export-data',
    onclick: async () => {
      button.disabled = true;
      try {
        const data = await actions.admin.exportMyData();
        const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
        const link = h('a', { href: url, download: `parley-export-${new Date().toISOString().slice(0, 10)}.json` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch (failure) {
        toast(`Could not export your data: ${failure.message}`, { kind: 'error' });
      } finally {
        button.disabled = false;
      }
    },
  }, 'Download my data');
  return h('section', { class: 'stack compact' }, h('h3', { class: 'section-title' }, 'Your data'),
    h('p', { class: 'muted' }, 'Your profile, your chats and every message you sent, as one JSON file.'), button);
}

function passwordForm(actions) {
  const error = h('p', { class: 'form-error', role: 'alert', id: 'password-error' });
  const form = h('form', {
    class: 'stack compact password-form', onsubmit: async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      error.textContent = '';
      if (data.get('newPassword') !== data.get('repeatPassword')) {
        error.textContent = 'The new passwords do not match.';
        return;
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const answer = await actions.account.changePassword(data.get('currentPassword'), data.get('newPassword'));
        form.reset();
        const others = answer?.sessionsRevoked || 0;
        toast(others ? `Password changed. ${others} other ${others === 1 ? 'device was' : 'devices were'} signed out.` : 'Password changed.');
      } catch (failure) {
        error.textContent = failure.code === 'auth.wrong_password' ? 'Your current password is not right.' : failure.message;
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h3', { class: 'section-title' }, 'Change password'),
  field('Current password', 'currentPassword', 'current-password'),
  field('New password', 'newPassword', 'new-password', MIN_PASSWORD),
  field('Repeat the new password', 'repeatPassword', 'new-password', MIN_PASSWORD),
  h('p', { class: 'hint' }, 'At least 10 characters. Your other devices will be signed out.'),
  error,
  h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary' }, 'Change password')));
  return form;
}

function deleteForm(actions) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', {
    class: 'stack compact danger-zone', onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      const sure = await choose({
        title: 'Delete your account?',
        message: 'Your profile, devices and blocks are removed and your username becomes free. Your messages stay in '
          + 'their chats, shown as from “Deleted user”. This cannot be undone.',
        choices: [{ label: 'Delete my account', value: true, kind: 'danger' }, { label: 'Keep it', value: false, kind: 'ghost' }],
      });
      if (!sure) {
        return;
      }
      try {
        await actions.account.deleteAccount(new FormData(form).get('password'));
      } catch (failure) {
        error.textContent = failure.code === 'auth.wrong_password' ? 'That password is not right.' : failure.message;
      }
    },
  },
  h('h3', { class: 'section-title' }, 'Delete account'),
  h('p', { class: 'muted' }, 'Deleting your account signs out every device and cannot be undone.'),
  field('Your password', 'password', 'current-password'),
  error,
  h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button danger delete-account' }, 'Delete account…')));
  return form;
}

function field(label, name, autocomplete, minlength) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label),
    h('input', { type: 'password', name, autocomplete, required: true, minlength, maxlength: 128 }));
}
