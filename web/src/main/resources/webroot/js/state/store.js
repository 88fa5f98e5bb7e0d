import { applyReactionChange } from './reactions.js';
import { reconcilePins } from './pins.js';
import { moved } from './live-location.js';
import { NotificationList } from './notification-list.js';
import { StoryFeed } from './story-feed.js';

/**
 * What the app knows, in one place: my chats, the loaded messages of each, people, presence,
 * typing and receipts. Views read it and listen for changes; only {@link Actions} and the event
 * handlers below write it. Messages are keyed by their per-chat sequence number, so a live
 * event, a synced change and a history page all land in the same slot: applying one twice is
 * harmless.
 *
 * Pinned messages are kept apart from the history window (a pin may be far older than what is
 * loaded) and follow every message the store learns about.
 *
 * Events: 'chats' (the list changed), 'chat' (chatId: one summary changed), 'messages'
 * ({chatId, seqs}), 'members' (chatId), 'typing' (chatId), 'presence' (userId), 'receipts' (chatId),
 * 'pins' (chatId), 'invites' (chatId), 'users', 'me', 'notifications' (the bell's list or count),
 * 'uploads' (chatId: files on their way, see MediaActions), 'stories' (the story feed), 'contacts'
 * (my contacts).
 */
export class Store {
  constructor(me) {
    this.me = me;
    this.chats = new Map();
    this.messages = new Map();
    this.users = new Map([[me.id, me]]);
    this.presence = new Map();
    this.typing = new Map();
    this.receipts = new Map();
    this.members = new Map();
    this.pins = new Map();
    this.listeners = new Map();
    this.notifications = new NotificationList(() => this.emit('notifications'));
    this.stories = new StoryFeed(() => this.emit('stories'));
    this.contacts = [];
  }

  on(type, listener) {
    if (!this.listeners.has(type)) {
      this.listeners.set(type, new Set());
    }
    this.listeners.get(type).add(listener);
    return () => this.listeners.get(type)?.delete(listener);
  }

  emit(type, value) {
    this.listeners.get(type)?.forEach((listener) => listener(value));
  }

  // ---- chats ----

  setChats(items) {
    this.chats = new Map(items.map((chat) => [chat.id, chat]));
    items.forEach((chat) => this.rememberPeer(chat));
    this.emit('chats');
  }

  upsertChat(chat) {
    const previous = this.chats.get(chat.id);
    this.chats.set(chat.id, { ...previous, ...chat });
    this.rememberPeer(chat);
    this.emit(previous ? 'chat' : 'chats', chat.id);
    if (previous && (previous.pinned !== chat.pinned || previous.lastActivityAt !== chat.lastActivityAt)) {
      this.emit('chats');
    }
  }

  removeChat(chatId) {
    this.chats.delete(chatId);
    this.messages.delete(chatId);
    this.emit('chats');
  }

  patchChat(chatId, fields) {
    const chat = this.chats.get(chatId);
    if (chat) {
      this.chats.set(chatId, { ...chat, ...fields });
      this.emit('chat', chatId);
    }
  }

  /** Pinned first (most recently pinned on top), then by last activity, as the server orders them. */
  sortedChats() {
    return [...this.chats.values()].sort((a, b) => {
      if (a.pinned !== b.pinned) {
        return a.pinned ? -1 : 1;
      }
      const key = (chat) => (chat.pinned ? chat.pinnedAt : chat.lastActivityAt) || chat.createdAt || '';
      return key(b).localeCompare(key(a));
    });
  }

  rememberPeer(chat) {
    if (chat.peer?.userId) {
      this.rememberUser({ id: chat.peer.userId, username: chat.peer.username, displayName: chat.peer.displayName, avatarMediaId: chat.peer.avatarMediaId });
    }
  }

  // ---- people ----

  /** My own profile changed: everything showing my name or me follows ('me'). */
  updateMe(user) {
    this.me = { ...this.me, ...user };
    this.rememberUser(user);
    this.emit('me');
  }

