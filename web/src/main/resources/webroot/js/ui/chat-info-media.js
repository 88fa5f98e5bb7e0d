import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { documentCard, withUrls } from './media-view.js';
import { voicePlayer } from './voice-player.js';
import { openMediaViewer } from './media-viewer.js';
import { formatDuration, isVoiceNote } from '../state/media-kinds.js';
import { shortWhen } from '../format.js';

const TABS = [
  ['visual', 'Photos & videos', (message) => message.kind === 'image' || message.kind === 'video'],
  ['files', 'Files', (message) => message.kind === 'document'],
  ['audio', 'Voice & audio', (message) => message.kind === 'audio'],
];

/**
 * A chat's media in chat info: photos and videos as a grid (opening the full view, which goes
 * between them), files as cards to download, voice notes and audio to play; newest first, more
 * on demand. Loaded from the server's gallery, so it reaches past the loaded history.
 */
export function mediaGallery({ chatId, actions, store, subscribe }) {
  let items = [];
  let more = true;
  let tab = 'visual';
  const body = h('div', { class: 'gallery-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const moreButton = h('button', { type: 'button', class: 'button small secondary gallery-more', hidden: true, onclick: () => load() }, 'Show more');
  const tabs = h('div', { class: 'segmented gallery-tabs', role: 'tablist', 'aria-label': 'Kinds of media' },
    TABS.map(([key, label]) => h('button', {
      type: 'button', role: 'tab', class: 'segment', dataset: { tab: key }, onclick: () => { tab = key; render(); },
    }, label)));
  const section = h('section', { class: 'stack compact chat-media' }, h('h3', { class: 'section-title' }, 'Shared media'), tabs, body, moreButton);

  // A media message sent while the dialog is open shows up at the top.
  subscribe(store.on('messages', ({ chatId: changed, seqs }) => {
    if (changed !== chatId) {
      return;
    }
    const arrived = seqs.map((seq) => store.message(chatId, seq)).filter((message) => message?.media && !message.deleted
      && !items.some((known) => known.seq === message.seq));
    if (arrived.length) {
      items = [...arrived.reverse(), ...items];
      render();
    }
  }));
  load();
  return section;

  async function load() {
    moreButton.disabled = true;
    try {
      const before = items.length ? Math.min(...items.map((message) => message.seq)) : undefined;
      const page = await actions.media.gallery(chatId, { before });
      more = page.length > 0 && page.length >= 50;
      items = [...items, ...page.filter((message) => !items.some((known) => known.seq === message.seq))];
      render();
    } catch (error) {
      replaceChildren(body, h('p', { class: 'form-error' }, `Could not load the media: ${error.message}`));
    } finally {
      moreButton.disabled = false;
    }
  }

  function render() {
    const [, label, belongs] = TABS.find(([key]) => key === tab);
    tabs.querySelectorAll('.segment').forEach((button) => {
      const [, name, kindOf] = TABS.find(([key]) => key === button.dataset.tab);
      const count = items.filter((message) => kindOf(message) && !message.deleted).length;
      button.setAttribute('aria-selected', String(button.dataset.tab === tab));
      replaceChildren(button, name, count ? h('span', { class: 'gallery-count' }, String(count)) : null);
    });
    const shown = items.filter((message) => belongs(message) && message.media && !message.deleted);
    moreButton.hidden = !more;
    if (!shown.length) {
      replaceChildren(body, h('p', { class: 'muted gallery-empty' }, more ? `No ${label.toLowerCase()} yet in what is loaded.` : `No ${label.toLowerCase()} in this chat yet.`));
      return;
    }
    if (tab === 'visual') {
      replaceChildren(body, h('ul', { class: 'gallery-grid' }, shown.map((message, index) => h('li', {}, tile(message, () => open(shown, index))))));
    } else {
      replaceChildren(body, h('ul', { class: 'gallery-list' }, shown.map((message) => h('li', { class: 'gallery-row' },
        message.kind === 'document' ? documentCard(message.media, actions.media)
          : isVoiceNote(message.kind, message.media) ? voicePlayer(message.media, actions.media) : documentCard(message.media, actions.media),
        h('span', { class: 'gallery-meta muted' }, `${store.nameOf(message.senderId)} · ${shortWhen(message.createdAt)}`)))));
    }
  }

  /** Newest first here; the full view runs oldest first, like the chat. */
  function open(shown, index) {
    const oldestFirst = [...shown].reverse();
    openMediaViewer({
      items: oldestFirst, index: oldestFirst.length - 1 - index, mediaActions: actions.media, store,
      loadOlder: more ? async () => {
        await load();
        return items.filter(TABS[0][2]).reverse();
      } : null,
    });
  }

  function tile(message, onOpen) {
    const video = message.kind === 'video';
    const img = h('img', { class: 'gallery-thumb', alt: message.media.caption || (video ? 'Video' : 'Photo'), loading: 'lazy' });
    const button = h('button', {
      type: 'button', class: ['gallery-tile', video && 'gallery-video'], dataset: { seq: String(message.seq) },
      'aria-label': `${video ? 'Video' : 'Photo'} from ${store.nameOf(message.senderId)}`, onclick: onOpen,
    }, video ? h('span', { class: 'gallery-play', 'aria-hidden': 'true' }, icon('play')) : img,
    video && message.media.durationMs ? h('span', { class: 'media-duration' }, formatDuration(message.media.durationMs)) : null);
    if (!video) {
      withUrls(actions.media, message.media.id, (answer) => { img.src = answer.thumbnailUrl || answer.url; }, () => button.classList.add('unavailable'));
    }
    return button;
  }
}
