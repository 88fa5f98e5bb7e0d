import { h } from './dom.js';
import { toast } from './dialog.js';

/**
 * The admin's server settings: who may sign up (open, invite codes, closed), the largest number
 * of accounts, how many days messages and media messages are kept (empty = no limit), sign-up
 * invite codes, and an announcement to everyone online.
 */
export function adminSettings(actions) {
  const registration = h('select', { class: 'text-input setting-registration', 'aria-label': 'Who may sign up' },
    h('option', { value: 'open' }, 'Anyone may sign up'),
    h('option', { value: 'invite' }, 'Only with an invite code'),
    h('option', { value: 'closed' }, 'Nobody (closed)'));
  const number = (cls, label) => h('input', { class: ['text-input', cls], type: 'number', min: 1, 'aria-label': label, placeholder: 'No limit' });
  const maxAccounts = number('setting-max-accounts', 'Most accounts');
  const messageDays = number('setting-message-days', 'Keep messages for days');
  const mediaDays = number('setting-media-days', 'Keep media for days');
  const code = h('output', { class: 'invite-code' });
  const chatId = h('input', { class: 'text-input retention-chat', 'aria-label': 'Chat id', placeholder: 'Chat id', maxlength: 36 });
  const chatMessageDays = number('retention-chat-message-days', 'Keep this chat\'s messages for days');
  const chatMediaDays = number('retention-chat-media-days', 'Keep this chat\'s media for days');
  const announcement = h('input', { class: 'text-input announcement-text', maxlength: 500, 'aria-label': 'Announcement',
    placeholder: 'A notice to everyone online' });

  actions.admin.settings().then((settings) => {
    registration.value = settings.registration;
    maxAccounts.value = settings.maxAccounts ?? '';
    messageDays.value = settings.messageRetentionDays ?? '';
    mediaDays.value = settings.mediaRetentionDays ?? '';
  }, (error) => toast(error.message, { kind: 'error' }));

  return h('section', { class: 'stack compact admin-settings' },
    h('label', {}, 'Sign-up ', registration),
    h('label', {}, 'Most accounts ', maxAccounts),
    h('label', {}, 'Keep messages (days) ', messageDays),
    h('label', {}, 'Keep media (days) ', mediaDays),
    h('button', {
      type: 'button', class: 'button primary save-settings',
      onclick: () => actions.admin.saveSettings({ registration: registration.value, maxAccounts: maxAccounts.value,
        messageRetentionDays: messageDays.value, mediaRetentionDays: mediaDays.value })
        .then(() => toast('Settings saved'), (error) => toast(error.message, { kind: 'error' })),
    }, 'Save settings'),
    h('h3', { class: 'section-title' }, 'One chat\'s retention'),
    h('div', { class: 'row' }, chatId, chatMessageDays, chatMediaDays, h('button', {
      type: 'button', class: 'button small save-chat-retention',
      onclick: () => actions.admin.setChatRetention(chatId.value, { messageRetentionDays: chatMessageDays.value,
        mediaRetentionDays: chatMediaDays.value }).then(() => toast('Chat retention saved'), (error) => toast(error.message, { kind: 'error' })),
    }, 'Save')),
    h('h3', { class: 'section-title' }, 'Invite codes'),
    h('div', { class: 'row' }, h('button', {
      type: 'button', class: 'button small create-signup-invite',
      onclick: () => actions.admin.createSignUpInvite(24 * 7).then((invite) => { code.value = invite.code; },
        (error) => toast(error.message, { kind: 'error' })),
    }, 'New code (valid a week)'), code),
    h('h3', { class: 'section-title' }, 'Announcement'),
    h('div', { class: 'row' }, announcement, h('button', {
      type: 'button', class: 'button small send-announcement',
      onclick: () => actions.admin.announce(announcement.value.trim()).then(() => { announcement.value = ''; toast('Announced'); },
        (error) => toast(error.message, { kind: 'error' })),
    }, 'Announce')));
}
