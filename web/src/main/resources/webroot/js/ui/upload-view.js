import { h } from './dom.js';
import { icon } from './icons.js';
import { fit } from './media-view.js';
import { extensionOf, formatBytes, formatDuration } from '../state/media-kinds.js';

/**
 * A file on its way, shown where its message will be: a preview from the local file, a progress
 * bar with what is sent so far, and a cancel button; refused, the reason in words with Retry,
 * Send as a file (when that would help) and Remove. Progress redraws only the bar and its words.
 */
export function uploadView(upload, { media }) {
  const failed = upload.status === 'failed';
  const bar = h('span', { class: 'upload-bar' });
  const meter = h('span', {
    class: 'upload-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': `Uploading ${upload.fileName || 'voice message'}`,
  }, bar);
  const status = h('span', { class: 'upload-status' });
  const cancel = h('button', {
    type: 'button', class: 'icon-button upload-cancel', 'aria-label': `Cancel sending ${upload.fileName || 'the voice message'}`,
    title: 'Cancel', onclick: () => media.cancel(upload.localId),
  }, icon('close'));
  const item = h('li', {
    class: ['msg', 'mine', 'pending', 'uploading', failed && 'failed'],
    dataset: { localId: upload.localId, status: upload.status },
  },
  h('div', { class: 'msg-body' },
    h('div', { class: ['bubble', 'has-media', `kind-${upload.kind}`] },
      h('div', { class: 'upload-preview' }, preview(upload), failed ? null : cancel),
      failed ? null : h('div', { class: 'upload-state' }, meter, status),
      upload.caption ? h('p', { class: 'msg-text media-caption' }, upload.caption) : null),
    failed ? h('div', { class: 'failed-actions upload-refused', role: 'alert' },
      h('span', {}, upload.error?.text || 'Not sent.'),
      upload.error?.asDocument ? h('button', { type: 'button', class: 'link', onclick: () => media.retry(upload.localId, { asDocument: true }) }, 'Send as a file') : null,
      h('button', { type: 'button', class: 'link', onclick: () => media.retry(upload.localId) }, 'Retry'),
      h('button', { type: 'button', class: 'link', onclick: () => media.cancel(upload.localId) }, 'Remove')) : null));

  const draw = (current) => {
    const percent = Math.round((current.progress || 0) * 100);
    bar.style.width = `${current.status === 'checking' ? 100 : percent}%`;
    meter.setAttribute('aria-valuenow', String(percent));
    meter.classList.toggle('indeterminate', current.status === 'checking' || (current.status === 'waiting' && !current.offline));
    status.textContent = describe(current, percent);
    item.dataset.status = current.status;
  };
  draw(upload);
  const off = media.watch(upload.localId, (current) => (item.isConnected ? draw(current) : off()));
  return item;
}

function describe(upload, percent) {
  switch (upload.status) {
    case 'uploading':
      return `${formatBytes(upload.file.size * (upload.progress || 0))} of ${formatBytes(upload.file.size)} · ${percent}%`;
    case 'checking':
      return 'Checking…';
    default:
      if (upload.offline) {
        return 'Waiting for the network…';
      }
      return upload.attempts ? 'Trying again in a moment…' : 'Waiting…';
  }
}

function preview(upload) {
  if (upload.kind === 'image' && upload.previewUrl) {
    const size = fit(upload.media?.width, upload.media?.height);
    return h('div', { class: 'media-image' }, h('img', { class: 'media-thumb', src: upload.previewUrl, alt: '', width: size.width, height: size.height }));
  }
  if (upload.kind === 'video' && upload.previewUrl) {
    return h('div', { class: 'media-video-frame' }, h('video', { class: 'media-video', src: upload.previewUrl, muted: true, preload: 'metadata', playsinline: true }));
  }
  const voice = upload.kind === 'audio' && !upload.fileName;
  return h('div', { class: 'doc-card' },
    h('span', { class: ['doc-icon', voice ? 'doc-voice' : 'doc-other'], 'aria-hidden': 'true' }, icon(voice ? 'mic' : upload.kind === 'audio' ? 'music' : 'file'),
      voice || upload.kind === 'audio' ? null : h('span', { class: 'doc-ext' }, extensionOf(upload.fileName).slice(0, 4))),
    h('span', { class: 'doc-text' },
      h('span', { class: 'doc-name' }, voice ? 'Voice message' : upload.fileName || 'File'),
      h('span', { class: 'doc-size' }, voice ? formatDuration(upload.durationMs) : formatBytes(upload.file.size))));
}
