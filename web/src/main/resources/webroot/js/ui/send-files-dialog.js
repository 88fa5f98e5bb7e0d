import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { openDialog, toast } from './dialog.js';
import { extensionOf, formatBytes, kindFor } from '../state/media-kinds.js';

const AT_MOST = 30;
const CAPTION_MAX = 1000;
const WORDS = { image: 'photo', video: 'video', audio: 'audio file', document: 'file' };

/**
 * Before files are sent: each with a preview, its name and size, what it goes as, a caption
 * and a remove button; Send sends them all, one message each, in this order. `kind` is what the
 * attach menu asked for (nothing when dropped or pasted). `onSend([{file, kind, caption}])`.
 */
export function openSendFiles({ files, kind, title, onSend }) {
  if (files.length > AT_MOST) {
    toast(`At most ${AT_MOST} files at once: the first ${AT_MOST} are ready to send.`);
  }
  const picks = files.slice(0, AT_MOST).map((file) => ({ file, kind, caption: '', preview: previewUrl(file, kindFor(file, kind)) }));
  const list = h('ul', { class: 'send-files-list' });
  const sendButton = h('button', { type: 'submit', class: 'button primary send-files-button' });
  let sent = false;

  const { close } = openDialog({
    title: title || 'Send',
    className: 'dialog-send-files',
    onClose: () => picks.forEach((pick) => pick.preview && URL.revokeObjectURL(pick.preview)),
    build: (closeDialog) => h('form', {
      class: 'stack send-files', onsubmit: (event) => {
        event.preventDefault();
        if (!picks.length || sent) {
          return;
        }
        sent = true;
        const chosen = picks.map(({ file, caption }) => ({ file, kind, caption: caption.trim() }));
        closeDialog();
        onSend(chosen);
      },
    }, list, h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button ghost', onclick: () => closeDialog() }, 'Cancel'), sendButton)),
  });
  render();
  list.querySelector('.file-caption')?.focus();

  function render() {
    if (!picks.length) {
      close();
      return;
    }
    sendButton.textContent = picks.length === 1 ? 'Send' : `Send ${picks.length}`;
    replaceChildren(list, picks.map((pick, index) => {
      const goesAs = kindFor(pick.file, kind);
      const caption = h('input', {
        type: 'text', class: 'text-input file-caption', placeholder: 'Add a caption…', maxlength: CAPTION_MAX,
        'aria-label': `Caption for ${pick.file.name || 'the file'}`, value: pick.caption,
      });
      caption.addEventListener('input', () => { pick.caption = caption.value; });
      return h('li', { class: 'send-file', dataset: { kind: goesAs } },
        thumbnail(pick, goesAs),
        h('div', { class: 'send-file-main' },
          h('span', { class: 'send-file-name', title: pick.file.name }, pick.file.name || 'Pasted file'),
          h('span', { class: 'muted' }, `${formatBytes(pick.file.size)} · ${asWords(goesAs, kind)}`),
          caption),
        h('button', {
          type: 'button', class: 'icon-button send-file-remove', 'aria-label': `Remove ${pick.file.name || 'the file'}`, title: 'Remove',
          onclick: () => {
            const [removed] = picks.splice(index, 1);
            if (removed.preview) {
              URL.revokeObjectURL(removed.preview);
            }
            render();
          },
        }, icon('close')));
    }));
  }
}

/** "photo", or "as a file" when the picked kind could not take it (a HEIC photo goes as a document). */
function asWords(goesAs, asked) {
  if (goesAs === 'document' && asked && asked !== 'document') {
    return 'sent as a file';
  }
  return WORDS[goesAs];
}

function previewUrl(file, goesAs) {
  return goesAs === 'image' || goesAs === 'video' ? URL.createObjectURL(file) : null;
}

function thumbnail(pick, goesAs) {
  if (goesAs === 'image') {
    return h('span', { class: 'send-file-thumb' }, h('img', { src: pick.preview, alt: '' }));
  }
  if (goesAs === 'video') {
    return h('span', { class: 'send-file-thumb' }, h('video', { src: pick.preview, muted: true, preload: 'metadata' }));
  }
  return h('span', { class: ['send-file-thumb', 'doc-icon', goesAs === 'audio' ? 'doc-audio' : 'doc-other'] },
    icon(goesAs === 'audio' ? 'music' : 'file'), goesAs === 'audio' ? null : h('span', { class: 'doc-ext' }, extensionOf(pick.file.name).slice(0, 4)));
}
