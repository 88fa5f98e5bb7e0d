import { NetworkError } from '../errors.js';

const PAGE = 50;
const TYPING_RESEND_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

/**
 * What the user can do, and how the app reacts to what the server tells it. Views call these;
 * they talk to the REST API, the realtime client and the store, so no view knows about either.
 */
export class Actions {
  constructor({ api, store, realtime, session }) {
    this.api = api;
    this.store = store;
    this.realtime = realtime;
    this.session = session;
    this.viewing = null;
    this.typingState = new Map();
    this.receiptTimers = new Map();
    this.loadingOlder = new Map();

    realtime.on('chat', (event) => this.applyChange(event));
    realtime.on('ephemeral', (event) => this.applyEphemeral(event));
    realtime.on('sent', ({ item, message }) => {
      if (message?.seq) {
        this.store.putMessages(item.chatId, [message]);
      }
    });
    realtime.on('resynced', () => this.loadChats().catch(() => {}));
    store.on('messages', ({ chatId, seqs }) => this.learnSenders(chatId, seqs));
    this.askedUsers = new Set();
  }

  /** Looks up people whose messages we show but whose names we do not know yet (once each). */
  learnSenders(chatId, seqs) {
    for (const seq of seqs) {
      const senderId = this.store.message(chatId, seq)?.senderId;
      if (senderId && !this.store.users.has(senderId) && !this.askedUsers.has(senderId)) {
        this.askedUsers.add(senderId);
        this.api.user(senderId).then((user) => this.store.rememberUser(user), () => {});
      }
    }
  }

  // ---- chats ----

  async loadChats() {
    const page = await this.api.chats();
    this.store.setChats(page.items);
    page.items.forEach((chat) => this.realtime.track(chat.id, chat.lastSeq || 0));
    this.loadPresence(page.items.map((chat) => chat.peer?.userId).filter(Boolean));
    page.items.filter((chat) => chat.lastMessage && chat.lastMessage.seq > (chat.deliveredUpTo || 0)
      && chat.lastMessage.senderId !== this.store.me.id)
      .forEach((chat) => this.reportDelivered(chat.id, chat.lastMessage.seq));
  }

  async refreshChat(chatId) {
    try {
      const chat = await this.api.chat(chatId);
      this.store.upsertChat(chat);
      if (this.viewing === chatId && chat.unreadCount) {
        this.markRead(chatId);
      }
      this.realtime.track(chat.id, chat.lastSeq || 0);
      if (chat.peer?.userId) {
        this.loadPresence([chat.peer.userId]);
      }
      return chat;
    } catch (error) {
      if (error.status === 404 || error.status === 403) {
        this.store.removeChat(chatId);
        this.realtime.forget(chatId);
      }
      throw error;
    }
  }

  async loadPresence(userIds) {
    if (userIds.length === 0) {
      return;
    }
    try {
      const states = await this.api.presence([...new Set(userIds)]);
      normalisePresence(states).forEach((state) => this.store.setPresence(state.userId, state));
    } catch {
      // Presence is a nicety: the chat works without it.
    }
  }

  async openDirect(userId) {
    const chat = await this.api.openDirect(userId);
    this.store.upsertChat(chat);
    this.realtime.track(chat.id, chat.lastSeq || 0);
    return chat;
  }

  async createGroup(fields) {
    const chat = await this.api.createGroup(fields);
    this.store.upsertChat(chat);
    this.realtime.track(chat.id, chat.lastSeq || 0);
    return chat;
  }

  /** Makes a chat the one on screen: loads its newest page, members and receipts. */
  async view(chatId) {
    this.viewing = chatId;
    const history = this.store.history(chatId);
    const chat = this.store.chats.get(chatId);
    const work = [];
    if (!history.loaded) {
      work.push(this.api.history(chatId, { limit: PAGE }).then((items) => {
        history.loaded = true;
        history.hasOlder = items.length === PAGE;
        this.store.putMessages(chatId, items);
        this.realtime.track(chatId, Math.max(0, ...items.map((message) => message.seq)));
      }));
    }
    await Promise.allSettled(work.splice(0));
    work.push(this.loadMembers(chatId), this.loadReceipts(chatId, chat));
    await Promise.allSettled(work);
    this.markRead(chatId);
  }

  leaveView(chatId) {
    if (this.viewing === chatId) {
      this.viewing = null;
    }
    this.setTyping(chatId, false);
  }

  async loadOlder(chatId) {
    const history = this.store.history(chatId);
    if (!history.hasOlder || this.loadingOlder.get(chatId)) {
      return 0;
    }
    const oldest = Math.min(...history.bySeq.keys());
    if (!Number.isFinite(oldest) || oldest <= 1) {
      history.hasOlder = false;
      return 0;
    }
    this.loadingOlder.set(chatId, true);
    try {
      const items = await this.api.history(chatId, { before: oldest, limit: PAGE });
      history.hasOlder = items.length === PAGE;
      this.store.putMessages(chatId, items);
      return items.length;
    } finally {
      this.loadingOlder.delete(chatId);
    }
  }

