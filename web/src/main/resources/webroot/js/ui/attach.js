import { h } from './dom.js';
import { icon } from './icons.js';

const CHOICES = [
  { kind: 'media', label: 'Photo or video', icon: 'image', accept: 'image/*,video/*' },
  { kind: 'audio', label: 'Audio', icon: 'music', accept: 'audio/*' },
  { kind: 'document', label: 'Document', icon: 'file', accept: '' },
];

/**
 * The composer's paperclip: a small menu (photo or video, audio, document), each opening the
 * system's file picker for several files at once. `onFiles(files, kind)` gets what was picked.
 */
export function attachButton({ onFiles }) {
  const inputs = CHOICES.map((choice) => {
    const input = h('input', {
      type: 'file', class: 'attach-input', multiple: true, tabindex: '-1', 'aria-hidden': 'true',
      accept: choice.accept || undefined, dataset: { kind: choice.kind },
    });
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = '';
      if (files.length) {
        onFiles(files, choice.kind);
      }
    });
    return input;
  });
  const menu = h('div', { class: 'attach-menu', role: 'menu', 'aria-label': 'Attach', hidden: true },
    CHOICES.map((choice, index) => h('button', {
      type: 'button', role: 'menuitem', class: 'attach-choice', dataset: { kind: choice.kind },
      onclick: () => {
        close();
        inputs[index].click();
      },
    }, icon(choice.icon), choice.label)));
  const button = h('button', {
    type: 'button', class: 'icon-button attach-button', 'aria-label': 'Attach a file', title: 'Attach a photo, video, audio or document',
    'aria-haspopup': 'menu', 'aria-expanded': 'false', onclick: () => (menu.hidden ? open() : close()),
  }, icon('attach'));
  const element = h('div', { class: 'attach' }, button, menu, inputs);

  menu.addEventListener('keydown', (event) => {
    const items = [...menu.querySelectorAll('.attach-choice')];
    const at = items.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      button.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
    }
  });
  document.addEventListener('pointerdown', (event) => {
    if (!menu.hidden && !element.contains(event.target)) {
      close();
    }
  });

  function open() {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    menu.querySelector('.attach-choice').focus();
  }

  function close() {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }

  return { element };
}

/** The files of a paste or a drop ([] when it carries none, e.g. plain text). */
export function filesOf(dataTransfer) {
  if (!dataTransfer) {
    return [];
  }
  if (dataTransfer.files?.length) {
    return [...dataTransfer.files];
  }
  return [...(dataTransfer.items || [])].filter((item) => item.kind === 'file').map((item) => item.getAsFile()).filter(Boolean);
}

/** Whether a drag carries files (its contents are readable only on drop). */
export function dragsFiles(event) {
  return [...(event.dataTransfer?.types || [])].includes('Files');
}
