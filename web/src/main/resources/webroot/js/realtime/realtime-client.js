import { Backoff } from './backoff.js';
import { ChatSequencer } from './chat-sequencer.js';
import { Outbox, memoryStorage } from './outbox.js';
import { AUTH_REFUSALS } from './transport.js';

/** The one address a client listens to: everything meant for this user arrives there. */
export const EVENTS_ADDRESS = 'client.events';
/** Server-wide notices (an admin's announcement, maintenance): the server publishes, every client listens. */
export const ANNOUNCEMENTS_ADDRESS = 'client.announcements';
/** Presents a (fresh) access token on the open connection; answers once it is accepted. */
export const AUTH_COMMAND = 'realtime.auth';
/** Events that are not chat changes: never stored, never sequenced. */
const EPHEMERAL = new Set(['typing', 'presence', 'location']);

/**
 * Parley's realtime connection, independent of the wire. It:
 *   - connects through a transport made by `transportFactory`, authenticating every frame with
 *     the current access token, and presents each refreshed token on the open connection;
 *   - reconnects after a drop with exponential backoff and jitter;
 *   - delivers chat changes gap-free and without duplicates (see {@link ChatSequencer}),
 *     catching up from its cursors after every reconnect;
 *   - keeps messages written while offline in an {@link Outbox} and sends them, once each,
 *     when the connection is back.
 *
 * States: 'stopped', 'connecting' (first connection), 'online', 'offline' (lost; retrying in
 * the background). Listeners: on('state' | 'chat' | 'ephemeral' | 'story' | 'outbox' | 'sent' |
 * 'resynced' | 'unauthorized' | 'error', fn).
 */
export class RealtimeClient {
  /**
   * @param transportFactory () => a new transport (see transport.js)
   * @param session {accessToken({force}): Promise<string>, onTokens(fn): unsubscribe}: a valid
   *        access token (refreshed near expiry, or at once with force; rejects with an error
   *        flagged `sessionEnded` when the user must sign in again) and notice of each refresh
   * @param api {changesAfter(chatId, seq): Promise<{events, hasMore}>,
   *        sendMessage(chatId, item): Promise<message>}
   */
  constructor({ transportFactory, session, api, backoff = new Backoff(), outboxStorage = memoryStorage(),
    outboxBackoff, newId }) {
    this.transportFactory = transportFactory;
    this.session = session;
    this.backoff = backoff;
    this.listeners = new Map();
    this.state = 'stopped';
    this.transport = null;
    this.reconnectTimer = null;
    this.nextAttemptAt = null;
    this.needsFreshToken = false;
    this.sequencer = new ChatSequencer({
      fetchAfter: (chatId, seq) => api.changesAfter(chatId, seq),
      apply: (event) => this.emit('chat', event),
      onError: (error) => this.emit('error', error),
    });
    this.outbox = new Outbox({
      send: (item) => api.sendMessage(item.chatId, item),
      storage: outboxStorage,
      ...(outboxBackoff ? { backoff: outboxBackoff } : {}),
      ...(newId ? { newId } : {}),
    });
    this.outbox.subscribe((event) => this.emit(event.type === 'sent' ? 'sent' : 'outbox', event));
    this.unsubscribeTokens = session.onTokens?.(() => this.renewToken());
  }

  on(type, listener) {
    if (!this.listeners.has(type)) {
      this.listeners.set(type, new Set());
    }
    this.listeners.get(type).add(listener);
    return () => this.listeners.get(type).delete(listener);
  }

  start() {
    if (this.state === 'stopped') {
      this.setState('connecting');
      this.connect();
    }
  }

  stop() {
    this.setState('stopped');
    clearTimeout(this.reconnectTimer);
    this.outbox.stop();
    this.unsubscribeTokens?.();
    this.dropTransport();
  }

  /** The browser says the network is gone: stop pretending to be connected. */
  networkLost() {
    if (this.state === 'online' || this.state === 'connecting') {
      this.dropTransport();
      this.disconnected();
    }
  }

