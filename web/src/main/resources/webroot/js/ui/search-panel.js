import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { messageHit } from './search-hits.js';

const TYPING_PAUSE_MS = 250;

/**
 * Searching the open chat: a panel beside the conversation (over it on phones) with a search box
 * and the messages found, newest first, more on request. Choosing one shows it in the
 * conversation (`onJump(message)`).
 */
export function searchPanel({ store, actions, onJump, onToggle = () => {} }) {
  let chatId = null;
  let cursor = null;
  let found = [];
  let timer = null;
  let generation = 0;

  const input = h('input', {
    type: 'search', class: 'search-input', placeholder: 'Search in this chat', 'aria-label': 'Search messages in this chat',
    autocomplete: 'off',
  });
  const status = h('p', { class: 'muted search-status', role: 'status' });
  const list = h('ul', { class: 'search-results', 'aria-label': 'Messages found' });
  const more = h('button', { type: 'button', class: 'button small secondary search-more', hidden: true, onclick: () => load(true) }, 'Show older results');
  const element = h('aside', { class: 'side-panel search-panel', 'aria-label': 'Search in this chat', hidden: true },
    h('header', { class: 'thread-head' },
      h('h2', {}, 'Search'),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close search', onclick: () => close() }, icon('close'))),
    h('div', { class: 'side-search' }, h('div', { class: 'search' }, icon('search'), input)),
    h('div', { class: 'side-scroll' }, status, list, more));

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(false), TYPING_PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(timer);
      load(false);
    }
  });
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });

  async function load(append) {
    const q = input.value.trim();
    const run = ++generation;
    if (!q) {
      found = [];
      cursor = null;
      status.textContent = '';
      render(q);
      return;
    }
    status.textContent = 'Searching…';
    try {
      const page = await actions.searchMessages(q, { chatId, cursor: append ? cursor : undefined });
      if (run !== generation) {
        return;
      }
      found = append ? found.concat(page.items) : page.items;
      cursor = page.nextCursor || null;
      status.textContent = found.length ? `${found.length}${cursor ? '+' : ''} ${found.length === 1 ? 'message' : 'messages'} found` : 'No messages found';
    } catch (error) {
      if (run === generation) {
        status.textContent = `Search failed: ${error.message}`;
      }
    }
    render(q);
  }

  function render(q) {
    replaceChildren(list, found.map((message) => messageHit(message, {
      store, query: q, onOpen: () => {
        if (window.matchMedia('(max-width: 760px)').matches) {
          close();
        }
        onJump(message);
      },
    })));
    more.hidden = !cursor;
  }

  function open(id) {
    if (chatId !== id) {
      input.value = '';
      found = [];
      cursor = null;
      status.textContent = '';
      render('');
    }
    chatId = id;
    element.hidden = false;
    onToggle(true);
    input.focus();
  }

  function close() {
    if (!element.hidden) {
      element.hidden = true;
      onToggle(false);
    }
  }

  return { element, open, close, get isOpen() { return !element.hidden; } };
}
