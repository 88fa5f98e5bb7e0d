import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { clock, dayLabel } from '../format.js';

const SWIPE_PX = 50;

/**
 * The full view of a chat's photos (and, from the gallery, videos): one at a time over
 * everything, its thumbnail at once and the full picture when it has loaded; ← and → (buttons,
 * arrow keys or a swipe) go between them, Esc or × closes. `items` are media messages, oldest
 * first; `loadOlder()` (optional) resolves with messages before the first, so the view can go
 * back past what is loaded.
 */
export function openMediaViewer({ items, index, mediaActions, store, loadOlder }) {
  let list = [...items];
  let at = Math.max(0, Math.min(index, list.length - 1));
  let noOlder = !loadOlder;
  const previouslyFocused = document.activeElement;

  const stage = h('div', { class: 'viewer-stage' });
  const who = h('div', { class: 'viewer-who' });
  const counter = h('span', { class: 'viewer-count', 'aria-live': 'polite' });
  const download = h('a', { class: 'icon-button viewer-download', href: '#', 'aria-label': 'Download', title: 'Download' }, icon('download'));
  const caption = h('p', { class: 'viewer-caption' });
  const previous = h('button', { type: 'button', class: 'viewer-nav viewer-previous', 'aria-label': 'Previous', onclick: () => go(-1) }, icon('left'));
  const next = h('button', { type: 'button', class: 'viewer-nav viewer-next', 'aria-label': 'Next', onclick: () => go(1) }, icon('right'));
  const dialog = h('dialog', { class: 'viewer', 'aria-label': 'Photo' },
    h('header', { class: 'viewer-bar' }, who, counter, download,
      h('button', { type: 'button', class: 'icon-button viewer-close', 'aria-label': 'Close', onclick: () => dialog.close() }, icon('close'))),
    h('div', { class: 'viewer-main' }, previous, stage, next),
    caption);

  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      go(event.key === 'ArrowLeft' ? -1 : 1);
    }
  });
  let downAt = null;
  stage.addEventListener('pointerdown', (event) => { downAt = { x: event.clientX, y: event.clientY }; });
  stage.addEventListener('pointerup', (event) => {
    if (!downAt) {
      return;
    }
    const dx = event.clientX - downAt.x;
    const dy = event.clientY - downAt.y;
    downAt = null;
    if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(dy)) {
      go(dx > 0 ? -1 : 1);
    }
  });
  stage.addEventListener('pointercancel', () => { downAt = null; });
  dialog.addEventListener('close', () => {
    dialog.remove();
    previouslyFocused?.focus?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  show();
  dialog.querySelector('.viewer-close').focus();

  async function go(step) {
    if (step < 0 && at === 0 && !noOlder) {
      const older = await loadOlder(list[0]).catch(() => []);
      const fresh = older.filter((message) => !list.some((known) => known.chatId === message.chatId && known.seq === message.seq));
      if (!fresh.length) {
        noOlder = true;
      }
      list = [...fresh, ...list];
      at += fresh.length;
    }
    const target = at + step;
    if (target >= 0 && target < list.length) {
      at = target;
      show();
    }
  }

  function show() {
    const message = list[at];
    const media = message.media;
    dialog.dataset.index = String(at);
    dialog.dataset.seq = String(message.seq);
    counter.textContent = list.length > 1 ? `${at + 1} of ${list.length}` : '';
    replaceChildren(who,
      h('span', { class: 'viewer-name' }, store.nameOf(message.senderId)),
      h('time', { class: 'viewer-time', datetime: message.createdAt }, `${dayLabel(message.createdAt)}, ${clock(message.createdAt)}`));
    caption.textContent = media.caption || '';
    caption.hidden = !media.caption;
    previous.disabled = at === 0 && noOlder;
    next.disabled = at === list.length - 1;
    dialog.setAttribute('aria-label', message.kind === 'video' ? 'Video' : 'Photo');
    download.removeAttribute('href');
    const known = mediaActions.cachedUrls(media.id);
    const preview = mediaActions.previewOf(media.id);
    if (message.kind === 'video') {
      const video = h('video', { class: 'viewer-video', controls: true, autoplay: true, playsinline: true });
      replaceChildren(stage, video);
      mediaActions.urls(media.id).then((answer) => {
        if (list[at] === message) {
          video.src = answer.url;
          setDownload(answer.url, media);
        }
      }, () => stage.classList.add('unavailable'));
      return;
    }
    // Not draggable: a press on the picture is the start of a swipe, not of dragging the image away.
    const thumb = h('img', { class: 'viewer-thumb', alt: '', draggable: 'false', src: preview || known?.thumbnailUrl || undefined });
    const full = h('img', { class: 'viewer-image', alt: media.caption || 'Photo', draggable: 'false', hidden: true });
    full.addEventListener('load', () => {
      full.hidden = false;
      thumb.remove();
    }, { once: true });
    replaceChildren(stage, thumb, full);
    mediaActions.urls(media.id).then((answer) => {
      if (list[at] !== message) {
        return;
      }
      if (!thumb.src && answer.thumbnailUrl) {
        thumb.src = answer.thumbnailUrl;
      }
      full.src = answer.url;
      setDownload(answer.url, media);
    }, () => stage.classList.add('unavailable'));
  }

  function setDownload(url, media) {
    download.href = url;
    download.setAttribute('download', media.fileName || '');
  }

  return { dialog, go, close: () => dialog.close() };
}