  /** Tries now rather than at the next backoff step (the network is back, or the user asked). */
  reconnectNow() {
    if (this.state === 'offline') {
      clearTimeout(this.reconnectTimer);
      this.backoff.reset();
      this.connect();
    }
  }

  /** Starts following a chat from seq (see ChatSequencer.track). */
  track(chatId, seq) {
    this.sequencer.track(chatId, seq);
  }

  forget(chatId) {
    this.sequencer.forget(chatId);
  }

  /** Catches one chat up from its cursor now (e.g. when it is opened). */
  catchUp(chatId) {
    return this.sequencer.fill(chatId);
  }

  /** Queues a message; it is sent now if possible, else when the connection returns. */
  sendMessage(chatId, draft) {
    return this.outbox.add(chatId, draft);
  }

  pending(chatId) {
    return this.outbox.pending(chatId);
  }

  /** A request/reply command over the socket (typing, presence); rejects when not online. */
  async command(address, body = {}) {
    if (this.state !== 'online' || !this.transport) {
      throw new Error('offline');
    }
    return this.transport.send(address, body, await this.headers());
  }

  async headers(force = false) {
    return { authorization: `Bearer ${await this.session.accessToken({ force })}` };
  }

  async connect() {
    const transport = this.transportFactory();
    this.transport = transport;
    this.nextAttemptAt = null;
    try {
      await transport.connect();
      transport.onClose(({ reason }) => {
        if (this.transport === transport) {
          this.transport = null;
          this.needsFreshToken = AUTH_REFUSALS.has(reason);
          this.disconnected();
        }
      });
      const headers = await this.headers(this.needsFreshToken);
      transport.subscribe(EVENTS_ADDRESS, headers, (event) => this.receive(event));
      await transport.send(AUTH_COMMAND, {}, headers);
      transport.subscribe(ANNOUNCEMENTS_ADDRESS, headers, (notice) => notice && this.emit('announcement', notice));
    } catch (error) {
      if (error?.sessionEnded) {
        this.stop();
        this.emit('unauthorized', error);
      } else if (this.transport === transport) {
        this.needsFreshToken = error?.status === 401;
        this.dropTransport();
        this.disconnected();
      }
      return;
    }
    if (this.transport !== transport) {
      return;
    }
    this.needsFreshToken = false;
    this.backoff.reset();
    this.setState('online');
    await this.sequencer.resync();
    this.emit('resynced');
    this.outbox.flush();
  }

  receive(event) {
    if (!event) {
      return;
    }
    if (EPHEMERAL.has(event.type)) {
      this.emit('ephemeral', event);
    } else if (typeof event.type === 'string' && event.type.startsWith('story.')) {
      // Stories are not chat changes: no chat, no sequence number; their feed is reloaded on reconnect.
      this.emit('story', event);
    } else if (event.type === 'server.shutdown') {
      // The node is going away and has picked when we come back, so its clients do not all return at once.
      this.shutdownDelayMs = Number(event.reconnectInMs) || undefined;
    } else {
      this.sequencer.accept(event);
    }
  }

  disconnected() {
    if (this.state === 'stopped') {
      return;
    }
    clearTimeout(this.reconnectTimer);
    const delay = this.shutdownDelayMs ?? this.backoff.next();
    this.shutdownDelayMs = undefined;
    this.nextAttemptAt = Date.now() + delay;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.setState('offline', true);
  }

  /** Presents the refreshed token on the open connection, so it outlives the old token. */
  async renewToken() {
    if (this.state !== 'online' || !this.transport) {
      return;
    }
    try {
      await this.transport.send(AUTH_COMMAND, {}, await this.headers());
    } catch (error) {
      this.emit('error', error);
    }
  }

  dropTransport() {
    const transport = this.transport;
    this.transport = null;
    transport?.close();
  }

  setState(state, always = false) {
    if (this.state !== state || always) {
      this.state = state;
      this.emit('state', state);
    }
  }

  emit(type, value) {
    this.listeners.get(type)?.forEach((listener) => {
      try {
        listener(value);
      } catch (error) {
        console.error(`realtime '${type}' listener failed`, error);
      }
    });
  }
}
