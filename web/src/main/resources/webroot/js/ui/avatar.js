import { h } from './dom.js';
import { hue, initials } from '../format.js';

let pictures = null;

/**
 * Where avatars find their pictures: the app's media actions ({cachedUrls(id), urls(id)}), set
 * once when the app starts, so every view showing someone needs only their `mediaId`.
 */
export function showPicturesFrom(source) {
  pictures = source;
}

/**
 * A round avatar with initials on a colour chosen by id; with `mediaId`, the picture over them
 * once it loads (the initials stay if it cannot); with `presence`, a status dot.
 */
export function avatar({ id, name, size = 'md', presence, kind, mediaId }) {
  const element = h('span', { class: ['avatar', `avatar-${size}`, `hue-${hue(id || name)}`, kind && `avatar-${kind}`], 'aria-hidden': 'true' },
    initials(name),
    presence ? h('span', { class: ['presence-dot', `presence-${presence}`] }) : null);
  if (mediaId && pictures) {
    const picture = h('img', { class: 'avatar-picture', alt: '', decoding: 'async', hidden: true });
    picture.addEventListener('load', () => { picture.hidden = false; });
    picture.addEventListener('error', () => picture.remove());
    element.prepend(picture);
    const known = pictures.cachedUrls(mediaId);
    if (known) {
      picture.src = known.thumbnailUrl || known.url;
    } else {
      pictures.urls(mediaId).then((answer) => {
        if (answer.url) {
          picture.src = answer.thumbnailUrl || answer.url;
        }
      }, () => picture.remove());
    }
  }
  return element;
}
