import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { composer as createComposer } from './composer.js';
import { messageView, pendingView } from './message-view.js';
import { toast } from './dialog.js';

/**
 * A thread beside the conversation: the root message, its replies (the thread's own history)
 * and a composer whose messages go into the thread. `baseCtx` is the conversation's message
 * context; replies here answer within the thread.
 */
export function threadPanel({ store, actions, realtime, baseCtx, onToggle = () => {} }) {
  let chatId = null;
  let rootSeq = null;

  const rootSlot = h('div', { class: 'thread-root' });
  const replies = h('ol', { class: 'message-list', 'aria-label': 'Replies' });
  const pending = h('ol', { class: 'message-list pending-list', 'aria-label': 'Sending' });
  const composer = createComposer({
    store,
    onSend: (text, replyTo) => actions.send(chatId, text, replyTo, rootSeq),
    onSaveEdit: (message, text) => actions.edit(chatId, message.seq, text).catch((error) => toast(error.message, { kind: 'error' })),
    onTyping: () => actions.setTyping(chatId, true),
    onEditLast: () => {},
    onShareLocation: () => {},
  });
  const ctx = Object.assign(Object.create(baseCtx), {
    onReply: (message) => composer.reply(message),
    onEdit: (message) => composer.edit(message),
    onOpenThread: null,
  });
  const element = h('aside', { class: 'thread-panel', 'aria-label': 'Thread', hidden: true },
    h('header', { class: 'thread-head' },
      h('h2', {}, 'Thread'),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close thread', onclick: () => close() }, icon('close'))),
    h('div', { class: 'thread-scroll' }, rootSlot, h('p', { class: 'thread-divider' }), replies, pending),
    composer.element);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      close();
    }
  });

  store.on('messages', ({ chatId: changed }) => changed === chatId && render());
  realtime.on('outbox', () => chatId && render());
  realtime.on('sent', () => chatId && render());

  async function open(id, root) {
    chatId = id;
    rootSeq = root.seq;
    element.hidden = false;
    onToggle(true);
    composer.setChat(`${id}:${rootSeq}`);
    render();
    composer.focus();
    await actions.loadThread(id, rootSeq).catch((error) => toast(`Could not load the thread: ${error.message}`, { kind: 'error' }));
  }

  function close() {
    chatId = null;
    rootSeq = null;
    element.hidden = true;
    onToggle(false);
  }

  function render() {
    const root = store.message(chatId, rootSeq);
    if (!root) {
      return;
    }
    replaceChildren(rootSlot, h('ol', { class: 'message-list' }, messageView(root, ctx)));
    const thread = store.sortedMessages(chatId).filter((message) => message.threadRootSeq === rootSeq);
    rootSlot.nextSibling.textContent = thread.length ? `${thread.length} ${thread.length === 1 ? 'reply' : 'replies'}` : 'No replies yet';
    replaceChildren(replies, thread.map((message) => messageView(message, ctx)));
    replaceChildren(pending, realtime.pending(chatId).filter((item) => item.threadRoot === rootSeq).map((item) => pendingView(item, ctx)));
    const scroller = element.querySelector('.thread-scroll');
    scroller.scrollTop = scroller.scrollHeight;
  }

  return { element, open, close, get chatId() { return chatId; } };
}
