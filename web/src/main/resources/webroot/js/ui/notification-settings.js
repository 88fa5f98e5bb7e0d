import { h, replaceChildren } from './dom.js';
import { attempt, toast } from './dialog.js';

const STATES = {
  unsupported: 'This browser cannot show notifications from Parley.',
  denied: 'Notifications are blocked for Parley in this browser. Allow them in the site settings, then come back here.',
  off: 'Turn them on to hear about messages while Parley is closed.',
  on: 'This device shows notifications when you are away.',
};

/**
 * Notifications in settings: push on this device (the permission is asked only from the button
 * here, never on load), and my preferences for every chat: message previews, reactions.
 */
export async function notificationSettings({ actions }) {
  const [state, settings] = await Promise.all([actions.notifications.pushState(), actions.notifications.settings()]);
  const status = h('p', { class: 'muted push-status' });
  const toggle = h('button', { type: 'button', class: 'button primary push-toggle' });
  const device = h('section', { class: 'stack compact' }, h('h3', { class: 'section-title' }, 'On this device'), status, h('div', { class: 'dialog-actions start' }, toggle));
  show(state);

  function show(current) {
    status.textContent = STATES[current];
    status.dataset.state = current;
    toggle.hidden = current === 'unsupported' || current === 'denied';
    replaceChildren(toggle, current === 'on' ? 'Turn off notifications' : 'Turn on notifications');
    toggle.onclick = async () => {
      toggle.disabled = true;
      try {
        const next = current === 'on' ? await actions.notifications.disablePush() : await actions.notifications.enablePush();
        show(next);
        toast(next === 'on' ? 'Notifications are on for this device' : next === 'denied' ? 'Notifications were not allowed' : 'Notifications are off for this device');
      } catch (error) {
        toast(error.message || 'Could not change notifications', { kind: 'error' });
      } finally {
        toggle.disabled = false;
      }
    };
  }

  const preference = (label, key, hint) => h('label', { class: 'check' },
    h('input', {
      type: 'checkbox', name: key, checked: Boolean(settings[key]), onchange: async (event) => {
        const saved = await attempt(() => actions.notifications.saveSettings({ [key]: event.target.checked }));
        event.target.checked = Boolean(saved ? saved[key] : settings[key]);
        if (saved) {
          settings[key] = saved[key];
        }
      },
    }),
    h('span', {}, label, hint ? h('span', { class: 'hint' }, hint) : null));

  return h('div', { class: 'stack notification-settings' }, device,
    h('section', { class: 'stack compact' }, h('h3', { class: 'section-title' }, 'In every chat'),
      preference('Hide message previews', 'hidePreviews', ' Notifications say who wrote, never what.'),
      preference('Tell me about reactions to my messages', 'reactions')));
}
