import { h } from './dom.js';
import { attempt } from './dialog.js';

const FOREVER = '9999-12-31T23:59:59Z';

const MODES = [['all', 'All messages'], ['mentions', 'Only mentions and replies to me'], ['none', 'Nothing']];

/**
 * My own settings for a chat, seen by nobody else: pinned to the top of my list, muted, archived,
 * and what its notifications tell me while I am away.
 */
export function mySettings({ chatId, actions, current }) {
  const c = current();
  return h('section', { class: 'stack compact my-settings' },
    h('h3', { class: 'section-title' }, 'For me'),
    toggle('Pin to the top of my chats', c.pinned, (on) => ({ pinned: on })),
    toggle('Mute notifications', c.muted, (on) => ({ mutedUntil: on ? FOREVER : null })),
    toggle('Archive', c.archived, (on) => ({ archived: on })),
    notifyMe(chatId, actions, c.type === 'direct'));

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

/** The chat's notification setting: every message, only what is about me, or nothing; and previews. */
function notifyMe(chatId, actions, direct) {
  let setting = { mode: 'all', hidePreviews: false };
  const mode = h('select', { class: 'text-input notify-mode', 'aria-label': 'Notify me about', disabled: true, onchange: () => save({ mode: mode.value }) },
    MODES.filter(([value]) => !direct || value !== 'mentions').map(([value, label]) => h('option', { value }, label)));
  const previews = h('input', { type: 'checkbox', class: 'notify-previews', disabled: true, onchange: () => save({ hidePreviews: previews.checked }) });
  actions.notifications.chatSetting(chatId).then((loaded) => {
    setting = loaded;
    show();
  }, () => {});

  function show() {
    mode.value = setting.mode;
    previews.checked = Boolean(setting.hidePreviews);
    mode.disabled = false;
    previews.disabled = false;
  }

  async function save(change) {
    const saved = await attempt(() => actions.notifications.setChatSetting(chatId, { ...setting, ...change }));
    if (saved?.mode) {
      setting = saved;
    }
    show();
  }

  return h('div', { class: 'stack compact notify-me' },
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Notify me about'), mode),
    h('label', { class: 'check' }, previews, h('span', {}, 'Hide message previews in this chat')));
}
