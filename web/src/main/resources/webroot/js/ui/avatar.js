import { h } from './dom.js';
import { hue, initials } from '../format.js';

/** A round avatar with initials on a colour chosen by id; with `presence`, a status dot. */
export function avatar({ id, name, size = 'md', presence, kind }) {
  return h('span', { class: ['avatar', `avatar-${size}`, `hue-${hue(id || name)}`, kind && `avatar-${kind}`], 'aria-hidden': 'true' },
    initials(name),
    presence ? h('span', { class: ['presence-dot', `presence-${presence}`] }) : null);
}