  rememberUser(user) {
    if (!user?.id) {
      return;
    }
    const known = this.users.get(user.id);
    this.users.set(user.id, { ...known, ...user });
    if (!known || known.displayName !== user.displayName || (user.avatarMediaId !== undefined && known.avatarMediaId !== user.avatarMediaId)) {
      this.emit('users');
    }
  }

  nameOf(userId) {
    if (userId === this.me.id) {
      return 'You';
    }
    const user = this.users.get(userId);
    return user?.displayName || user?.username || 'Someone';
  }

  /** Someone's own name, also for me (where {@link nameOf} says "You"): for avatars. */
  fullNameOf(userId) {
    const user = this.users.get(userId);
    return user?.displayName || user?.username || this.nameOf(userId);
  }

  setPresence(userId, state) {
    this.presence.set(userId, { ...this.presence.get(userId), ...state });
    this.emit('presence', userId);
  }

  // ---- messages ----

  /** The loaded window of a chat's history: messages by seq, and whether older ones remain. */
  history(chatId) {
    if (!this.messages.has(chatId)) {
      this.messages.set(chatId, { bySeq: new Map(), hasOlder: true, loaded: false });
    }
    return this.messages.get(chatId);
  }

  /** Adds or replaces messages (history pages, sends, changes); returns the seqs that changed. */
  putMessages(chatId, messages) {
    const history = this.history(chatId);
    const seqs = [];
    for (const message of messages) {
      const known = history.bySeq.get(message.seq);
      // A broadcast copy carries no reactions (it cannot know whether *I* reacted); keep what we knew.
      const merged = known && !message.reactions
        ? { ...message, reactions: known.reactions, reactionsSeq: known.reactionsSeq } : message;
      history.bySeq.set(message.seq, merged);
      seqs.push(message.seq);
      this.noteLastMessage(chatId, merged);
    }
    if (seqs.length) {
      this.emit('messages', { chatId, seqs });
      this.followPins(chatId, messages);
    }
    return seqs;
  }

  /**
   * A message as it is now, kept only if it is in the loaded window: a change to an older message
   * (an edit, a reaction, a pin far up the history) must not leave a lone message there, which would
   * look like the edge of the window and make older pages skip what lies between. Pins follow it
   * either way.
   */
  updateKnown(chatId, message) {
    if (this.message(chatId, message.seq)) {
      this.putMessages(chatId, [message]);
    } else {
      this.followPins(chatId, [message]);
    }
  }

  /**
   * A `reaction.changed` change (numbered `changeSeq`) on a loaded message. An older change than
   * one already applied is ignored: my own toggle's answer may arrive after its live event.
   */
  applyReaction(chatId, seq, data, changeSeq) {
    const message = this.message(chatId, seq);
    if (!message || (changeSeq && changeSeq <= (message.reactionsSeq || 0))) {
      return;
    }
    const reactions = applyReactionChange(message.reactions, data, this.me.id);
    this.messages.get(chatId).bySeq.set(seq, { ...message, reactions, reactionsSeq: changeSeq || message.reactionsSeq });
    this.emit('messages', { chatId, seqs: [seq] });
  }

  /** A live location's new position (`location.updated`), on a loaded message. */
  moveLocation(chatId, seq, position) {
    const message = this.message(chatId, seq);
    const next = message && moved(message, position);
    if (next && next !== message) {
      this.messages.get(chatId).bySeq.set(seq, next);
      this.emit('messages', { chatId, seqs: [seq] });
    }
  }

  // ---- pinned messages ----

  setPins(chatId, items) {
    this.pins.set(chatId, items);
    this.emit('pins', chatId);
  }

  /** The chat's pinned messages, newest pin first (empty until loaded). */
  pinsOf(chatId) {
    return this.pins.get(chatId) || [];
  }

  followPins(chatId, messages) {
    const before = this.pins.get(chatId);
    if (!before) {
      return;
    }
    const after = messages.reduce((pins, message) => reconcilePins(pins, this.message(chatId, message.seq) || message), before);
    if (after !== before) {
      this.pins.set(chatId, after);
      this.emit('pins', chatId);
    }
  }

  message(chatId, seq) {
    return this.messages.get(chatId)?.bySeq.get(seq);
  }