  async loadMembers(chatId) {
    const chat = this.store.chats.get(chatId);
    if (!chat || chat.type === 'direct' || (chat.type === 'channel' && !isManager(chat))) {
      return;
    }
    const members = await this.api.members(chatId);
    this.store.setMembers(chatId, members);
    this.loadPresence(members.map((member) => member.userId).filter((id) => id !== this.store.me.id));
  }

  /**
   * Where the others' watermarks stand, from the receipts of my newest message (watermarks only
   * move forward, so that answer holds for everything before it); receipt events keep it current.
   */
  async loadReceipts(chatId, chat) {
    if (!chat || chat.type === 'channel') {
      return;
    }
    const newestMine = this.store.sortedMessages(chatId).reverse()
      .find((message) => message.senderId === this.store.me.id && message.kind !== 'system' && !message.deleted);
    if (!newestMine) {
      return;
    }
    const seq = newestMine.seq;
    const answer = await this.api.receipts(chatId, seq);
    if (chat.type === 'direct' && chat.peer?.userId) {
      const status = answer.status;
      this.store.setReceipt(chatId, chat.peer.userId, {
        readUpTo: status === 'read' ? seq : 0, deliveredUpTo: status === 'read' || status === 'delivered' ? seq : 0,
      });
    } else {
      (answer.deliveredTo || []).forEach((userId) => this.store.setReceipt(chatId, userId, { deliveredUpTo: seq }));
      (answer.readBy || []).forEach((userId) => this.store.setReceipt(chatId, userId, { readUpTo: seq }));
    }
  }

  // ---- messages ----

  send(chatId, text, replyTo, threadRoot) {
    const item = this.realtime.sendMessage(chatId, { text, replyTo, threadRoot });
    this.setTyping(chatId, false);
    return item;
  }

  /** Shares a place as a static location message (with an optional label). */
  shareLocation(chatId, { latitude, longitude, label }) {
    const location = { latitude: round(latitude), longitude: round(longitude), ...(label ? { label } : {}) };
    const item = this.realtime.sendMessage(chatId, { kind: 'location', location });
    this.setTyping(chatId, false);
    return item;
  }

  /** A thread's replies (the root's own history). */
  async loadThread(chatId, rootSeq) {
    const items = await this.api.history(chatId, { thread: rootSeq, limit: 100 });
    this.store.putMessages(chatId, items);
  }

  async edit(chatId, seq, text) {
    const answer = await this.api.edit(chatId, seq, text);
    this.putAnswer(chatId, answer);
  }

  async deleteMessage(chatId, seq, scope) {
    const answer = await this.api.deleteMessage(chatId, seq, scope);
    if (scope === 'me') {
      this.hideLocally(chatId, seq);
    } else {
      this.putAnswer(chatId, answer);
    }
  }

  async toggleReaction(chatId, seq, emoji) {
    const message = this.store.message(chatId, seq);
    const mine = message?.reactions?.some((reaction) => reaction.emoji === emoji && reaction.mine);
    const answer = mine ? await this.api.unreact(chatId, seq, emoji) : await this.api.react(chatId, seq, emoji);
    this.putAnswer(chatId, answer);
  }

  /** Puts a message the server answered with; other answers (e.g. of a delete) carry no message. */
  putAnswer(chatId, answer) {
    const message = answer?.message || answer;
    if (message?.id && message.senderId && typeof message.seq === 'number') {
      this.store.putMessages(chatId, [message]);
    }
  }

  hideLocally(chatId, seq) {
    const history = this.store.history(chatId);
    if (history.bySeq.delete(seq)) {
      this.store.emit('messages', { chatId, seqs: [seq], removed: true });
    }
  }

  /** Reports that I have read everything loaded in the chat on screen. */
  markRead(chatId) {
    const chat = this.store.chats.get(chatId);
    const history = this.store.history(chatId);
    if (!chat || document.visibilityState === 'hidden') {
      return;
    }
    const newest = Math.max(0, ...history.bySeq.keys());
    if (newest > (chat.readUpTo || 0) || chat.unreadCount) {
      this.store.patchChat(chatId, { readUpTo: Math.max(newest, chat.readUpTo || 0), unreadCount: 0 });
      if (newest > 0) {
        this.debounced(`read:${chatId}`, () => this.api.markRead(chatId, newest));
      }
    }
  }

  reportDelivered(chatId, seq) {
    this.debounced(`delivered:${chatId}`, () => this.api.markDelivered(chatId, seq));
  }

  debounced(key, call) {
    clearTimeout(this.receiptTimers.get(key));
    this.receiptTimers.set(key, setTimeout(() => {
      this.receiptTimers.delete(key);
      call().catch((error) => {
        if (error instanceof NetworkError) {
          this.receiptTimers.set(key, setTimeout(() => this.debounced(key, call), 5_000));
        }
      });
    }, 250));
  }

  // ---- typing and presence ----

