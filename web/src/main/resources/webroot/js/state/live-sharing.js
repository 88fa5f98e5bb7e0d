import { memoryStorage } from '../realtime/outbox.js';

const MIN_INTERVAL_MS = 5_000;
/** Refusals that mean the sharing is over (ended, stopped, deleted, no longer a member): stop watching. */
const OVER = new Set([403, 404, 410, 422]);

/**
 * My live locations being shared from this device: while one is live, the browser's position is
 * watched and sent as updates of its message, at most one every `minIntervalMs` (always the newest
 * position, so a walk is never reported late), until its time is up or I stop it. Shares are kept
 * in `storage`, so a reload resumes them.
 *
 * Listeners (`subscribe`) hear of every start and end; `onError` of a position the browser could
 * not get.
 */
export class LiveSharing {
  /**
   * @param sendPosition (share, {latitude, longitude}) => Promise: moves the share's message
   * @param stopSharing (share) => Promise: ends the share on the server
   */
  constructor({ geolocation = globalThis.navigator?.geolocation, sendPosition, stopSharing, storage = memoryStorage(),
    minIntervalMs = MIN_INTERVAL_MS, now = () => Date.now(), onError = () => {} }) {
    this.geolocation = geolocation;
    this.sendPosition = sendPosition;
    this.stopSharing = stopSharing;
    this.storage = storage;
    this.minIntervalMs = minIntervalMs;
    this.now = now;
    this.onError = onError;
    this.shares = new Map();
    this.watchId = null;
    this.listeners = new Set();
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts sending positions for my live location message (chatId, seq); its first position is in the message. */
  start(chatId, seq, liveUntil) {
    const until = Date.parse(liveUntil);
    if (!(until > this.now()) || this.shares.has(key(chatId, seq))) {
      return;
    }
    const share = { chatId, seq, liveUntil, lastSentAt: this.now(), latest: null, timer: null };
    share.endTimer = setTimeout(() => this.forget(chatId, seq), until - this.now());
    this.shares.set(key(chatId, seq), share);
    this.save();
    this.watch();
    this.emit();
  }

  /** Picks up the shares of an earlier visit that are still live. */
  resume() {
    for (const { chatId, seq, liveUntil } of this.storage.load()) {
      this.start(chatId, seq, liveUntil);
    }
    this.save();
  }

  /** The live shares of a chat from this device. */
  active(chatId) {
    return [...this.shares.values()].filter((share) => share.chatId === chatId);
  }

  isSharing(chatId, seq) {
    return this.shares.has(key(chatId, seq));
  }

  /** I stop sharing: no more positions, and the server ends it for everyone. */
  async stop(chatId, seq) {
    this.forget(chatId, seq);
    try {
      await this.stopSharing({ chatId, seq });
    } catch (error) {
      if (error?.status !== 410) {
        throw error;
      }
    }
  }

  /** Stops watching for a share that ended elsewhere (its time, another device, a deleted message). */
  forget(chatId, seq) {
    const share = this.shares.get(key(chatId, seq));
    if (!share) {
      return;
    }
    clearTimeout(share.timer);
    clearTimeout(share.endTimer);
    this.shares.delete(key(chatId, seq));
    this.save();
    if (this.shares.size === 0 && this.watchId !== null) {
      this.geolocation.clearWatch(this.watchId);
      this.watchId = null;
    }
    this.emit();
  }

  stopAll() {
    [...this.shares.values()].forEach((share) => this.forget(share.chatId, share.seq));
  }

  watch() {
    if (this.watchId !== null || !this.geolocation) {
      return;
    }
    this.watchId = this.geolocation.watchPosition(
      (position) => this.moved({ latitude: round(position.coords.latitude), longitude: round(position.coords.longitude) }),
      (error) => this.onError(error),
      { enableHighAccuracy: true, maximumAge: 5_000 });
  }

  moved(position) {
    for (const share of this.shares.values()) {
      share.latest = position;
      if (!share.timer) {
        const wait = Math.max(0, share.lastSentAt + this.minIntervalMs - this.now());
        share.timer = setTimeout(() => this.push(share), wait);
      }
    }
  }

  push(share) {
    share.timer = null;
    const position = share.latest;
    share.latest = null;
    if (!position || !this.shares.has(key(share.chatId, share.seq))) {
      return;
    }
    share.lastSentAt = this.now();
    this.sendPosition(share, position).catch((error) => {
      if (OVER.has(error?.status)) {
        this.forget(share.chatId, share.seq);
      }
    });
  }

  save() {
    this.storage.save([...this.shares.values()].map(({ chatId, seq, liveUntil }) => ({ chatId, seq, liveUntil })));
  }

  emit() {
    this.listeners.forEach((listener) => listener());
  }
}

function key(chatId, seq) {
  return `${chatId}:${seq}`;
}

/** Six decimals: about 10 cm, more precise than any phone's fix. */
export function round(coordinate) {
  return Math.round(coordinate * 1e6) / 1e6;
}