  sortedMessages(chatId) {
    return [...this.history(chatId).bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Keeps the chat list's preview and order in step with the newest message. */
  noteLastMessage(chatId, message) {
    const chat = this.chats.get(chatId);
    if (!chat) {
      return;
    }
    const last = chat.lastMessage;
    if (last && last.seq > message.seq) {
      return;
    }
    const preview = {
      seq: message.seq, senderId: message.senderId, kind: message.kind, createdAt: message.createdAt,
      deleted: Boolean(message.deleted), text: message.deleted ? undefined : message.text, system: message.system,
      media: message.media && !message.deleted ? { caption: message.media.caption, fileName: message.media.fileName } : undefined,
    };
    const fresh = !last || last.seq < message.seq;
    this.chats.set(chatId, {
      ...chat,
      lastMessage: preview,
      lastSeq: Math.max(chat.lastSeq || 0, message.seq),
      lastActivityAt: fresh ? message.createdAt : chat.lastActivityAt,
    });
    this.emit('chat', chatId);
    if (fresh) {
      this.emit('chats');
    }
  }

  // ---- typing and receipts ----

  setTyping(chatId, userId, typing, ttlMs = 6_000) {
    if (!this.typing.has(chatId)) {
      this.typing.set(chatId, new Map());
    }
    const typists = this.typing.get(chatId);
    if (typing) {
      typists.set(userId, Date.now() + ttlMs);
    } else {
      typists.delete(userId);
    }
    this.emit('typing', chatId);
  }

  /** Who is typing in a chat now (expired entries dropped). */
  typists(chatId) {
    const typists = this.typing.get(chatId);
    if (!typists) {
      return [];
    }
    const now = Date.now();
    for (const [userId, until] of typists) {
      if (until < now) {
        typists.delete(userId);
      }
    }
    return [...typists.keys()];
  }

  /** Watermarks of one member: they only move forward. */
  setReceipt(chatId, userId, { readUpTo, deliveredUpTo }) {
    if (!this.receipts.has(chatId)) {
      this.receipts.set(chatId, new Map());
    }
    const marks = this.receipts.get(chatId);
    const known = marks.get(userId) || { readUpTo: 0, deliveredUpTo: 0 };
    marks.set(userId, {
      readUpTo: Math.max(known.readUpTo, readUpTo || 0),
      deliveredUpTo: Math.max(known.deliveredUpTo, deliveredUpTo || 0, readUpTo || 0),
    });
    this.emit('receipts', chatId);
  }

  /**
   * For my message: 'read' once every other member read it, 'delivered' once it reached every
   * one of them, else 'sent'; with who read it and who got it (for "read by" in groups).
   */
  receiptOf(chatId, seq) {
    const marks = this.receipts.get(chatId) || new Map();
    const others = this.otherMembers(chatId);
    const readBy = others.filter((userId) => (marks.get(userId)?.readUpTo || 0) >= seq);
    const deliveredTo = others.filter((userId) => (marks.get(userId)?.deliveredUpTo || 0) >= seq);
    let status = 'sent';
    if (others.length && readBy.length === others.length) {
      status = 'read';
    } else if (others.length && deliveredTo.length === others.length) {
      status = 'delivered';
    }
    return { status, readBy, deliveredTo };
  }

  /** The other members of a chat, as far as known (the peer; the loaded member list; who sent receipts). */
  otherMembers(chatId) {
    const chat = this.chats.get(chatId);
    if (chat?.type === 'direct' && chat.peer?.userId) {
      return [chat.peer.userId];
    }
    const members = this.members.get(chatId);
    const ids = members ? members.map((member) => member.userId) : [...(this.receipts.get(chatId)?.keys() || [])];
    return ids.filter((userId) => userId !== this.me.id);
  }

  setMembers(chatId, members) {
    this.members.set(chatId, members);
    members.forEach((member) => this.rememberUser({
      id: member.userId, username: member.username, displayName: member.displayName, avatarMediaId: member.avatarMediaId,
    }));
    this.emit('members', chatId);
  }
}
