import { h, replaceChildren } from './dom.js';
import { avatar } from './avatar.js';

/**
 * Finds people by name and collects a selection (or, with `single`, calls onPick at the first
 * choice). Chosen people show as removable chips.
 */
export function peoplePicker({ actions, store, single = false, onPick, exclude = [], label = 'Find people' }) {
  const chosen = new Map();
  let results = [];
  let timer = null;
  const excluded = new Set([store.me.id, ...exclude]);

  const input = h('input', { type: 'search', class: 'text-input', placeholder: 'Name or username', 'aria-label': label, autocomplete: 'off' });
  const chips = h('ul', { class: 'chips', 'aria-label': 'Chosen people' });
  const list = h('ul', { class: 'people picker-results', 'aria-label': 'Search results' });
  const status = h('p', { class: 'muted picker-status', 'aria-live': 'polite' }, 'Type at least 2 characters.');

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });

  async function search() {
    const q = input.value.trim();
    if (q.length < 2) {
      results = [];
      status.textContent = 'Type at least 2 characters.';
      render();
      return;
    }
    try {
      const found = await actions.people.find(q);
      if (q !== input.value.trim()) {
        return;
      }
      results = found.filter((user) => !excluded.has(user.id));
      status.textContent = results.length ? '' : 'Nobody found.';
    } catch (error) {
      status.textContent = `Search failed: ${error.message}`;
      results = [];
    }
    render();
  }

  function render() {
    replaceChildren(chips, [...chosen.values()].map((user) => h('li', { class: 'chip' },
      h('span', {}, user.displayName),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${user.displayName}`, onclick: () => { chosen.delete(user.id); render(); } }, '×'))));
    replaceChildren(list, results.map((user) => h('li', {}, h('button', {
      type: 'button', class: ['person-button', chosen.has(user.id) && 'chosen'], dataset: { userId: user.id, username: user.username },
      'aria-pressed': single ? null : String(chosen.has(user.id)),
      onclick: () => {
        if (single) {
          onPick(user);
          return;
        }
        if (chosen.has(user.id)) {
          chosen.delete(user.id);
        } else {
          chosen.set(user.id, user);
        }
        render();
      },
    }, avatar({ id: user.id, name: user.displayName, size: 'sm' }),
    h('span', { class: 'person-names' }, h('span', { class: 'person-name' }, user.displayName), h('span', { class: 'muted' }, `@${user.username}`))))));
  }

  return {
    element: h('div', { class: 'picker' }, input, chips, status, list),
    chosen: () => [...chosen.keys()],
    focus: () => input.focus(),
  };
}
