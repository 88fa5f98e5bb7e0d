import { ApiError, NetworkError, SessionEnded } from '/js/errors.js';
import { MemoryHub } from './memory-transport.js';

/**
 * The server side for RealtimeClient tests: chats whose every change takes the next seq, the
 * sync and send endpoints the client calls over REST, and a MemoryHub carrying live events.
 * `online = false` makes REST calls fail like a cut network and the hub refuse connections.
 */
export class FakeChatServer {
  constructor({ pageSize = 50 } = {}) {
    this.pageSize = pageSize;
    this.chats = new Map();
    this.hub = new MemoryHub();
    this.hub.command('realtime.auth', () => ({}));
    this.posts = [];
    this.syncCalls = [];
    this.syncDelayMs = 0;
    this.loseNextReply = false;
    this.userId = 'me';
  }

  set online(online) {
    this.hub.reachable = online;
    if (!online) {
      this.hub.dropAll('network');
    }
    this._online = online;
  }

  get online() {
    return this._online !== false;
  }

  /** Commits a change and delivers it live; `live: false` stores it without delivery (missed). */
  commit(chatId, type, payload = {}, { live = true } = {}) {
    const chat = this.chat(chatId);
    chat.seq += 1;
    const event = { id: `e${chatId}-${chat.seq}`, type, aggregateId: chatId, version: 1, payload: { ...payload, chatId, seq: chat.seq } };
    chat.events.push(event);
    if (live) {
      this.hub.deliver('client.events', event);
    }
    return event;
  }

  chat(chatId) {
    if (!this.chats.has(chatId)) {
      this.chats.set(chatId, { seq: 0, events: [], byClientId: new Map() });
    }
    return this.chats.get(chatId);
  }

  /** The REST client the RealtimeClient is given. */
  api() {
    return {
      changesAfter: async (chatId, after) => {
        this.syncCalls.push({ chatId, after });
        if (this.syncDelayMs) {
          await new Promise((resolve) => setTimeout(resolve, this.syncDelayMs));
        }
        this.requireOnline();
        const newer = this.chat(chatId).events.filter((event) => event.payload.seq > after);
        return { events: structuredClone(newer.slice(0, this.pageSize)), hasMore: newer.length > this.pageSize };
      },
      sendMessage: async (chatId, item) => {
        this.requireOnline();
        this.posts.push({ chatId, clientMessageId: item.clientMessageId, text: item.text });
        const chat = this.chat(chatId);
        if (item.text === 'forbidden') {
          throw new ApiError(403, 'chat.not_member', 'not a member');
        }
        let message = chat.byClientId.get(item.clientMessageId);
        if (!message) {
          const event = this.commit(chatId, 'message.sent', {
            id: `m${chat.seq + 1}`, senderId: this.userId, clientMessageId: item.clientMessageId, kind: 'text', text: item.text,
          });
          message = event.payload;
          chat.byClientId.set(item.clientMessageId, message);
        }
        if (this.loseNextReply) {
          this.loseNextReply = false;
          throw new NetworkError(new Error('reply lost'));
        }
        return structuredClone(message);
      },
    };
  }

  requireOnline() {
    if (!this.online) {
      throw new NetworkError(new Error('offline'));
    }
  }

  /** The texts stored in a chat, in seq order. */
  texts(chatId) {
    return this.chat(chatId).events.filter((event) => event.type === 'message.sent').map((event) => event.payload.text);
  }
}

/** A session whose tokens tests can rotate. */
export class FakeSession {
  constructor() {
    this.version = 1;
    this.listeners = new Set();
    this.forcedRefreshes = 0;
    this.ended = false;
  }

  async accessToken({ force = false } = {}) {
    if (this.ended) {
      throw new SessionEnded();
    }
    if (force) {
      this.forcedRefreshes += 1;
      this.version += 1;
    }
    return `token-${this.version}`;
  }

  refresh() {
    this.version += 1;
    this.listeners.forEach((listener) => listener());
  }

  onTokens(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
