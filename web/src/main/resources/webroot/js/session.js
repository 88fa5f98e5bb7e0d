import { ApiError, NetworkError, SessionEnded } from './errors.js';

const KEY = 'parley.session';
/** Refresh this long before the access token expires, so no request or socket ever holds a dead one. */
const EARLY_MS = 60_000;

/**
 * The signed-in device session: who I am, the short-lived access token and the refresh token.
 * Kept in localStorage so a reload stays signed in. Tabs share it: a refresh runs under a Web
 * Lock and first re-reads storage, because presenting an already-rotated refresh token would
 * make the server revoke the whole session (its theft detection).
 */
export class Session {
  constructor(saved, { storage = localStorage, fetchImpl = (...args) => fetch(...args) } = {}) {
    this.storage = storage;
    this.fetch = fetchImpl;
    this.saved = saved;
    this.tokenListeners = new Set();
    this.endListeners = new Set();
    this.refreshing = null;
    this.timer = null;
  }

  /** The session kept from an earlier visit, or null. */
  static restore(storage = localStorage) {
    try {
      const saved = JSON.parse(storage.getItem(KEY) || 'null');
      return saved?.refreshToken ? new Session(saved, { storage }) : null;
    } catch {
      return null;
    }
  }

  /** A session from a register or login answer. */
  static fromSignIn(answer, storage = localStorage) {
    const session = new Session(null, { storage });
    session.store({ user: answer.user, ...tokens(answer) });
    return session;
  }

  get user() {
    return this.saved.user;
  }

  setUser(user) {
    this.store({ ...this.saved, user: { ...this.saved.user, ...user } });
  }

  /** A valid access token: refreshed first when close to expiry, or always with force. */
  async accessToken({ force = false } = {}) {
    this.reload();
    if (!this.saved) {
      throw new SessionEnded();
    }
    if (force || this.saved.expiresAt - Date.now() < EARLY_MS) {
      await this.refresh(force ? this.saved.accessToken : null);
    }
    return this.saved.accessToken;
  }

  /** Listener called after every refresh (to present the new token on open connections). */
  onTokens(listener) {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  onEnded(listener) {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Keeps the token fresh in the background, so an idle tab's socket is renewed before it expires. */
  keepFresh() {
    clearTimeout(this.timer);
    if (!this.saved) {
      return;
    }
    const delay = Math.max(5_000, this.saved.expiresAt - Date.now() - EARLY_MS);
    this.timer = setTimeout(() => this.accessToken().then(() => this.keepFresh(), (error) => {
      if (!(error instanceof SessionEnded)) {
        this.timer = setTimeout(() => this.keepFresh(), 10_000);
      }
    }), delay);
  }

  refresh(staleToken) {
    if (!this.refreshing) {
      const run = () => this.refreshUnderLock(staleToken);
      const locked = globalThis.navigator?.locks ? navigator.locks.request('parley.refresh', run) : run();
      this.refreshing = locked.finally(() => { this.refreshing = null; });
    }
    return this.refreshing;
  }

  async refreshUnderLock(staleToken) {
    this.reload();
    if (!this.saved) {
      throw new SessionEnded();
    }
    const renewedByAnotherTab = staleToken ? this.saved.accessToken !== staleToken
      : this.saved.expiresAt - Date.now() >= EARLY_MS;
    if (renewedByAnotherTab) {
      return;
    }
    let response;
    try {
      response = await this.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: this.saved.refreshToken }),
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 401 || response.status === 400) {
      this.end();
      throw new SessionEnded(body.error?.message);
    }
    if (!response.ok) {
      throw new ApiError(response.status, body.error?.code, body.error?.message);
    }
    this.store({ ...this.saved, ...tokens(body) });
    this.keepFresh();
    this.tokenListeners.forEach((listener) => listener());
  }

  /** Forgets the session on this device (after sign-out or when the server ended it). */
  end() {
    clearTimeout(this.timer);
    const wasActive = this.saved !== null;
    this.saved = null;
    this.storage.removeItem(KEY);
    if (wasActive) {
      this.endListeners.forEach((listener) => listener());
    }
  }

  /** Picks up what another tab stored (a refresh, or a sign-out). */
  reload() {
    if (this.saved === null) {
      return;
    }
    let stored = null;
    try {
      stored = JSON.parse(this.storage.getItem(KEY) || 'null');
    } catch {
      stored = null;
    }
    if (stored?.refreshToken) {
      this.saved = stored;
    } else {
      this.end();
    }
  }

  store(saved) {
    this.saved = saved;
    this.storage.setItem(KEY, JSON.stringify(saved));
  }
}

function tokens(answer) {
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    expiresAt: Date.now() + (answer.expiresIn || 900) * 1000,
  };
}
