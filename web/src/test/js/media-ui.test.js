import { Store } from '/js/state/store.js';
import { messageView } from '/js/ui/message-view.js';
import { uploadView } from '/js/ui/upload-view.js';
import { openMediaViewer } from '/js/ui/media-viewer.js';
import { openSendFiles } from '/js/ui/send-files-dialog.js';
import { mediaDrops } from '/js/ui/conversation-media.js';
import { composer } from '/js/ui/composer.js';
import { voicePlayer } from '/js/ui/voice-player.js';
import { recordingFormat, voiceRecorder } from '/js/ui/voice-recorder.js';
import { decodePeaks } from '/js/state/waveform.js';
import { assertEqual, assertTrue, eventually, sleep, test } from './harness.js';

const HOSTILE = '<img src=x onerror="window.parleyPwned = 4">report.pdf';
const at = () => new Date().toISOString();

/** The media actions as the views meet them: URLs answered at once (the app's icon stands in for a photo). */
function fakeMedia({ preview = null, peaks = [] } = {}) {
  const asked = [];
  return {
    asked,
    cachedUrls: () => null,
    urls: async (id) => {
      asked.push(id);
      return { id, url: `/favicon.svg?full=${id}`, thumbnailUrl: `/favicon.svg?thumb=${id}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    },
    previewOf: () => preview,
    waveform: async () => peaks,
  };
}

function context(media = fakeMedia()) {
  const store = new Store({ id: 'me', username: 'me', displayName: 'Me' });
  store.rememberUser({ id: 'ann', username: 'ann', displayName: 'Ann' });
  const chat = { id: 'c', type: 'direct', title: 'Ann' };
  store.upsertChat(chat);
  const opened = [];
  const noop = () => {};
  return {
    opened,
    ctx: { store, chat, media, onOpenMedia: (chatId, seq) => opened.push(seq), onReply: noop, onEdit: noop, onDelete: noop, onToggleReaction: noop, onJumpTo: noop, onShowReceipts: noop },
  };
}

/** One second of a 440 Hz tone as WAV, growing louder: a real voice note to decode and play. */
function wav(seconds = 1, rate = 8000) {
  const samples = rate * seconds;
  const view = new DataView(new ArrayBuffer(44 + samples * 2));
  const text = (offset, value) => [...value].forEach((char, i) => view.setUint8(offset + i, char.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + samples * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true); view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i += 1) {
    view.setInt16(44 + i * 2, Math.sin((2 * Math.PI * 440 * i) / rate) * 30_000 * (i / samples), true);
  }
  return new Blob([view.buffer], { type: 'audio/wav' });
}

test('a photo shows its thumbnail and opens the full view; redrawn, it keeps the same picture', async () => {
  const { ctx, opened } = context();
  const photo = { id: 'm4', chatId: 'c', seq: 4, senderId: 'ann', kind: 'image', createdAt: at(), media: { id: 'p1', width: 1600, height: 1200, caption: 'Harbour' } };
  const view = messageView(photo, ctx);
  document.body.append(view);
  const frame = view.querySelector('.media-image');
  const img = frame.querySelector('img');
  await eventually(() => img.src.endsWith('/favicon.svg?thumb=p1'), 'the thumbnail URL');
  assertEqual([img.getAttribute('width'), img.getAttribute('height')], ['320', '240'], 'sized from the metadata, never larger than 320');
  assertEqual(view.querySelector('.media-caption').textContent, 'Harbour', 'the caption under it');
  view.querySelector('.media-image').click();
  assertEqual(opened, [4], 'the full view asked for, at this message');
  const redrawn = messageView({ ...photo, reactions: [{ emoji: '👍', count: 1, mine: false }] }, ctx);
  assertTrue(redrawn.querySelector('.media-image') === frame, 'the same picture element, moved into the redrawn message');
  assertEqual(ctx.media.asked, ['p1'], 'its URL asked once');
  view.remove();
});

test('a file\'s name and caption with markup are shown as text, with its size and a download', async () => {
  const media = { ...fakeMedia(), cachedUrls: (id) => ({ url: `/objects/media/${id}?sig`, expiresAt: at() }) };
  const { ctx } = context(media);
  const view = messageView({
    id: 'm5', chatId: 'c', seq: 5, senderId: 'ann', kind: 'document', createdAt: at(),
    media: { id: 'd1', fileName: HOSTILE, size: 2_400_000, contentType: 'application/pdf', caption: HOSTILE },
  }, ctx);
  document.body.append(view);
  await sleep(30);
  assertEqual(view.querySelectorAll('img').length, 0, 'no element made from the name');
  assertEqual(view.querySelector('.doc-name').textContent, HOSTILE, 'the name verbatim');
  assertEqual(view.querySelector('.media-caption').textContent, HOSTILE, 'the caption verbatim');
  assertEqual(view.querySelector('.doc-size').textContent, '2.4 MB · PDF', 'size and type');
  const link = view.querySelector('.doc-download');
  assertEqual([link.getAttribute('href'), link.getAttribute('download')], ['/objects/media/d1?sig', HOSTILE], 'a download under its own name');
  assertEqual(window.parleyPwned, undefined, 'no script ran');
  view.remove();
});

test('a voice note shows its length and waveform, and plays to the end', async () => {
  const blob = wav(1);
  const url = URL.createObjectURL(blob);
  const peaks = await decodePeaks(await blob.arrayBuffer());
  assertEqual(peaks.length, 40, 'forty bars decoded');
  assertTrue(peaks[39] === 1 && peaks[0] < 0.2, 'louder towards the end, as recorded');
  const player = voicePlayer({ id: 'v1', durationMs: 1_000, size: blob.size }, { ...fakeMedia({ preview: url, peaks }) });
  document.body.append(player);
  await eventually(() => player.querySelector('.voice-bar:last-of-type').style.height === '100%', 'the waveform drawn');
  assertEqual(player.querySelector('.voice-time').textContent, '0:01', 'its length');
  player.querySelector('.voice-play').click();
  await eventually(() => player.dataset.state === 'playing', 'playing');
  await eventually(() => player.dataset.state === 'ended', 'played to the end', 4_000);
  assertEqual(player.querySelector('.voice-time').textContent, '0:01', 'back at its length');
  player.remove();
  URL.revokeObjectURL(url);
}, { timeoutMs: 8_000 });

test('the microphone records a voice note in a format the server takes, with its length and levels', async () => {
  const format = recordingFormat();
  assertTrue(['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'].includes(format), `recorded as ${format}`);
  const done = [];
  let ended = 0;
  const recorder = voiceRecorder({ onDone: (blob, recorded) => done.push({ blob, recorded }), onEnd: () => { ended += 1; } });
  document.body.append(recorder.element);
  await recorder.start();
  assertTrue(!recorder.element.hidden && recorder.recording, 'recording');
  await eventually(() => recorder.element.querySelector('.rec-time').textContent === '0:01', 'a second recorded', 3_000);
  recorder.element.querySelector('.rec-send').click();
  await eventually(() => done.length === 1, 'handed over');
  const [{ blob, recorded }] = done;
  assertTrue(blob.size > 0 && blob.type.startsWith('audio/'), `an audio blob (${blob.type}, ${blob.size} bytes)`);
  assertTrue(recorded.durationMs >= 1_000 && recorded.durationMs < 3_000, `its length (${recorded.durationMs} ms)`);
  assertEqual(recorded.peaks.length, 40, 'its levels as forty bars');
  assertTrue(recorder.element.hidden && !recorder.recording && ended === 1, 'the composer back');
  recorder.element.remove();
}, { timeoutMs: 8_000 });

test('the full view goes between photos with the arrow keys and a swipe, and reaches back past the first', async () => {
  const photo = (seq) => ({ id: `m${seq}`, chatId: 'c', seq, senderId: 'ann', kind: 'image', createdAt: at(), media: { id: `p${seq}`, caption: `photo ${seq}` } });
  const store = new Store({ id: 'me', username: 'me', displayName: 'Me' });
  let olderAsked = 0;
  const viewer = openMediaViewer({
    items: [photo(5), photo(9)], index: 1, mediaActions: fakeMedia(), store,
    loadOlder: async (first) => { olderAsked += 1; return first.seq === 5 ? [photo(2)] : []; },
  });
  const { dialog } = viewer;
  const key = (name) => dialog.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
  assertEqual([dialog.dataset.seq, dialog.querySelector('.viewer-caption').textContent], ['9', 'photo 9'], 'opened at the one clicked');
  await eventually(() => dialog.querySelector('.viewer-image').getAttribute('src') === '/favicon.svg?full=p9', 'the full picture asked for');
  key('ArrowLeft');
  await eventually(() => dialog.dataset.seq === '5', 'the one before');
  key('ArrowLeft');
  await eventually(() => dialog.dataset.seq === '2', 'an older one, loaded');
  assertEqual(dialog.querySelector('.viewer-count').textContent, '1 of 3', 'counted');
  key('ArrowLeft');
  await sleep(20);
  assertEqual([dialog.dataset.seq, olderAsked], ['2', 2], 'nothing older: it stays');
  const stage = dialog.querySelector('.viewer-stage');
  stage.dispatchEvent(new PointerEvent('pointerdown', { clientX: 300, clientY: 200, bubbles: true }));
  stage.dispatchEvent(new PointerEvent('pointerup', { clientX: 180, clientY: 210, bubbles: true }));
  await eventually(() => dialog.dataset.seq === '5', 'a swipe to the left shows the next');
  viewer.close();
  await eventually(() => !dialog.isConnected, 'closed and gone');
});

test('pasted and dropped files are attached; pasted text and dragged links are not', async () => {
  const attached = [];
  const box = composer({ store: new Store({ id: 'me' }), onSend() {}, onSaveEdit() {}, onTyping() {}, onEditLast() {}, onFiles: (files, kind) => attached.push([files.map((f) => f.name), kind]) });
  document.body.append(box.element);
  const withFile = new DataTransfer();
  withFile.items.add(new File(['png'], 'pasted.png', { type: 'image/png' }));
  const input = box.element.querySelector('.composer-input');
  const pasted = new ClipboardEvent('paste', { clipboardData: withFile, bubbles: true, cancelable: true });
  input.dispatchEvent(pasted);
  assertEqual(attached, [[['pasted.png'], undefined]], 'a pasted file attached, its kind left to its type');
  assertTrue(pasted.defaultPrevented, 'not pasted as text as well');
  const text = new DataTransfer();
  text.setData('text/plain', 'just words');
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: text, bubbles: true, cancelable: true }));
  assertEqual(attached.length, 1, 'text is pasted as text');
  box.element.remove();

  const target = document.createElement('div');
  document.body.append(target);
  const dropped = [];
  mediaDrops(target, (files) => dropped.push(files.map((f) => f.name)));
  const files = new DataTransfer();
  files.items.add(new File(['%PDF'], 'notes.pdf', { type: 'application/pdf' }));
  target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: files, bubbles: true, cancelable: true }));
  assertTrue(!target.querySelector('.drop-zone').hidden, 'where to drop them shown');
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
  assertEqual(dropped, [['notes.pdf']], 'dropped file attached');
  assertTrue(target.querySelector('.drop-zone').hidden, 'the sign gone');
  const link = new DataTransfer();
  link.setData('text/uri-list', 'https://example.org');
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: link, bubbles: true, cancelable: true }));
  assertEqual(dropped.length, 1, 'a link is no file');
  target.remove();
});

test('the send dialog sends each file with its own caption, in order, without those removed', async () => {
  const chosen = [];
  const files = ['a.jpg', 'b.pdf', 'c.jpg'].map((name) => new File(['x'], name, { type: name.endsWith('pdf') ? 'application/pdf' : 'image/jpeg' }));
  openSendFiles({ files, kind: 'media', onSend: (picks) => chosen.push(...picks) });
  const dialog = document.querySelector('dialog[open]');
  assertEqual([...dialog.querySelectorAll('.send-file')].map((row) => row.dataset.kind), ['image', 'document', 'image'], 'what each goes as');
  assertTrue(dialog.querySelectorAll('.send-file')[1].textContent.includes('sent as a file'), 'a PDF picked as a photo says it goes as a file');
  dialog.querySelectorAll('.send-file-remove')[1].click();
  const captions = dialog.querySelectorAll('.file-caption');
  captions[0].value = ' first ';
  captions[0].dispatchEvent(new Event('input'));
  assertEqual(dialog.querySelector('.send-files-button').textContent, 'Send 2', 'the button counts');
  dialog.querySelector('form').requestSubmit();
  assertEqual(chosen.map((pick) => [pick.file.name, pick.kind, pick.caption]), [['a.jpg', 'media', 'first'], ['c.jpg', 'media', '']], 'sent');
  await eventually(() => !dialog.isConnected, 'closed');
});

test('an upload bubble follows its progress and cancels; a refused one offers what helps', async () => {
  const watchers = [];
  const asked = [];
  const media = { watch: (id, listener) => { watchers.push(listener); return () => {}; }, cancel: (id) => asked.push(['cancel', id]), retry: (id, options) => asked.push(['retry', id, options]) };
  const upload = { localId: 'u1', chatId: 'c', kind: 'document', fileName: 'big.zip', file: new File([new Uint8Array(2_000_000)], 'big.zip'), status: 'uploading', progress: 0 };
  const view = uploadView(upload, { media });
  document.body.append(view);
  watchers.forEach((listener) => listener({ ...upload, progress: 0.42 }));
  assertEqual(view.querySelector('.upload-status').textContent, '840 kB of 2.0 MB · 42%', 'what is sent so far');
  assertEqual(view.querySelector('.upload-bar').style.width, '42%', 'the bar');
  view.querySelector('.upload-cancel').click();
  assertEqual(asked, [['cancel', 'u1']], 'cancelled');
  view.remove();
  const refused = uploadView({ ...upload, kind: 'image', status: 'failed', error: { text: 'big.zip cannot be sent as a photo.', asDocument: true } }, { media });
  document.body.append(refused);
  assertEqual(refused.querySelector('.upload-refused span').textContent, 'big.zip cannot be sent as a photo.', 'why, in words');
  [...refused.querySelectorAll('.upload-refused button')].find((button) => button.textContent === 'Send as a file').click();
  assertEqual(asked.at(-1), ['retry', 'u1', { asDocument: true }], 'sent as a file instead');
  refused.remove();
});
