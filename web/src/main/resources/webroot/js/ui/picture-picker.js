import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { toast } from './dialog.js';
import { refusalOf } from '../state/media-kinds.js';

const PICTURE_TYPES = 'image/jpeg,image/png,image/gif,image/webp';

/**
 * A profile or group picture that can be changed: the avatar, a button to choose a photo (shown
 * at once from the file while it uploads, with its progress) and one to remove it.
 * `save(file, onProgress)` and `remove()` resolve with the new owner ({avatarMediaId}).
 */
export function picturePicker({ id, name, mediaId, kind, save, remove, label = 'photo' }) {
  let current = mediaId;
  const face = h('span', { class: 'picture-face' });
  const progress = h('span', { class: 'picture-progress', hidden: true }, h('span', { class: 'upload-bar' }));
  const input = h('input', { type: 'file', class: 'attach-input picture-input', accept: PICTURE_TYPES, tabindex: '-1', 'aria-hidden': 'true' });
  const change = h('button', { type: 'button', class: 'button small secondary picture-change', onclick: () => input.click() },
    icon('camera'), `Change ${label}`);
  const drop = h('button', { type: 'button', class: 'button small ghost picture-remove', onclick: () => removePicture() }, 'Remove');
  const element = h('div', { class: 'picture-picker' }, h('span', { class: 'picture-frame' }, face, progress), h('div', { class: 'picture-actions' }, change, drop), input);
  render();

  input.addEventListener('change', async () => {
    const file = input.files[0];
    input.value = '';
    if (!file) {
      return;
    }
    const local = URL.createObjectURL(file);
    replaceChildren(face, h('span', { class: ['avatar', 'avatar-xl', kind && `avatar-${kind}`] }, h('img', { class: 'avatar-picture', src: local, alt: '' })));
    busy(true);
    try {
      const updated = await save(file, (fraction) => { progress.firstChild.style.width = `${Math.round(fraction * 100)}%`; });
      current = updated?.avatarMediaId || current;
      toast(`New ${label} saved`);
    } catch (error) {
      toast(refusalOf(error, file.name, 'image').text, { kind: 'error' });
    } finally {
      busy(false);
      URL.revokeObjectURL(local);
      render();
    }
  });

  async function removePicture() {
    busy(true);
    try {
      await remove();
      current = null;
    } catch (error) {
      toast(error.message, { kind: 'error' });
    } finally {
      busy(false);
      render();
    }
  }

  function busy(on) {
    progress.hidden = !on;
    progress.firstChild.style.width = '0%';
    change.disabled = on;
    drop.disabled = on;
  }

  function render() {
    replaceChildren(face, avatar({ id, name, size: 'xl', kind, mediaId: current }));
    drop.hidden = !current;
  }

  return element;
}
