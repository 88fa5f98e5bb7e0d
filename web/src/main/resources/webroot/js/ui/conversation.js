import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { composer as createComposer } from './composer.js';
import { messageView, pendingView, ticks } from './message-view.js';
import { toast } from './dialog.js';
import { threadPanel } from './thread-panel.js';
import { searchPanel } from './search-panel.js';
import { pinnedBar } from './pinned-bar.js';
import { liveBar, openLocationShare } from './location-share.js';
import { mayPin, messageHandlers, run } from './message-handlers.js';
import { presenceLabel } from './describe.js';
import { isManager } from '../state/actions.js';
import { isLive } from '../state/live-location.js';
import { lastSeen } from '../format.js';
import { uploadView } from './upload-view.js';
import { mediaDrops, openChatMedia, sendFiles } from './conversation-media.js';

const NEAR_BOTTOM_PX = 120;

/**
 * One chat on screen: header with presence or typing, the pinned messages bar, the history (older
 * pages load as you scroll up), pending messages, the typing line, my live location and the
 * composer; threads and search open in a panel beside it.
 */
export function conversation({ store, actions, realtime, onBack, onShowInfo }) {
  let chatId = null;
  let items = new Map();
  let unseen = 0;

  const title = h('h2', { class: 'conv-title', id: 'conv-title' });
  const subtitle = h('p', { class: 'conv-subtitle', 'aria-live': 'polite' });
  const headAvatar = h('span', { class: 'conv-avatar' });
  const header = h('header', { class: 'conv-head' },
    h('button', { type: 'button', class: 'icon-button back-button', 'aria-label': 'Back to chats', onclick: () => onBack() }, icon('back')),
    h('button', { type: 'button', class: 'conv-identity', 'aria-label': 'Chat info', onclick: () => onShowInfo(chatId) },
      headAvatar, h('span', { class: 'conv-names' }, title, subtitle)),
    h('button', { type: 'button', class: 'icon-button search-button', 'aria-label': 'Search in this chat', title: 'Search in this chat',
      onclick: () => openSearch() }, icon('search')),
    h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Chat info', title: 'Chat info', onclick: () => onShowInfo(chatId) }, icon('info')));

  const sentinel = h('div', { class: 'history-edge', 'aria-hidden': 'true' });
  const list = h('ol', { class: 'message-list', 'aria-labelledby': 'conv-title' });
  const pendingList = h('ol', { class: 'message-list pending-list', 'aria-label': 'Sending' });
  const scroller = h('div', { class: 'messages', role: 'log', 'aria-label': 'Messages', tabindex: '0' }, sentinel, list, pendingList);
  const jump = h('button', { type: 'button', class: 'jump-bottom', hidden: true, 'aria-label': 'Jump to newest messages', onclick: () => scrollToBottom(true) },
    icon('down'), h('span', { class: 'jump-count' }));
  const typingLine = h('div', { class: 'typing-indicator', 'aria-live': 'polite', hidden: true });
  const readOnlyNote = h('p', { class: 'read-only-note', hidden: true }, 'Only admins can post in this channel.');

  const composer = createComposer({
    store,
    onSend: (text, replyTo) => {
      actions.send(chatId, text, replyTo);
      scrollToBottom(true);
    },
    onSaveEdit: (message, text) => run(() => actions.edit(chatId, message.seq, text), 'Could not edit the message'),
    onTyping: () => actions.setTyping(chatId, true),
    onShareLocation: () => openLocationShare({ share: (where) => actions.shareLocation(chatId, where) }),
    onFiles: (files, kind) => sendFiles({ actions, chatId, files, kind, composer, onSent: () => scrollToBottom(true) }),
    onVoiceNote: (blob, recorded) => {
      actions.media.sendVoiceNote(chatId, blob, { ...recorded, replyTo: composer.takeReply() });
      scrollToBottom(true);
    },
    onEditLast: () => {
      const last = store.sortedMessages(chatId).reverse().find((message) => message.senderId === store.me.id
        && message.kind === 'text' && !message.deleted);
      if (last) {
        composer.edit(last);
      }
    },
  });

  const empty = h('div', { class: 'conv-empty' },
    h('div', { class: 'conv-empty-art', 'aria-hidden': 'true' }, icon('send')),
    h('h2', {}, 'Your messages'),
    h('p', {}, 'Pick a chat on the left, or start a new one.'));
  const pins = pinnedBar({
    store,
    onJump: (message) => showMessage(message),
    canUnpin: () => mayPin(ctx.chat),
    onUnpin: (message) => run(() => actions.setPinned(chatId, message.seq, false), 'Could not unpin'),
  });
  const live = liveBar({ actions });
  const body = h('div', { class: 'conv-body', hidden: true },
    header, pins.element, scroller, jump, typingLine, readOnlyNote, live.element, composer.element);
  const element = h('section', { class: 'conversation', 'aria-label': 'Conversation' }, empty, body);

  const ctx = {
    store,
    get chat() { return store.chats.get(chatId) || { id: chatId, type: 'direct' }; },
    onReply: (message) => composer.reply(message),
    onEdit: (message) => composer.edit(message),
    onJumpTo: (seq) => jumpTo(seq),
    ...messageHandlers({ store, actions, realtime, chatId: () => chatId }),
    onOpenThread: (message) => thread.open(chatId, message),
    media: actions.media,
    onOpenMedia: (ignored, seq) => openChatMedia({ store, actions, chatId, seq }),
  };
  const thread = threadPanel({ store, actions, realtime, baseCtx: ctx, onToggle: (open) => panelToggled(open, thread) });
  const search = searchPanel({ store, actions, onJump: (message) => showMessage(message), onToggle: (open) => panelToggled(open, search) });
  body.append(thread.element, search.element);
  mediaDrops(body, (files) => chatId && !composer.element.hidden && composer.attachFiles(files));

  store.on('messages', ({ chatId: changed, seqs, removed }) => changed === chatId && update(seqs, removed));
  store.on('receipts', (changed) => changed === chatId && refreshTicks());
  store.on('chat', (changed) => changed === chatId && renderHeader());
  store.on('presence', () => chatId && renderHeader());
  store.on('typing', (changed) => changed === chatId && renderTyping());
  store.on('users', () => {
    if (chatId) {
      renderHeader();
      update([...items.keys()]);
    }
  });
  store.on('members', (changed) => changed === chatId && renderHeader());
  store.on('uploads', (changed) => changed === chatId && renderPending());
  realtime.on('outbox', () => renderPending());
  realtime.on('sent', () => renderPending());
  setInterval(() => chatId && renderTyping(), 2_000);
  // Live locations run out without an event: redraw those that were live when their time may be up.
  setInterval(() => chatId && update([...items.keys()].filter((seq) => isLive(store.message(chatId, seq), Date.now() - 30_000))), 15_000);

  scroller.addEventListener('scroll', () => {
    if (nearBottom()) {
      unseen = 0;
      jump.hidden = true;
      actions.markRead(chatId);
    }
  });
  document.addEventListener('visibilitychange', () => chatId && nearBottom() && actions.markRead(chatId));
  new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting) && chatId) {
      loadOlder();
    }
  }, { root: scroller, rootMargin: '300px 0px 0px 0px' }).observe(sentinel);

  async function open(id) {
    if (chatId && chatId !== id) {
      actions.leaveView(chatId);
    }
    thread.close();
    search.close();
    chatId = id;
    items = new Map();
    unseen = 0;
    replaceChildren(list);
    empty.hidden = true;
    body.hidden = false;
    jump.hidden = true;
    renderHeader();
    renderTyping();
    const chat = store.chats.get(id);
    const canPost = !(chat?.type === 'channel' && !isManager(chat));
    composer.setChat(id, { canPost });
    readOnlyNote.hidden = canPost;
    pins.setChat(id);
    live.setChat(id);
    update(store.sortedMessages(id).map((message) => message.seq));
    renderPending();
    scrollToBottom(true);
    await actions.view(id).catch((error) => toast(`Could not load the chat: ${error.message}`, { kind: 'error' }));
    if (chatId === id) {
      scrollToBottom(true);
      if (window.matchMedia('(pointer: fine)').matches) {
        composer.focus();
      }
    }
  }

  function close() {
    thread.close();
    search.close();
    if (chatId) {
      actions.leaveView(chatId);
    }
    chatId = null;
    empty.hidden = false;
    body.hidden = true;
  }

  // ---- messages ----

  /** Renders changed or new messages in place, keeping the reader's position. */
  function update(seqs, removed = false) {
    const wasNearBottom = nearBottom();
    const distanceFromBottom = scroller.scrollHeight - scroller.scrollTop;
    const newest = Math.max(0, ...items.keys());
    let appended = 0;
    let prepended = false;
    for (const seq of seqs) {
      const message = store.message(chatId, seq);
      const existing = items.get(seq);
      // Thread replies live in the thread panel; the root shows how many there are.
      if (!message || removed || message.threadRootSeq) {
        existing?.remove();
        items.delete(seq);
        continue;
      }
      const view = messageView(message, ctx);
      if (existing) {
        existing.replaceWith(view);
      } else {
        insertInOrder(seq, view);
        if (seq > newest) {
          appended += message.senderId === store.me.id ? 0 : 1;
        } else {
          prepended = true;
        }
      }
      items.set(seq, view);
    }
    decorate();
    if (prepended && !wasNearBottom) {
      scroller.scrollTop = scroller.scrollHeight - distanceFromBottom;
    } else if (wasNearBottom) {
      scrollToBottom(true);
    } else if (appended) {
      unseen += appended;
      jump.hidden = false;
      jump.querySelector('.jump-count').textContent = String(unseen);
    }
  }

  function insertInOrder(seq, view) {
    let before = null;
    for (const child of list.children) {
      if (Number(child.dataset.seq) > seq) {
        before = child;
        break;
      }
    }
    list.insertBefore(view, before);
  }

  /** Day separators and runs of one sender, from the order on screen. */
  function decorate() {
    let previous = null;
    for (const child of list.children) {
      const dayStart = !previous || previous.dataset.day !== child.dataset.day;
      const runStart = dayStart || previous.dataset.sender !== child.dataset.sender
        || previous.classList.contains('system') || child.classList.contains('system');
      child.classList.toggle('day-start', dayStart);
      child.classList.toggle('run-start', runStart);
      previous?.classList.toggle('run-end', runStart);
      previous = child;
    }
    previous?.classList.add('run-end');
  }

  /** Receipts moved: only the ticks change, so focus and hover on the messages stay where they are. */
  function refreshTicks() {
    for (const [seq, view] of items) {
      const tick = view.classList.contains('mine') ? view.querySelector('.msg-meta .tick') : null;
      const message = tick && store.message(chatId, seq);
      if (message && !message.deleted) {
        tick.replaceWith(ticks(message, ctx));
      }
    }
  }

  function renderPending() {
    if (!chatId) {
      return;
    }
    const stick = nearBottom();
    replaceChildren(pendingList, realtime.pending(chatId).filter((item) => !item.threadRoot).map((item) => pendingView(item, ctx)),
      actions.media.uploadsOf(chatId).map((upload) => uploadView(upload, ctx)));
    if (stick) {
      scrollToBottom(false);
    }
  }

  async function loadOlder() {
    const id = chatId;
    const history = store.history(id);
    if (!history.loaded || !history.hasOlder) {
      sentinel.classList.toggle('at-start', history.loaded && !history.hasOlder);
      return;
    }
    sentinel.classList.add('loading');
    try {
      await actions.loadOlder(id);
    } catch {
      toast('Could not load older messages', { kind: 'error' });
    } finally {
      sentinel.classList.remove('loading');
      sentinel.classList.toggle('at-start', !history.hasOlder);
    }
    // Still at the top (a short page): keep going.
    if (id === chatId && history.hasOlder && scroller.scrollTop < 300) {
      setTimeout(loadOlder, 50);
    }
  }

  async function jumpTo(seq) {
    while (!items.has(seq) && store.history(chatId).hasOlder) {
      if (await actions.loadOlder(chatId) === 0) {
        break;
      }
    }
    const target = items.get(seq);
    if (target) {
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      target.classList.add('highlight');
      target.focus({ preventScroll: true });
      setTimeout(() => target.classList.remove('highlight'), 1_600);
    }
  }

  /** One side panel at a time (thread or search); on wide screens the conversation makes room for it. */
  function panelToggled(open, panel) {
    if (open) {
      (panel === thread ? search : thread).close();
    }
    body.classList.toggle('with-thread', open || search.isOpen || !thread.element.hidden);
  }

  function openSearch() {
    if (search.isOpen) {
      search.close();
    } else {
      search.open(chatId);
    }
  }

  // ---- header and typing ----

  function renderHeader() {
    const chat = store.chats.get(chatId);
    if (!chat) {
      return;
    }
    title.textContent = chat.title || 'Untitled';
    const peer = chat.peer?.userId;
    const presence = peer ? store.presence.get(peer) : null;
    replaceChildren(headAvatar, avatar({ id: peer || chat.id, name: chat.title, presence: presenceLabel(presence),
      kind: chat.type === 'direct' ? null : chat.type, mediaId: chat.avatarMediaId }));
    if (chat.type === 'direct') {
      subtitle.textContent = presenceLabel(presence) || (presence?.lastSeen ? lastSeen(presence.lastSeen) : '');
    } else {
      const members = store.members.get(chatId);
      const online = members ? members.filter((member) => member.userId !== store.me.id
        && store.presence.get(member.userId)?.status === 'online').length : 0;
      const count = chat.memberCount || members?.length || 0;
      const noun = chat.type === 'channel' ? 'subscriber' : 'member';
      subtitle.textContent = `${count} ${noun}${count === 1 ? '' : 's'}${online ? `, ${online} online` : ''}`;
    }
  }

  function renderTyping() {
    const typists = store.typists(chatId);
    typingLine.hidden = typists.length === 0;
    const names = typists.map((id) => store.nameOf(id));
    const text = names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing` : names.length === 2
      ? `${names[0]} and ${names[1]} are typing` : `${names.length} people are typing`;
    replaceChildren(typingLine, h('span', { class: 'typing-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), text ? `${text}…` : '');
  }

  // ---- helpers ----

  function nearBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
  }

  function scrollToBottom(force) {
    if (force || nearBottom()) {
      scroller.scrollTop = scroller.scrollHeight;
    }
    unseen = 0;
    jump.hidden = true;
    if (chatId) {
      actions.markRead(chatId);
    }
  }

  /** Opens a chat (if another is open) and shows one of its messages. */
  async function show(id, message) {
    if (chatId !== id) {
      await open(id);
    }
    if (chatId === id) {
      await showMessage(message);
    }
  }

  /** A message in the history, or a thread reply in its thread (replies are not in the history). */
  async function showMessage(message) {
    if (message.threadRootSeq) {
      await jumpTo(message.threadRootSeq);
      const root = store.message(chatId, message.threadRootSeq);
      if (root) {
        thread.open(chatId, root);
      }
    } else {
      await jumpTo(message.seq);
    }
  }

  return { element, open, close, show, get chatId() { return chatId; } };
}
