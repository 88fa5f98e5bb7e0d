import { h, replaceChildren } from './dom.js';
import { openDialog, toast } from './dialog.js';
import { avatar } from './avatar.js';
import { accountSettings } from './account-settings.js';
import { picturePicker } from './picture-picker.js';
import { notificationSettings } from './notification-settings.js';
import { contactsSettings } from './story-composer.js';
import { shortWhen } from '../format.js';

/**
 * Me: profile and privacy, my status, notifications (push on this device, previews, reactions),
 * my devices (sessions, revoke), the people I blocked, my account (password, deletion), sign out.
 */
export function openProfileDialog({ actions }) {
  openDialog({
    title: 'Settings',
    className: 'dialog-profile',
    build: () => {
      const sections = [['profile', 'Profile'], ['contacts', 'Contacts'], ['notifications', 'Notifications'], ['devices', 'Devices'], ['blocked', 'Blocked'],
        ['account', 'Account']];
      const panel = h('div', { role: 'tabpanel', class: 'stack' });
      const tabs = h('div', { class: 'segmented', role: 'tablist', 'aria-label': 'Settings sections' },
        sections.map(([key, label]) => h('button', { type: 'button', role: 'tab', class: 'segment', dataset: { section: key }, onclick: () => show(key) }, label)));
      show('profile');
      return h('div', { class: 'stack' }, tabs, panel);

      function show(key) {
        tabs.querySelectorAll('.segment').forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.section === key)));
        replaceChildren(panel, h('p', { class: 'muted' }, 'Loading…'));
        ({ profile, contacts: () => contactsSettings({ actions, store: actions.store }), notifications: () => notificationSettings({ actions }), devices, blocked, account })[key]().then((content) => replaceChildren(panel, content),
          (error) => replaceChildren(panel, h('p', { class: 'form-error' }, error.message)));
      }
    },
  });

  async function profile() {
    const me = await actions.account.me();
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', {
      class: 'stack', onsubmit: async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        try {
          await actions.account.updateProfile({
            displayName: data.get('displayName'), statusText: data.get('statusText'), bio: data.get('bio'),
            lastSeenVisibility: data.get('lastSeenVisibility'),
            phone: data.get('phone') || null, phoneVisibility: data.get('phoneVisibility'),
          });
          toast('Profile saved');
        } catch (failure) {
          error.textContent = failure.message;
        }
      },
    },
    h('div', { class: 'profile-card' },
      picturePicker({
        id: me.id, name: me.displayName, mediaId: me.avatarMediaId, label: 'photo',
        save: (file, onProgress) => actions.account.setAvatar(file, { onProgress }),
        remove: () => actions.account.removeAvatar(),
      }),
      h('p', { class: 'muted' }, `@${me.username} · ${me.email}`)),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Display name'), h('input', { name: 'displayName', class: 'text-input', value: me.displayName, required: true, maxlength: 64 })),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Status'), h('input', { name: 'statusText', class: 'text-input', value: me.statusText || '', maxlength: 140, placeholder: 'What are you up to?' })),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Bio'), h('textarea', { name: 'bio', class: 'text-input', rows: 3, value: me.bio || '', maxlength: 500 })),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Phone number (international, +…)'),
      h('input', { name: 'phone', class: 'text-input', type: 'tel', value: me.phone || '', maxlength: 32, placeholder: '+44 20 7946 0000' })),
    h('fieldset', { class: 'field radios' }, h('legend', { class: 'field-label' }, 'Who sees my number and finds me by it'),
      [['everyone', 'Everyone'], ['contacts', 'My contacts'], ['nobody', 'Nobody']].map(([value, label]) => h('label', { class: 'check' },
        h('input', { type: 'radio', name: 'phoneVisibility', value, checked: (me.phoneVisibility || 'contacts') === value }),
        h('span', {}, label)))),
    h('fieldset', { class: 'field radios' }, h('legend', { class: 'field-label' }, 'Who sees when I was last online'),
      ['everyone', 'nobody'].map((value) => h('label', { class: 'check' },
        h('input', { type: 'radio', name: 'lastSeenVisibility', value, checked: (me.lastSeenVisibility || 'everyone') === value }),
        h('span', {}, value === 'everyone' ? 'Everyone' : 'Nobody')))),
    error,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary' }, 'Save')));

    const status = h('select', {
      class: 'text-input', 'aria-label': 'My status', onchange: () => actions.setPresence(status.value),
    }, ['online', 'away', 'busy'].map((value) => h('option', { value }, { online: 'Online', away: 'Away', busy: 'Busy (do not disturb)' }[value])));
    status.value = actions.myStatus || 'online';
    return h('div', { class: 'stack' }, form,
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'My status'), status),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button danger', onclick: () => actions.account.signOut() }, 'Sign out')));
  }

  async function account() {
    return accountSettings({ actions });
  }

  async function devices() {
    const list = h('ul', { class: 'sessions' });
    const render = async () => {
      const sessions = await actions.account.sessions();
      replaceChildren(list, sessions.map((device) => h('li', { class: ['session', device.current && 'current'] },
        h('div', { class: 'session-main' },
          h('span', { class: 'person-name' }, device.deviceName || 'Unknown device', device.current ? h('span', { class: 'role plain' }, 'this device') : null),
          h('span', { class: 'muted' }, [device.userAgent, device.lastAddress].filter(Boolean).join(' · ')),
          h('span', { class: 'muted' }, `Signed in ${shortWhen(device.createdAt)} · last active ${shortWhen(device.lastUsedAt)}`)),
        device.current ? null : h('button', {
          type: 'button', class: 'button small ghost danger-text', 'aria-label': `Sign out ${device.deviceName || 'device'}`,
          onclick: async () => {
            try {
              await actions.account.revokeSession(device.id);
              toast('Device signed out');
              render();
            } catch (error) {
              toast(error.message, { kind: 'error' });
            }
          },
        }, 'Sign out'))));
    };
    await render();
    return h('div', { class: 'stack' }, list,
      h('div', { class: 'dialog-actions' }, h('button', {
        type: 'button', class: 'button secondary', onclick: async () => {
          try {
            const answer = await actions.account.revokeOtherSessions();
            toast(`${answer?.revoked ?? 0} other device(s) signed out`);
            render();
          } catch (error) {
            toast(error.message, { kind: 'error' });
          }
        },
      }, 'Sign out all other devices')));
  }

  async function blocked() {
    const list = h('ul', { class: 'people' });
    const render = async () => {
      const blocks = await actions.people.blocked();
      replaceChildren(list, blocks.length ? blocks.map((user) => h('li', { class: 'person' },
        avatar({ id: user.id || user.userId, name: user.displayName, size: 'sm', mediaId: user.avatarMediaId }),
        h('span', { class: 'person-names' }, h('span', { class: 'person-name' }, user.displayName), h('span', { class: 'muted' }, `@${user.username}`)),
        h('button', {
          type: 'button', class: 'button small ghost', onclick: async () => {
            await actions.people.unblock(user.id || user.userId).catch((error) => toast(error.message, { kind: 'error' }));
            render();
          },
        }, 'Unblock'))) : h('li', { class: 'muted' }, 'You have not blocked anyone.'));
    };
    await render();
    return list;
  }
}
