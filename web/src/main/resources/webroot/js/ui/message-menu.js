import { h } from './dom.js';
import { icon } from './icons.js';

/** How long a finger rests on a message before its actions open. */
const LONG_PRESS_MS = 500;
/** How far a finger may drift and still be pressing rather than scrolling. */
const SLOP_PX = 10;
/** A touch screen: nothing hovers, so the actions never appear by pointing at a message. */
const TOUCH = '(hover: none) and (pointer: coarse)';

let openItem = null;
let listening = false;

/** The ⋯ button beside a bubble: where pointing cannot show a message's actions (touch screens, narrow panes), it opens them. */
export function menuButton() {
  return h('button', {
    type: 'button', class: 'icon-button msg-menu', 'aria-label': 'Message actions', title: 'Message actions', 'aria-expanded': 'false',
  }, icon('more'));
}

/**
 * Lets a message's actions open without hover: its ⋯ button (also from the keyboard), a long
 * press on the bubble, or the platform's own long-press menu on a touch screen. Open, they sit in
 * the flow under the bubble (see conversation.css), so they cover no other message; one message's
 * at a time. Escape, a tap elsewhere or moving focus away closes them.
 */
export function openableActions(item) {
  const button = item.querySelector('.msg-menu');
  button.addEventListener('click', () => {
    const open = !item.classList.contains('actions-open');
    setOpen(item, open);
    if (open) {
      item.querySelector('.msg-actions button')?.focus();
    }
  });
  // An action done closes them; React stays, for its picker.
  item.querySelector('.msg-body').addEventListener('click', (event) => {
    const chosen = event.target.closest('.msg-actions button, .reaction-choice');
    if (chosen && !chosen.classList.contains('act-react')) {
      setOpen(item, false);
    }
  });
  onLongPress(item.querySelector('.bubble'), () => setOpen(item, true));
  item.addEventListener('contextmenu', (event) => {
    if (matchMedia(TOUCH).matches) {
      event.preventDefault();
      setOpen(item, true);
    }
  });
  item.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && item.classList.contains('actions-open')) {
      event.stopPropagation();
      setOpen(item, false);
      button.focus();
    }
  });
  item.addEventListener('focusout', (event) => {
    if (event.relatedTarget && !item.contains(event.relatedTarget)) {
      setOpen(item, false);
    }
  });
}

function setOpen(item, open) {
  if (open && openItem && openItem !== item) {
    setOpen(openItem, false);
  }
  item.classList.toggle('actions-open', open);
  item.querySelector('.msg-menu')?.setAttribute('aria-expanded', String(open));
  if (open) {
    openItem = item;
    listenForTapsElsewhere();
    // Opened under the bubble, they may start below the visible part of the list.
    item.querySelector('.msg-actions')?.scrollIntoView({ block: 'nearest' });
  } else {
    const picker = item.querySelector('.reaction-picker');
    if (picker) {
      picker.hidden = true;
    }
    openItem = openItem === item ? null : openItem;
  }
}

function listenForTapsElsewhere() {
  if (!listening) {
    listening = true;
    document.addEventListener('pointerdown', (event) => {
      if (openItem && !openItem.contains(event.target)) {
        setOpen(openItem, false);
      }
    }, true);
  }
}

/**
 * Calls `done` when a finger or pen rests on `target` for {@link LONG_PRESS_MS}; moving it, or
 * the page scrolling, cancels. The click that ends a long press is swallowed, so a quote or link
 * under the finger is not followed as well.
 */
function onLongPress(target, done) {
  let timer = null;
  let start = null;
  let pressed = false;
  const cancel = () => {
    clearTimeout(timer);
    timer = null;
    document.removeEventListener('scroll', scrolled, true);
  };
  // The list under the finger (or the page) scrolling; other panes may scroll meanwhile.
  const scrolled = (event) => (event.target === document || event.target.contains?.(target)) && cancel();
  target.addEventListener('pointerdown', (event) => {
    pressed = false;
    if (event.pointerType === 'mouse' || !event.isPrimary) {
      return;
    }
    cancel();
    start = { x: event.clientX, y: event.clientY };
    document.addEventListener('scroll', scrolled, true);
    timer = setTimeout(() => {
      cancel();
      pressed = true;
      done();
    }, LONG_PRESS_MS);
  });
  target.addEventListener('pointermove', (event) => {
    if (timer && Math.hypot(event.clientX - start.x, event.clientY - start.y) > SLOP_PX) {
      cancel();
    }
  });
  ['pointerup', 'pointercancel', 'pointerleave'].forEach((type) => target.addEventListener(type, cancel));
  target.addEventListener('click', (event) => {
    if (pressed) {
      pressed = false;
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
}
