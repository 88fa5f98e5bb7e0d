/**
 * The people the app shows: their names (each looked up once), their presence, finding someone
 * by name, someone's profile, and the people I block.
 */
export class PeopleActions {
  constructor({ api, store }) {
    this.api = api;
    this.store = store;
    this.asked = new Set();
  }

  /** Looks up people whose messages we show but whose names we do not know yet. */
  learnSenders(chatId, seqs) {
    return this.learn(seqs.map((seq) => this.store.message(chatId, seq)?.senderId));
  }

  /** Looks up the names of people we do not know yet (once each); resolves when they are known. */
  learn(userIds) {
    const unknown = [...new Set(userIds)].filter((id) => id && !this.store.users.has(id) && !this.asked.has(id));
    unknown.forEach((id) => this.asked.add(id));
    return Promise.allSettled(unknown.map((id) => this.api.user(id).then((user) => this.store.rememberUser(user))));
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

  /** People whose name or username matches q; the store learns their names, as anyone chosen from them is shown by name. */
  async find(q) {
    const found = await this.api.searchUsers(q);
    found.forEach((user) => this.store.rememberUser(user));
    return found;
  }

  /** Someone's full profile (status text, bio), as they chose to show it. */
  profile(userId) {
    return this.api.user(userId);
  }

  /** The people I block: [{id, username, displayName}]. */
  blocked() {
    return this.api.blocks();
  }

  block(userId) {
    return this.api.block(userId);
  }

  unblock(userId) {
    return this.api.unblock(userId);
  }
}

/** Presence answers may be a list or a map by user id; both become [{userId, status, lastSeen}]. */
function normalisePresence(states) {
  if (Array.isArray(states)) {
    return states;
  }
  return Object.entries(states || {}).map(([userId, state]) => ({ userId, ...state }));
}
