import { Store } from '/js/state/store.js';
import { messageView } from '/js/ui/message-view.js';
import { describePreview } from '/js/ui/describe.js';
import { h } from '/js/ui/dom.js';
import { messageHit } from '/js/ui/search-hits.js';
import { assertEqual, assertTrue, sleep, test } from './harness.js';

const HOSTILE = '<script>window.parleyPwned = 1</script><img src="x" onerror="window.parleyPwned = 2"> & <b>bold</b>';

function context() {
  const store = new Store({ id: 'me', username: 'me', displayName: 'Me' });
  store.rememberUser({ id: 'eve', username: 'eve', displayName: '<img src=x onerror="window.parleyPwned = 3">' });
  const chat = { id: 'c', type: 'group', title: '<script>alert(1)</script>' };
  store.upsertChat(chat);
  const noop = () => {};
  return { store, chat, onReply: noop, onEdit: noop, onDelete: noop, onToggleReaction: noop, onJumpTo: noop, onShowReceipts: noop };
}

test('message text, sender names and quotes with markup are shown as text', async () => {
  const ctx = context();
  const message = {
    id: 'm2', chatId: 'c', seq: 2, senderId: 'eve', kind: 'text', text: HOSTILE, createdAt: new Date().toISOString(),
    replyTo: { seq: 1, senderId: 'eve', kind: 'text', text: HOSTILE, deleted: false },
    reactions: [{ emoji: '<i>x</i>', count: 1, mine: false }],
  };
  const view = messageView(message, ctx);
  document.body.append(view);
  await sleep(50);
  assertEqual(view.querySelectorAll('script, img, b, i:not(.typing-dots i)').length, 0, 'elements parsed from user content');
  assertTrue(view.querySelector('.msg-text').textContent === HOSTILE, 'text shown verbatim');
  assertTrue(view.querySelector('.sender-name').textContent.includes('onerror'), 'name shown verbatim');
  assertTrue(view.querySelector('.quote-text').textContent === HOSTILE, 'quote shown verbatim');
  assertEqual(window.parleyPwned, undefined, 'no script ran');
  view.remove();
});

test('chat list previews are plain strings', async () => {
  const { store } = context();
  const preview = describePreview({ type: 'group', lastMessage: { seq: 1, senderId: 'eve', kind: 'text', text: HOSTILE } }, store);
  const element = h('span', {}, preview);
  assertEqual(element.children.length, 0, 'no child elements');
  assertTrue(element.textContent.endsWith(HOSTILE), 'preview keeps the text');
});

test('the dom helper never turns strings into markup', async () => {
  const element = h('div', { title: '"><script>x</script>' }, HOSTILE, ['<u>', 3]);
  assertEqual(element.children.length, 0, 'no child elements');
  assertEqual(element.textContent, `${HOSTILE}<u>3`, 'text');
});

test('found messages are shown as text, with the search words marked', async () => {
  const { store } = context();
  const hit = messageHit({ id: 'm3', chatId: 'c', seq: 3, senderId: 'eve', kind: 'text', text: HOSTILE, createdAt: new Date().toISOString() },
    { store, query: 'script bold', showChat: true, onOpen: () => {} });
  document.body.append(hit);
  await sleep(50);
  assertEqual(hit.querySelectorAll('script, img, b').length, 0, 'elements parsed from user content');
  assertEqual([...hit.querySelectorAll('mark')].map((mark) => mark.textContent), ['script', 'script', 'bold'], 'marked words');
  assertTrue(hit.querySelector('.search-hit-text').textContent.endsWith(HOSTILE), 'text shown verbatim');
  assertEqual(window.parleyPwned, undefined, 'no script ran');
  hit.remove();
});
