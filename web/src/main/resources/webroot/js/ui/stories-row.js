import { h, replaceChildren } from './dom.js';
import { avatar } from './avatar.js';
import { icon } from './icons.js';
import { openStoryViewer } from './story-viewer.js';
import { openStoryComposer } from './story-composer.js';

/**
 * The row of stories above the chat list: "add a story" first, then my own ring, then each
 * author's ring, those with stories I have not seen first (a coloured ring), the rest greyed.
 * A ring opens the viewer at the author's first unseen story.
 */
export function storiesRow({ store, actions, onOpenChat }) {
  const list = h('ul', { class: 'stories-row', 'aria-label': 'Stories' });
  const element = h('nav', { class: 'stories', 'aria-label': 'Stories' }, list);
  store.on('stories', render);
  render();
  // Expired stories leave the row even without an event.
  setInterval(render, 30_000);

  function render() {
    const groups = store.stories.visible(store.me.id);
    const add = h('li', {}, h('button', {
      type: 'button', class: 'story-ring add', 'aria-label': 'Post a story', title: 'Post a story',
      onclick: () => openStoryComposer({ store, actions }),
    }, h('span', { class: 'story-avatar' }, icon('plus')), h('span', { class: 'story-name' }, 'Add story')));
    replaceChildren(list, add, ...groups.map((group, index) => {
      const mine = group.author.id === store.me.id;
      const label = mine ? 'My story' : group.author.displayName;
      return h('li', {}, h('button', {
        type: 'button',
        class: ['story-ring', group.unseen > 0 && !mine ? 'unseen' : 'seen', mine && 'mine'],
        dataset: { authorId: group.author.id },
        'aria-label': `${label}: ${group.stories.length} ${group.stories.length === 1 ? 'story' : 'stories'}${group.unseen && !mine ? `, ${group.unseen} new` : ''}`,
        onclick: () => openStoryViewer({ store, actions, groups, groupIndex: index, onOpenChat }),
      }, h('span', { class: 'story-avatar' }, avatar({ id: group.author.id, name: group.author.displayName, size: 'md' })),
      h('span', { class: 'story-name' }, label)));
    }));
  }

  return { element };
}
