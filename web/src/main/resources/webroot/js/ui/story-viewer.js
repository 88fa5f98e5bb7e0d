import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { toast } from './dialog.js';
import { shortWhen } from '../format.js';

const PHOTO_MS = 5_000;
const TEXT_MS = 6_000;

/**
 * The full-screen story viewer: one progress bar per story of the author, tap the right or left
 * half (or the arrow keys) to go on or back, hold to pause, Esc to close; the caption; a reply
 * box for someone else's story, and for my own the viewers list and delete. After an author's
 * last story it goes on to the next author.
 */
export function openStoryViewer({ store, actions, groups, groupIndex, onOpenChat }) {
  let group = groupIndex;
  let index = firstUnseen(groups[group]);
  let timer = null;
  let startedAt = 0;
  let elapsed = 0;
  let duration = PHOTO_MS;
  let paused = false;
  let frame = null;

  const bars = h('div', { class: 'story-bars' });
  const head = h('header', { class: 'story-head' });
  const stage = h('div', { class: 'story-stage' });
  const caption = h('p', { class: 'story-caption' });
  const foot = h('footer', { class: 'story-foot' });
  const viewer = h('dialog', { class: 'story-viewer', 'aria-label': 'Story' }, bars, head, stage, caption, foot);
  const close = () => viewer.close();

  stage.addEventListener('pointerdown', () => pause(true));
  stage.addEventListener('pointerup', (event) => {
    pause(false);
    const box = stage.getBoundingClientRect();
    if (Date.now() - pressedAt < 250) {
      (event.clientX - box.left < box.width / 3 ? back : next)();
    }
  });
  let pressedAt = 0;
  stage.addEventListener('pointerdown', () => { pressedAt = Date.now(); });
  viewer.addEventListener('keydown', (event) => {
    if (event.target.tagName === 'INPUT') {
      return;
    }
    if (event.key === 'ArrowRight') {
      event.preventDefault();
      next();
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      back();
    } else if (event.key === ' ') {
      event.preventDefault();
      pause(!paused);
    }
  });
  viewer.addEventListener('close', () => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    viewer.remove();
  });
  document.body.append(viewer);
  viewer.showModal();
  show();

  function current() {
    return groups[group]?.stories[index];
  }

  function show() {
    const story = current();
    if (!story) {
      close();
      return;
    }
    const author = groups[group].author;
    const mine = author.id === store.me.id;
    // Styles through the CSSOM: the page's CSP allows no style attributes.
    replaceChildren(bars, ...groups[group].stories.map((candidate, at) => h('span', { class: 'story-bar' },
      styled(h('span', { class: 'story-bar-fill' }), 'width', `${at < index ? 100 : 0}%`))));
    replaceChildren(head, avatar({ id: author.id, name: author.displayName, size: 'sm' }),
      h('span', { class: 'story-author' }, mine ? 'My story' : author.displayName),
      h('time', { class: 'muted', datetime: story.createdAt }, shortWhen(story.createdAt)),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: close }, icon('close')));
    caption.textContent = story.caption || '';
    caption.hidden = !story.caption;
    replaceChildren(foot, mine ? ownFooter(story) : replyBox(story));
    replaceChildren(stage);
    stage.dataset.storyId = story.id;
    if (story.kind === 'text') {
      stage.append(styled(h('div', { class: 'story-text' }, story.text), 'background', story.background));
      start(TEXT_MS);
    } else {
      showMedia(story);
    }
    actions.stories.view(story).catch(() => {});
  }

  async function showMedia(story) {
    try {
      const url = await actions.stories.mediaUrl(story.media.id);
      if (current() !== story) {
        return;
      }
      if (story.kind === 'video') {
        const video = h('video', { class: 'story-media', src: url, autoplay: true, playsinline: true, muted: true });
        video.addEventListener('loadedmetadata', () => start(Math.max(1_000, (video.duration || 5) * 1_000)));
        stage.append(video);
      } else {
        stage.append(h('img', { class: 'story-media', src: url, alt: story.caption || 'Story photo' }));
        start(PHOTO_MS);
      }
    } catch (failure) {
      stage.append(h('p', { class: 'muted' }, 'This story is no longer available.'));
      start(2_000);
    }
  }

  function start(ms) {
    duration = ms;
    elapsed = 0;
    startedAt = Date.now();
    paused = false;
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    timer = setTimeout(next, duration - elapsed);
    const fill = bars.children[index]?.firstChild;
    const tick = () => {
      if (fill && !paused) {
        fill.style.width = `${Math.min(100, ((elapsed + Date.now() - startedAt) / duration) * 100)}%`;
      }
      frame = requestAnimationFrame(tick);
    };
    tick();
  }

  function pause(on) {
    if (on === paused) {
      return;
    }
    paused = on;
    const video = stage.querySelector('video');
    if (on) {
      elapsed += Date.now() - startedAt;
      clearTimeout(timer);
      video?.pause();
    } else {
      startedAt = Date.now();
      schedule();
      video?.play?.().catch(() => {});
    }
  }

  function next() {
    if (index + 1 < groups[group].stories.length) {
      index += 1;
    } else if (group + 1 < groups.length) {
      group += 1;
      index = firstUnseen(groups[group]);
    } else {
      close();
      return;
    }
    show();
  }

  function back() {
    if (index > 0) {
      index -= 1;
    } else if (group > 0) {
      group -= 1;
      index = 0;
    }
    show();
  }

  function replyBox(story) {
    const input = h('input', { class: 'text-input', name: 'reply', placeholder: 'Reply…', 'aria-label': 'Reply to the story', maxlength: 4000 });
    input.addEventListener('focus', () => pause(true));
    return h('form', {
      class: 'story-reply', onsubmit: async (event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (!text) {
          return;
        }
        try {
          const chatId = await actions.stories.reply(story, text);
          input.value = '';
          toast('Reply sent');
          close();
          onOpenChat?.(chatId);
        } catch (failure) {
          toast(failure.message, { kind: 'error' });
        }
      },
    }, input, h('button', { type: 'submit', class: 'button primary' }, 'Send'));
  }

  function ownFooter(story) {
    const list = h('ul', { class: 'story-viewers', 'aria-label': 'Viewers', hidden: true });
    const button = h('button', {
      type: 'button', class: 'button', onclick: async () => {
        pause(true);
        try {
          const viewers = await actions.stories.viewers(story.id);
          list.hidden = false;
          replaceChildren(list, ...(viewers.length ? viewers.map((view) => h('li', { class: 'story-viewer-row' },
            avatar({ id: view.userId, name: view.user?.displayName || '?', size: 'sm' }),
            h('span', {}, view.user?.displayName || view.userId),
            h('time', { class: 'muted', datetime: view.viewedAt }, shortWhen(view.viewedAt))))
            : [h('li', { class: 'muted' }, 'No views yet')]));
        } catch (failure) {
          toast(failure.message, { kind: 'error' });
        }
      },
    }, icon('eye'), ` ${story.views || 0} ${story.views === 1 ? 'view' : 'views'}`);
    const remove = h('button', {
      type: 'button', class: 'button danger', onclick: async () => {
        try {
          await actions.stories.remove(story.id);
          close();
        } catch (failure) {
          toast(failure.message, { kind: 'error' });
        }
      },
    }, 'Delete');
    return h('div', { class: 'story-own' }, h('div', { class: 'row' }, button, remove), list);
  }
}

function styled(element, property, value) {
  element.style[property] = value;
  return element;
}

function firstUnseen(group) {
  const at = group ? group.stories.findIndex((story) => !story.seen) : -1;
  return at < 0 ? 0 : at;
}
