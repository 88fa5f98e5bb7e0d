import { h } from './dom.js';
import { attempt } from './dialog.js';

const FOREVER = '9999-12-31T23:59:59Z';

/** My own settings for a chat, seen by nobody else: pinned to the top of my list, muted, archived. */
export function mySettings({ chatId, actions, current }) {
  const c = current();
  return h('section', { class: 'stack compact my-settings' },
    h('h3', { class: 'section-title' }, 'For me'),
    toggle('Pin to the top of my chats', c.pinned, (on) => ({ pinned: on })),
    toggle('Mute notifications', c.muted, (on) => ({ mutedUntil: on ? FOREVER : null })),
    toggle('Archive', c.archived, (on) => ({ archived: on })));

  /** A checkbox that saves at once, and springs back when the server refused. */
  function toggle(label, on, settings) {
    return h('label', { class: 'check' },
      h('input', {
        type: 'checkbox', checked: Boolean(on), onchange: async (event) => {
          const updated = await attempt(() => actions.chat.setMySettings(chatId, settings(event.target.checked)));
          if (!updated?.id) {
            event.target.checked = Boolean(on);
          }
        },
      }),
      h('span', {}, label));
  }
}
