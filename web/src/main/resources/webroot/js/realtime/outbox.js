import { uuid } from '../ids.js';
import { Backoff } from './backoff.js';

/**
 * Messages written but not yet acknowledged by the server. Each gets its client message id when
 * it is written and keeps it for every attempt, so the server stores it once however often it
 * is retried. Items are sent one at a time, oldest first, so a chat's messages keep the order
 * they were written in.
 *
 * An item is 'pending' until the server answers. A network failure or a server error keeps it
 * pending and retries later (and at once when the connection returns, see {@link flush}); a
 * refusal (4xx, e.g. not a member any more) marks it 'failed' for the user to retry or discard.
 */
export class Outbox {
  /**
   * @param send (item) => Promise<message>: posts one item (with its clientMessageId)
   * @param storage {load(): items[], save(items)}: keeps pending items across a reload
   */
  constructor({ send, storage = memoryStorage(), newId = uuid,
    now = () => new Date().toISOString(), backoff = new Backoff({ initialMs: 1_000, maxMs: 30_000 }) }) {
    this.sendItem = send;
    this.storage = storage;
    this.newId = newId;
    this.now = now;
    this.backoff = backoff;
    this.items = storage.load().map((item) => ({ ...item, status: item.status === 'failed' ? 'failed' : 'pending' }));
    this.listeners = new Set();
    this.flushing = null;
    this.retryTimer = null;
  }

  /** Listener gets {type:'changed'} or {type:'sent', item, message}. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A media message (`media`: a ready media's id, its caption, and what is known of it to show meanwhile) is queued like a text. */
  add(chatId, { text, replyTo, threadRoot, kind = 'text', location, media }) {
    const item = {
      clientMessageId: this.newId(), chatId, kind, text, replyTo, threadRoot, location, media, createdAt: this.now(), status: 'pending',
    };
    this.items.push(item);
    this.changed();
    this.flush();
    return item;
  }

  pending(chatId) {
    return this.items.filter((item) => item.chatId === chatId);
  }

  retry(clientMessageId) {
    const item = this.items.find((candidate) => candidate.clientMessageId === clientMessageId);
    if (item) {
      item.status = 'pending';
      this.changed();
      this.flush();
    }
  }

  discard(clientMessageId) {
    this.items = this.items.filter((item) => item.clientMessageId !== clientMessageId);
    this.changed();
  }

  /** Sends every pending item, one after another; resolves when done or stopped by a failure. */
  flush() {
    if (!this.flushing) {
      clearTimeout(this.retryTimer);
      this.flushing = this.drain().finally(() => { this.flushing = null; });
    }
    return this.flushing;
  }

  async drain() {
    for (;;) {
      const item = this.items.find((candidate) => candidate.status === 'pending');
      if (!item) {
        this.backoff.reset();
        return;
      }
      try {
        const message = await this.sendItem(item);
        this.items = this.items.filter((candidate) => candidate !== item);
        this.emit({ type: 'sent', item, message });
        this.changed();
      } catch (error) {
        if (isRefusal(error)) {
          item.status = 'failed';
          item.error = error.message;
          this.changed();
          continue;
        }
        this.retryTimer = setTimeout(() => this.flush(), this.backoff.next());
        return;
      }
    }
  }

  changed() {
    this.storage.save(this.items);
    this.emit({ type: 'changed' });
  }

  emit(event) {
    this.listeners.forEach((listener) => listener(event));
  }

  stop() {
    clearTimeout(this.retryTimer);
  }
}

/** A 4xx other than 408/429 will not change by retrying. */
function isRefusal(error) {
  return typeof error?.status === 'number' && error.status >= 400 && error.status < 500
    && error.status !== 408 && error.status !== 429;
}

export function memoryStorage(initial = []) {
  let saved = initial;
  return { load: () => saved.map((item) => ({ ...item })), save: (items) => { saved = items.map((item) => ({ ...item })); } };
}

/** Keeps the outbox in localStorage under a key (per user), so a reload while offline loses nothing. */
export function localStorageFor(key) {
  return {
    load() {
      try {
        return JSON.parse(localStorage.getItem(key) || '[]');
      } catch {
        return [];
      }
    },
    save(items) {
      if (items.length === 0) {
        localStorage.removeItem(key);
      } else {
        localStorage.setItem(key, JSON.stringify(items));
      }
    },
  };
}
