import { h } from './dom.js';
import { icon } from './icons.js';

/**
 * A modal dialog on the native <dialog> element: focus moves in and is trapped, Esc closes,
 * focus returns to what opened it. `build(close)` returns the body; the dialog is removed
 * from the document when closed.
 */
export function openDialog({ title, build, className, onClose }) {
  const previouslyFocused = document.activeElement;
  const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
  const dialog = h('dialog', { class: ['dialog', className], 'aria-labelledby': titleId });
  const close = () => dialog.close();
  dialog.append(
    h('header', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { class: 'icon-button', type: 'button', 'aria-label': 'Close', onclick: close }, icon('close'))),
    h('div', { class: 'dialog-body' }, build(close)));
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
    previouslyFocused?.focus?.();
  });
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) {
      close();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close };
}

/** Asks a question with a few choices; resolves with the chosen value, or null if dismissed. */
export function choose({ title, message, choices }) {
  return new Promise((resolve) => {
    let chosen = null;
    openDialog({
      title,
      className: 'dialog-small',
      onClose: () => resolve(chosen),
      build: (close) => h('div', { class: 'stack' },
        message ? h('p', {}, message) : null,
        h('div', { class: 'dialog-actions' }, choices.map((choice) => h('button', {
          type: 'button',
          class: ['button', choice.kind || 'secondary'],
          onclick: () => { chosen = choice.value; close(); },
        }, choice.label)))),
    });
  });
}

/**
 * Runs an action from a dialog: success shows `success` (when given), a failure its reason.
 * Resolves with the answer (true when there is none), or null when it failed.
 */
export async function attempt(work, success) {
  try {
    const answer = await work();
    if (success) {
      toast(success);
    }
    return answer ?? true;
  } catch (error) {
    toast(error.message, { kind: 'error' });
    return null;
  }
}

/** A short notice at the bottom of the screen (errors of actions, confirmations). */
export function toast(message, { kind = 'info', ms = 4_000 } = {}) {
  let region = document.getElementById('toasts');
  if (!region) {
    region = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  const note = h('div', { class: ['toast', `toast-${kind}`] }, message);
  region.append(note);
  setTimeout(() => note.remove(), ms);
}
