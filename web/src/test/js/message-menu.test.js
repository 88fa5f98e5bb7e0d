import { Store } from '/js/state/store.js';
import { messageView } from '/js/ui/message-view.js';
import { assertEqual, assertTrue, eventually, test } from './harness.js';

/** Two messages on screen in a group, with every handler recording what it was asked. */
function screen() {
  const store = new Store({ id: 'me', username: 'me', displayName: 'Me' });
  store.rememberUser({ id: 'ann', username: 'ann', displayName: 'Ann' });
  const chat = { id: 'c', type: 'group', title: 'Group' };
  store.upsertChat(chat);
  const asked = [];
  const record = (name) => (...args) => asked.push(name);
  const ctx = {
    store, chat, onReply: record('reply'), onEdit: record('edit'), onDelete: record('delete'), onToggleReaction: record('react'),
    onJumpTo: record('jump'), onShowReceipts: record('receipts'), onOpenThread: record('thread'),
  };
  const at = new Date().toISOString();
  const list = document.createElement('ol');
  const first = messageView({ id: 'm1', chatId: 'c', seq: 1, senderId: 'ann', kind: 'text', text: 'first', createdAt: at }, ctx);
  const second = messageView({
    id: 'm2', chatId: 'c', seq: 2, senderId: 'me', kind: 'text', text: 'second', createdAt: at, replyTo: { seq: 1, senderId: 'ann', text: 'first' },
  }, ctx);
  list.append(first, second);
  document.body.append(list);
  return { first, second, asked, remove: () => list.remove() };
}

const open = (item) => item.classList.contains('actions-open');

function press(target, type, fields = {}) {
  const box = target.getBoundingClientRect();
  target.dispatchEvent(new PointerEvent(type, {
    bubbles: true, cancelable: true, pointerType: 'touch', isPrimary: true, pointerId: 7,
    clientX: box.left + 5, clientY: box.top + 5, ...fields,
  }));
}

test('the ⋯ button opens a message\'s actions, moves focus into them, and Escape closes them again', async () => {
  const { first, remove } = screen();
  const button = first.querySelector('.msg-menu');
  assertEqual(button.getAttribute('aria-label'), 'Message actions', 'the button is named');
  button.click();
  assertTrue(open(first), 'open');
  assertEqual(button.getAttribute('aria-expanded'), 'true', 'announced as open');
  assertTrue(first.querySelector('.msg-actions').contains(document.activeElement), 'focus on the first action');
  document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  assertTrue(!open(first), 'closed by Escape');
  assertEqual(document.activeElement, button, 'focus back on the button');
  remove();
});

test('one message\'s actions are open at a time; a tap elsewhere or doing one closes them', async () => {
  const { first, second, asked, remove } = screen();
  first.querySelector('.msg-menu').click();
  second.querySelector('.msg-menu').click();
  assertTrue(!open(first) && open(second), 'only the second open');
  document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' }));
  assertTrue(!open(second), 'closed by a tap elsewhere');
  second.querySelector('.msg-menu').click();
  second.querySelector('.act-reply').click();
  assertEqual(asked, ['reply'], 'the action done');
  assertTrue(!open(second), 'closed once done');
  second.querySelector('.msg-menu').click();
  second.querySelector('.act-react').click();
  assertTrue(open(second) && !second.querySelector('.reaction-picker').hidden, 'React keeps them open, for its picker');
  remove();
});

test('a long press opens the actions; a press that moves (a scroll) or a mouse press does not', async () => {
  const { first, second, asked, remove } = screen();
  // Earlier tests moved focus, so the page may still scroll (and a scroll cancels a press): let it settle.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  press(first.querySelector('.bubble'), 'pointerdown');
  press(first.querySelector('.bubble'), 'pointermove', { clientY: first.querySelector('.bubble').getBoundingClientRect().top + 40 });
  press(first.querySelector('.bubble'), 'pointerdown', { pointerType: 'mouse' });
  const quote = second.querySelector('.quote');
  press(quote, 'pointerdown');
  // The press on the quote started last: once it has opened, the others had their time too.
  await eventually(() => open(second), 'the actions after a long press');
  assertTrue(!open(first), 'a moving finger scrolls, it does not press');
  press(quote, 'pointerup');
  quote.click();
  assertEqual(asked, [], 'the click ending the long press does not follow the quote');
  quote.click();
  assertEqual(asked, ['jump'], 'a later tap does');
  remove();
});
