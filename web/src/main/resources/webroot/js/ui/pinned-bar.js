import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { summarize } from './describe.js';

const MARKS = 4;

/**
 * The pinned messages of the open chat, as a bar under its header: the newest pin first; a click
 * shows that message in the conversation (`onJump(message)`) and moves the bar on to the next pin (so repeated
 * clicks walk through all of them). Those who may pin can unpin from here.
 */
export function pinnedBar({ store, onJump, canUnpin, onUnpin }) {
  let chatId = null;
  let index = 0;

  const marks = h('span', { class: 'pinned-marks', 'aria-hidden': 'true' });
  const label = h('span', { class: 'pinned-label' });
  const text = h('span', { class: 'pinned-text' });
  const main = h('button', { type: 'button', class: 'pinned-main', onclick: () => jump() },
    marks, h('span', { class: 'pinned-icon', 'aria-hidden': 'true' }, icon('pin')), h('span', { class: 'pinned-body' }, label, text));
  const unpin = h('button', {
    type: 'button', class: 'icon-button pinned-unpin', 'aria-label': 'Unpin this message', title: 'Unpin',
    onclick: () => current() && onUnpin(current()),
  }, icon('close'));
  const element = h('div', { class: 'pinned-bar', role: 'region', 'aria-label': 'Pinned messages', hidden: true }, main, unpin);

  store.on('pins', (changed) => changed === chatId && render());
  store.on('users', () => chatId && render());

  function current() {
    return store.pinsOf(chatId)[index];
  }

  function jump() {
    const message = current();
    if (message) {
      onJump(message);
      index = (index + 1) % store.pinsOf(chatId).length;
      render();
    }
  }

  function render() {
    const pins = store.pinsOf(chatId);
    element.hidden = pins.length === 0;
    if (pins.length === 0) {
      return;
    }
    index = Math.min(index, pins.length - 1);
    const message = pins[index];
    label.textContent = pins.length > 1 ? `Pinned message ${index + 1} of ${pins.length}` : 'Pinned message';
    text.textContent = `${store.nameOf(message.senderId)}: ${summarize(message)}`;
    main.setAttribute('aria-label', `${label.textContent}: ${text.textContent}. Show it`);
    const shown = Math.min(pins.length, MARKS);
    replaceChildren(marks, Array.from({ length: shown }, (_, i) => h('i', { class: i === Math.min(index, shown - 1) ? 'on' : null })));
    unpin.hidden = !canUnpin();
  }

  return {
    element,
    setChat(id) {
      chatId = id;
      index = 0;
      render();
    },
    refresh: render,
  };
}
