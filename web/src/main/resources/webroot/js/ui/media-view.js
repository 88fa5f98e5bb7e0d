import { h } from './dom.js';
import { icon } from './icons.js';
import { voicePlayer } from './voice-player.js';
import { extensionOf, formatBytes, formatDuration, isVoiceNote } from '../state/media-kinds.js';

const THUMB_MAX_WIDTH = 320;
const THUMB_MAX_HEIGHT = 320;
const KEPT_PER_VIEW = 300;

/**
 * What a media message shows: a photo's thumbnail (opening the full view), an inline video or
 * audio player, a voice note, or a document card with its download. URLs are asked of the media
 * actions (`ctx.media`), which keep each until shortly before it expires.
 *
 * A conversation redraws a message whenever anything about it changes (a receipt, a reaction, a
 * name learnt): the block is made once per message and view and kept, so a playing video or
 * voice note plays on and a thumbnail does not flash.
 */
export function mediaBlock({ kind, media, chatId, seq }, ctx) {
  const key = `${seq ?? 'pending'}:${media.id}`;
  const kept = blocksOf(ctx);
  if (kept.has(key)) {
    return kept.get(key);
  }
  const block = make(kind, media, ctx, { chatId, seq });
  kept.set(key, block);
  if (kept.size > KEPT_PER_VIEW) {
    kept.delete(kept.keys().next().value);
  }
  return block;
}

const blocks = new WeakMap();

function blocksOf(ctx) {
  if (!blocks.has(ctx)) {
    blocks.set(ctx, new Map());
  }
  return blocks.get(ctx);
}

function make(kind, media, ctx, where) {
  switch (kind) {
    case 'image':
      return imageBlock(media, ctx, where);
    case 'video':
      return videoBlock(media, ctx);
    case 'audio':
      return isVoiceNote(kind, media) ? voicePlayer(media, ctx.media) : audioBlock(media, ctx);
    default:
      return documentCard(media, ctx.media);
  }
}

/** Width × height scaled down (never up) to fit a box; a square guess when the size is unknown. */
export function fit(width, height, maxWidth = THUMB_MAX_WIDTH, maxHeight = THUMB_MAX_HEIGHT) {
  const w = Number(width) || maxWidth;
  const h2 = Number(height) || Math.round(maxWidth * 0.75);
  const scale = Math.min(1, maxWidth / w, maxHeight / h2);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h2 * scale)) };
}

function imageBlock(media, ctx, { chatId, seq }) {
  const size = fit(media.width, media.height);
  const img = h('img', { class: 'media-thumb', alt: media.caption || 'Photo', width: size.width, height: size.height, decoding: 'async' });
  const open = seq != null && ctx.onOpenMedia;
  const frame = h(open ? 'button' : 'div', {
    class: 'media-image', dataset: { mediaId: media.id },
    ...(open ? { type: 'button', 'aria-label': media.caption ? `Open photo: ${media.caption}` : 'Open photo', onclick: () => ctx.onOpenMedia(chatId, seq) } : {}),
  }, img);
  frame.classList.add('loading');
  img.addEventListener('load', () => frame.classList.remove('loading'), { once: true });
  const local = ctx.media.previewOf(media.id);
  if (local) {
    img.src = local;
  } else {
    withUrls(ctx.media, media.id, (answer) => { img.src = answer.thumbnailUrl || answer.url; }, () => frame.classList.add('unavailable'));
  }
  return frame;
}

/** Videos are shown at least this wide, so their controls fit (a browser scales video smoothly). */
const VIDEO_MIN_WIDTH = 240;