  /** Sends "typing" at most every few seconds while I type, and "stopped" when I pause or send. */
  setTyping(chatId, typing) {
    const state = this.typingState.get(chatId) || { sentAt: 0, active: false, idle: null };
    clearTimeout(state.idle);
    if (typing) {
      const now = Date.now();
      if (!state.active || now - state.sentAt > TYPING_RESEND_MS) {
        state.sentAt = now;
        state.active = true;
        this.command('realtime.typing', { chatId, typing: true });
      }
      state.idle = setTimeout(() => this.setTyping(chatId, false), TYPING_IDLE_MS);
    } else if (state.active) {
      state.active = false;
      this.command('realtime.typing', { chatId, typing: false });
    }
    this.typingState.set(chatId, state);
  }

  /** Sets my status (online, away, busy); without one, just reports that I am active. */
  setPresence(status) {
    if (status) {
      this.myStatus = status;
    }
    return this.command('realtime.presence', status ? { status } : {});
  }

  command(address, body) {
    return this.realtime.command(address, body).catch(() => null);
  }

  // ---- what the server tells us ----

  /** A committed chat change, in order and once (the realtime client saw to that). */
  applyChange(event) {
    const change = event.payload || event;
    const type = event.type || change.type;
    const chatId = change.chatId || event.aggregateId;
    const known = this.store.chats.has(chatId);
    if (change.message && type !== 'message.hidden') {
      this.store.putMessages(chatId, [change.message]);
    }
    switch (type) {
      case 'message.sent':
        this.onMessageArrived(chatId, change);
        break;
      case 'message.hidden':
        this.hideLocally(chatId, change.messageSeq ?? change.seq);
        break;
      case 'receipt.updated':
        this.onReceipt(chatId, change);
        break;
      case 'chat.settings.changed':
        this.store.patchChat(chatId, pick(change, ['pinned', 'muted', 'mutedUntil', 'archived', 'pinnedAt']));
        this.store.emit('chats');
        break;
      case 'chat.created':
      case 'chat.updated':
      case 'chat.member.changed':
        this.onChatChanged(chatId, change);
        return;
      default:
        break;
    }
    if (!known && type !== 'receipt.updated') {
      this.refreshChat(chatId).catch(() => {});
    }
  }

  onMessageArrived(chatId, change) {
    const message = change.message;
    if (message?.threadRootSeq) {
      this.countThreadReply(chatId, message);
    }
    if (!message || message.senderId === this.store.me.id) {
      return;
    }
    const chat = this.store.chats.get(chatId);
    if (this.viewing === chatId && document.visibilityState !== 'hidden') {
      this.markRead(chatId);
    } else if (chat && message.seq > (chat.readUpTo || 0) && message.kind !== 'system') {
      this.store.patchChat(chatId, { unreadCount: (chat.unreadCount || 0) + 1 });
    }
    this.reportDelivered(chatId, message.seq);
    this.store.setTyping(chatId, message.senderId, false);
  }

  /** A new reply in a thread: its root shows one more, as the server counts it. */
  countThreadReply(chatId, reply) {
    const root = this.store.message(chatId, reply.threadRootSeq);
    if (root && reply.seq > (root.thread?.lastSeq || 0)) {
      this.store.putMessages(chatId, [{ ...root, thread: { replyCount: (root.thread?.replyCount || 0) + 1, lastSeq: reply.seq } }]);
    }
  }

  onReceipt(chatId, change) {
    const userId = change.userId || change.actorId;
    if (!userId) {
      return;
    }
    this.store.setReceipt(chatId, userId, change);
    if (userId === this.store.me.id) {
      const chat = this.store.chats.get(chatId);
      if (this.viewing === chatId) {
        this.markRead(chatId);
      } else if (chat && (change.readUpTo || 0) >= (chat.lastSeq || 0)) {
        this.store.patchChat(chatId, { unreadCount: 0, readUpTo: change.readUpTo });
      } else {
        this.refreshChat(chatId).catch(() => {});
      }
    }
  }

  onChatChanged(chatId, change) {
    const data = change.data || {};
    const action = String(data.action || '');
    const affected = data.userIds || (data.userId ? [data.userId] : []);
    const meGone = affected.includes(this.store.me.id) && /removed|left/.test(action);
    if (meGone) {
      this.store.removeChat(chatId);
      this.realtime.forget(chatId);
      return;
    }
    this.refreshChat(chatId).catch(() => {});
    if (this.store.members.has(chatId)) {
      this.loadMembers(chatId).catch(() => {});
    }
  }

  applyEphemeral(event) {
    if (event.type === 'typing' && event.userId !== this.store.me.id) {
      this.store.setTyping(event.chatId, event.userId, Boolean(event.typing));
    } else if (event.type === 'presence') {
      this.store.setPresence(event.userId, { status: event.status, lastSeen: event.lastSeen });
    }
  }
}

export function isManager(chat) {
  return chat?.role === 'owner' || chat?.role === 'admin';
}

/** Presence answers may be a list or a map by user id; both become [{userId, status, lastSeen}]. */
function normalisePresence(states) {
  if (Array.isArray(states)) {
    return states;
  }
  return Object.entries(states || {}).map(([userId, state]) => ({ userId, ...state }));
}

/** Six decimals: about 10 cm, more precise than any phone's fix. */
function round(coordinate) {
  return Math.round(coordinate * 1e6) / 1e6;
}

function pick(source, keys) {
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
}
