import { h } from './dom.js';
import { icon } from './icons.js';
import { dragsFiles, filesOf } from './attach.js';
import { openSendFiles } from './send-files-dialog.js';
import { openMediaViewer } from './media-viewer.js';

/**
 * What the open conversation does with media: files picked, dropped or pasted go through the
 * send dialog (captions) and then to the media actions, one message each; a photo opens the
 * full view over the chat's photos.
 */
export function sendFiles({ actions, chatId, files, kind, composer, onSent }) {
  const single = files.length === 1;
  openSendFiles({
    files, kind,
    title: single ? 'Send a file' : `Send ${files.length} files`,
    onSend: (picks) => {
      actions.media.send(chatId, picks, { replyTo: composer.takeReply() });
      onSent();
    },
  });
}

/** The full view over the chat's photos, at the one with this seq; it goes back past the loaded history through the gallery. */
export function openChatMedia({ store, actions, chatId, seq }) {
  const photos = store.sortedMessages(chatId).filter((message) => message.kind === 'image' && message.media && !message.deleted);
  const index = photos.findIndex((message) => message.seq === seq);
  if (index < 0) {
    return null;
  }
  return openMediaViewer({
    items: photos, index, mediaActions: actions.media, store,
    loadOlder: store.history(chatId).hasOlder ? (first) => actions.media.gallery(chatId, { kind: 'image', before: first.seq })
      .then((older) => older.filter((message) => !message.deleted).reverse()) : null,
  });
}

/**
 * Makes `target` take dropped files: while files are dragged over it, a sign says where they
 * go; dropped, `onFiles(files)` gets them. Drags of anything else (text, links) pass through.
 */
export function mediaDrops(target, onFiles) {
  const sign = h('div', { class: 'drop-zone', hidden: true, 'aria-hidden': 'true' },
    h('div', { class: 'drop-zone-inner' }, icon('attach'), h('span', {}, 'Drop files to send them')));
  target.append(sign);
  let depth = 0;
  target.addEventListener('dragenter', (event) => {
    if (dragsFiles(event)) {
      event.preventDefault();
      depth += 1;
      sign.hidden = false;
    }
  });
  target.addEventListener('dragover', (event) => {
    if (dragsFiles(event)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  });
  target.addEventListener('dragleave', (event) => {
    if (dragsFiles(event)) {
      depth = Math.max(0, depth - 1);
      sign.hidden = depth > 0;
    }
  });
  target.addEventListener('drop', (event) => {
    depth = 0;
    sign.hidden = true;
    const files = filesOf(event.dataTransfer);
    if (files.length) {
      event.preventDefault();
      onFiles(files);
    }
  });
}