function videoBlock(media, ctx) {
  const natural = fit(media.width, media.height, 360, 360);
  const grow = Math.min(VIDEO_MIN_WIDTH / natural.width, 360 / natural.height);
  const size = grow > 1 ? { width: Math.round(natural.width * grow), height: Math.round(natural.height * grow) } : natural;
  const video = h('video', {
    class: 'media-video', controls: true, preload: 'metadata', playsinline: true, width: size.width, height: size.height,
    'aria-label': media.caption ? `Video: ${media.caption}` : 'Video',
  });
  const local = ctx.media.previewOf(media.id);
  if (local) {
    video.src = local;
  } else {
    withUrls(ctx.media, media.id, (answer) => { video.src = answer.url; }, () => video.classList.add('unavailable'));
  }
  return h('div', { class: 'media-video-frame', dataset: { mediaId: media.id } }, video);
}

function audioBlock(media, ctx) {
  const audio = h('audio', { class: 'media-audio-player', controls: true, preload: 'metadata', 'aria-label': media.fileName || 'Audio' });
  withUrls(ctx.media, media.id, (answer) => { audio.src = answer.url; }, () => audio.classList.add('unavailable'));
  return h('div', { class: 'media-audio', dataset: { mediaId: media.id } },
    h('div', { class: 'media-audio-head' },
      h('span', { class: 'media-audio-icon', 'aria-hidden': 'true' }, icon('music')),
      h('span', { class: 'media-audio-text' },
        h('span', { class: 'doc-name' }, media.fileName || 'Audio'),
        h('span', { class: 'doc-size' }, [media.durationMs ? formatDuration(media.durationMs) : null, formatBytes(media.size)].filter(Boolean).join(' · ')))),
    audio);
}

const FAMILIES = [
  ['pdf', ['PDF']],
  ['word', ['DOC', 'DOCX', 'ODT', 'RTF', 'TXT', 'MD', 'PAGES']],
  ['sheet', ['XLS', 'XLSX', 'ODS', 'CSV', 'TSV', 'NUMBERS']],
  ['slides', ['PPT', 'PPTX', 'ODP', 'KEY']],
  ['archive', ['ZIP', 'RAR', '7Z', 'GZ', 'TGZ', 'TAR', 'BZ2', 'XZ']],
];

/** A file: an icon with its extension, its name and size, and a download (a fresh URL is asked for when the kept one ran out). */
export function documentCard(media, mediaActions) {
  const extension = extensionOf(media.fileName);
  const family = FAMILIES.find(([, extensions]) => extensions.includes(extension))?.[0] || 'other';
  const name = media.fileName || 'File';
  const link = h('a', {
    class: 'icon-button doc-download', href: '#', download: name, 'aria-label': `Download ${name}`, title: `Download ${name}`,
  }, icon('download'));
  const known = mediaActions.cachedUrls(media.id);
  if (known) {
    link.href = known.url;
  }
  link.addEventListener('click', (event) => {
    const fresh = mediaActions.cachedUrls(media.id);
    if (link.dataset.asked) {
      delete link.dataset.asked;
      return;
    }
    if (fresh) {
      // Read when the click is followed, after this handler: the link leads to the fresh URL.
      link.href = fresh.url;
      return;
    }
    event.preventDefault();
    mediaActions.urls(media.id).then((answer) => {
      if (!answer.url) {
        link.classList.add('unavailable');
        return;
      }
      link.href = answer.url;
      link.dataset.asked = 'yes';
      link.click();
    }, () => link.classList.add('unavailable'));
  });
  return h('div', { class: 'doc-card', dataset: { mediaId: media.id } },
    h('span', { class: ['doc-icon', `doc-${family}`], 'aria-hidden': 'true' }, icon('file'), h('span', { class: 'doc-ext' }, extension.slice(0, 4))),
    h('span', { class: 'doc-text' },
      h('span', { class: 'doc-name', title: name }, name),
      h('span', { class: 'doc-size' }, `${formatBytes(media.size)} · ${extension}`)),
    link);
}

/** Calls `use` with the media's URLs as soon as they are known (at once when kept), `missing` when they cannot be had. */
export function withUrls(mediaActions, mediaId, use, missing = () => {}) {
  const known = mediaActions.cachedUrls(mediaId);
  if (known) {
    use(known);
    return;
  }
  mediaActions.urls(mediaId).then((answer) => (answer.url ? use(answer) : missing()), missing);
}
