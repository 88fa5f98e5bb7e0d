import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { openDialog, toast } from './dialog.js';
import { clock } from '../format.js';

const LIVE_CHOICES = [[15, '15 minutes'], [60, '1 hour'], [480, '8 hours']];

/**
 * Asks how to share my location (where I am now, or live for a while), finds it, and hands it to
 * `share({latitude, longitude, minutes})` (no minutes: a static location).
 */
export function openLocationShare({ share, geolocation = navigator.geolocation }) {
  openDialog({
    title: 'Share location',
    className: 'dialog-small',
    build: (close) => {
      const choose = (minutes) => {
        close();
        geolocation.getCurrentPosition(
          (position) => share({ latitude: position.coords.latitude, longitude: position.coords.longitude, minutes }),
          (error) => toast(`Could not get your location: ${error.message}`, { kind: 'error' }),
          { enableHighAccuracy: true, timeout: 15_000 });
      };
      return h('div', { class: 'stack compact' },
        h('ul', { class: 'choice-list' },
          h('li', {}, h('button', { type: 'button', class: 'choice', dataset: { minutes: '0' }, onclick: () => choose(0) },
            icon('location'), h('span', { class: 'choice-text' }, h('strong', {}, 'Send my current location'),
              h('span', { class: 'muted' }, 'Where you are now, once')))),
          LIVE_CHOICES.map(([minutes, label]) => h('li', {}, h('button', {
            type: 'button', class: 'choice', dataset: { minutes: String(minutes) }, onclick: () => choose(minutes),
          }, icon('live'), h('span', { class: 'choice-text' }, h('strong', {}, `Share live location for ${label}`),
            h('span', { class: 'muted' }, 'Follows you as you move; stop it any time')))))),
        h('p', { class: 'hint' }, 'Coordinates only: no map is loaded, the card links to OpenStreetMap.'));
    },
  });
}

/** A bar over the composer while I share my live location in the open chat, with a stop button. */
export function liveBar({ actions }) {
  let chatId = null;
  const element = h('div', { class: 'live-bar', role: 'status', hidden: true });
  actions.liveSharing.subscribe(() => render());

  function render() {
    const shares = chatId ? actions.liveSharing.active(chatId) : [];
    element.hidden = shares.length === 0;
    if (shares.length === 0) {
      return;
    }
    const share = shares[0];
    replaceChildren(element,
      h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'live-bar-text' }, `Sharing your live location until ${clock(share.liveUntil)}`),
      h('button', {
        type: 'button', class: 'button small secondary live-stop', onclick: () => actions.stopLiveLocation(share.chatId, share.seq)
          .then(() => toast('Stopped sharing your location'), (error) => toast(`Could not stop: ${error.message}`, { kind: 'error' })),
      }, icon('stop'), 'Stop'));
  }

  return {
    element,
    setChat(id) {
      chatId = id;
      render();
    },
  };
}
