import { StoryActions } from './story-actions.js';
import { NetworkError } from '../errors.js';
import { uuid } from '../ids.js';
import { memoryStorage } from '../realtime/outbox.js';
import { ChangeHandler } from './change-handler.js';
import { LiveSharing, round } from './live-sharing.js';
import { PeopleActions } from './people-actions.js';
import { ChatActions } from './chat-actions.js';
import { AccountActions } from './account-actions.js';
import { MediaActions } from './media-actions.js';
import { NotificationActions } from './notification-actions.js';
import { AdminActions } from './admin-actions.js';

const PAGE = 50;
const TYPING_RESEND_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

/**
 * What the user can do: the only door from the views to the REST API, the realtime client and
 * the store, so no view knows about either. Messages, history, typing and receipts are here; the
 * other domains have a part of their own: `people` ({@link PeopleActions}), `chat` (a chat's
 * details and members, {@link ChatActions}), `account` ({@link AccountActions}),
 * `notifications` (the bell, preferences, push: {@link NotificationActions}), `media`
 * (photos, videos, voice notes and files, {@link MediaActions}), `admin` (reports,
 * moderation and the admin area: {@link AdminActions}) and `stories` (stories and
 * contacts: {@link StoryActions}). What the
 * server tells the app goes through the {@link ChangeHandler}.
 */
export class Actions {
  constructor({ api, store, realtime, session, liveStorage = memoryStorage(), geolocation, push, putObject }) {
    this.api = api;
    this.store = store;
    this.realtime = realtime;
    this.session = session;
    this.viewing = null;
    this.typingState = new Map();
    this.receiptTimers = new Map();
    this.loadingOlder = new Map();
    this.people = new PeopleActions({ api, store });
    this.media = new MediaActions({ api, store, realtime, people: this.people, ...(putObject ? { putObject } : {}) });
    this.chat = new ChatActions(this);
    this.account = new AccountActions({ api, store, session, media: this.media });
    this.notifications = new NotificationActions({ api, store, push });
    this.admin = new AdminActions({ api, store });
    this.stories = new StoryActions({ api, store });

    this.changes = new ChangeHandler(this);
    this.liveSharing = new LiveSharing({
      geolocation,
      storage: liveStorage,
      sendPosition: ({ chatId, seq }, position) => (realtime.state === 'online'
        ? realtime.command('realtime.location', { chatId, messageSeq: seq, ...position })
        : api.moveLocation(chatId, seq, position)),
      stopSharing: ({ chatId, seq }) => api.stopLocation(chatId, seq).then((answer) => this.putAnswer(chatId, answer)),
    });

    realtime.on('chat', (event) => this.changes.apply(event));
    realtime.on('ephemeral', (event) => this.changes.applyEphemeral(event));
    realtime.on('sent', ({ item, message }) => {
      if (message?.seq) {
        this.store.putMessages(item.chatId, [message]);
        if (item.kind === 'live_location' && message.location?.liveUntil) {
          this.liveSharing.start(item.chatId, message.seq, message.location.liveUntil);
        }
      }
    });
    realtime.on('story', (event) => this.stories.apply(event));
    realtime.on('resynced', () => {
      this.loadChats().catch(() => {});
      this.stories.load().catch(() => {});
    });
    store.on('messages', ({ chatId, seqs }) => this.people.learnSenders(chatId, seqs));
  }

  // ---- chats ----

  async loadChats() {
    const page = await this.api.chats();
    this.store.setChats(page.items);
    page.items.forEach((chat) => this.realtime.track(chat.id, chat.lastSeq || 0));
    this.people.loadPresence(page.items.map((chat) => chat.peer?.userId).filter(Boolean));
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
        this.people.loadPresence([chat.peer.userId]);
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
    work.push(this.loadMembers(chatId), this.loadReceipts(chatId, chat), this.loadPins(chatId));
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
    this.people.loadPresence(members.map((member) => member.userId).filter((id) => id !== this.store.me.id));
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

  /**
   * Shares a place: a static location message, or, with `minutes`, a live location that follows me
   * for that long (its positions are sent once the server has numbered the message, see 'sent').
   */
  shareLocation(chatId, { latitude, longitude, label, minutes }) {
    const location = { latitude: round(latitude), longitude: round(longitude), ...(label ? { label } : {}) };
    if (minutes) {
      location.liveUntil = new Date(Date.now() + minutes * 60_000).toISOString();
    }
    const item = this.realtime.sendMessage(chatId, { kind: minutes ? 'live_location' : 'location', location });
    this.setTyping(chatId, false);
    return item;
  }

  stopLiveLocation(chatId, seq) {
    return this.liveSharing.stop(chatId, seq);
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

  /** Adds my reaction, or takes it back: the answer is the change itself, applied now (its live event changes nothing more). */
  async toggleReaction(chatId, seq, emoji) {
    const change = await this.api.react(chatId, seq, emoji);
    this.putAnswer(chatId, change.message);
    this.store.applyReaction(chatId, seq, change.data || {}, change.seq);
  }

  /** Who reacted with what ([{emoji, count, userIds}]), their names known once it resolves. */
  async whoReacted(chatId, seq) {
    const items = await this.api.reactions(chatId, seq);
    await this.people.learn(items.flatMap((item) => item.userIds));
    return items;
  }

  // ---- pins, forwarding, search ----

  async loadPins(chatId) {
    this.store.setPins(chatId, await this.api.pins(chatId));
  }

  async setPinned(chatId, seq, pinned) {
    this.putAnswer(chatId, await this.api.pin(chatId, seq, pinned));
  }

  /** Sends a copy of a message to another of my chats; resolves with the copy. */
  async forward(chatId, seq, toChatId) {
    const message = await this.api.forward(chatId, seq, toChatId, uuid());
    this.store.putMessages(toChatId, [message]);
    return message;
  }

  /** A page of messages matching q, in one chat or all of mine, newest first: {items, nextCursor}. */
  async searchMessages(q, { chatId, cursor } = {}) {
    const page = await this.api.search({ q, chatId, cursor });
    await this.people.learn(page.items.map((message) => message.senderId));
    return page;
  }

  /** Public groups and channels whose title matches q, most members first: {items: [{id, type, title, memberCount, joined}]}. */
  findPublicChats(q) {
    return this.api.publicChats(q);
  }

  /** Joins a public chat, or a chat through an invite link; resolves with the chat. */
  async join({ chatId, token }) {
    const chat = token ? await this.api.joinInvite(token) : await this.api.join(chatId);
    this.store.upsertChat(chat);
    this.realtime.track(chat.id, chat.lastSeq || 0);
    return chat;
  }

  /** Applies a message the server answered with to what is shown; other answers (e.g. of a delete) carry no message. */
  putAnswer(chatId, answer) {
    const message = answer?.message || answer;
    if (message?.id && message.senderId && typeof message.seq === 'number') {
      this.store.updateKnown(chatId, message);
    }
  }

  hideLocally(chatId, seq) {
    const history = this.store.history(chatId);
    if (history.bySeq.delete(seq)) {
      this.store.emit('messages', { chatId, seqs: [seq], removed: true });
    }
    this.store.followPins(chatId, [{ seq, pinned: false }]);
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
      this.notifications.chatRead(chatId);
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
}

export function isManager(chat) {
  return chat?.role === 'owner' || chat?.role === 'admin';
}

