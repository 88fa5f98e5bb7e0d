/**
 * Turns the chat events arriving on the socket into a gap-free, duplicate-free stream per chat.
 *
 * Every committed change in a chat carries the chat's next sequence number. Per chat the
 * sequencer keeps a cursor (the last seq applied) and:
 *   - drops an event with seq <= cursor (a duplicate: already applied, or fetched by a sync);
 *   - applies an event with seq = cursor + 1 and moves the cursor;
 *   - on a gap (seq > cursor + 1) holds the event, fetches what was missed after the cursor,
 *     applies that in order, then the held events;
 *   - after a reconnect, re-syncs every chat from its cursor the same way ({@link resync}).
 * While a chat is being filled, its live events wait in a buffer, so nothing overtakes.
 *
 * A chat with no cursor yet (never loaded) takes the first event it sees as its starting point.
 */
export class ChatSequencer {
  /**
   * @param fetchAfter (chatId, afterSeq) => Promise<{events, hasMore}>: the changes after a seq,
   *        in seq order, each shaped like a live event ({type, payload: {chatId, seq, …}})
   * @param apply (event) => void: receives each change exactly once, in order
   */
  constructor({ fetchAfter, apply, onError = () => {} }) {
    this.fetchAfter = fetchAfter;
    this.apply = apply;
    this.onError = onError;
    this.cursors = new Map();
    this.filling = new Map();
    this.held = new Map();
    this.duplicates = 0;
  }

  cursor(chatId) {
    return this.cursors.get(chatId);
  }

  /**
   * Starts following a chat from seq (what a snapshot, such as the chat list, just showed). A
   * chat already followed keeps its cursor: events newer than a snapshot may still be on their
   * way, and moving the cursor past them would drop them as duplicates.
   */
  track(chatId, seq) {
    if (!this.cursors.has(chatId)) {
      this.cursors.set(chatId, seq);
    }
  }

  forget(chatId) {
    this.cursors.delete(chatId);
    this.held.delete(chatId);
  }

  /** A live event from the socket. */
  accept(event) {
    const chatId = chatIdOf(event);
    const seq = seqOf(event);
    if (chatId === undefined || seq === undefined) {
      this.apply(event);
      return;
    }
    if (this.filling.has(chatId)) {
      this.hold(chatId, event);
      return;
    }
    const cursor = this.cursors.get(chatId);
    if (cursor === undefined || seq === cursor + 1) {
      this.cursors.set(chatId, seq);
      this.apply(event);
    } else if (seq <= cursor) {
      this.duplicates += 1;
    } else {
      this.hold(chatId, event);
      this.fill(chatId);
    }
  }

  /** Fetches what every known chat missed (after a reconnect); resolves when all are caught up. */
  resync() {
    return Promise.all([...this.cursors.keys()].map((chatId) => this.fill(chatId)));
  }

  /** Catches one chat up from its cursor; concurrent calls share one run. */
  fill(chatId) {
    if (this.filling.has(chatId)) {
      return this.filling.get(chatId);
    }
    const run = this.fetchAll(chatId)
      .catch((error) => this.onError(error, chatId))
      .finally(() => {
        this.filling.delete(chatId);
        this.releaseHeld(chatId);
      });
    this.filling.set(chatId, run);
    return run;
  }

  async fetchAll(chatId) {
    for (;;) {
      const after = this.cursors.get(chatId) ?? 0;
      const { events, hasMore } = await this.fetchAfter(chatId, after);
      for (const event of events) {
        this.applyInOrder(chatId, event);
      }
      if (!hasMore || events.length === 0) {
        return;
      }
    }
  }

  /**
   * After a fill the server has told us everything up to its head; held events came later on
   * the same ordered socket, so whatever seq they skip was never meant for us. Apply them in order.
   */
  releaseHeld(chatId) {
    const held = this.held.get(chatId) || [];
    this.held.delete(chatId);
    held.sort((a, b) => seqOf(a) - seqOf(b)).forEach((event) => this.applyInOrder(chatId, event));
  }

  applyInOrder(chatId, event) {
    const seq = seqOf(event);
    const cursor = this.cursors.get(chatId);
    if (cursor !== undefined && seq <= cursor) {
      this.duplicates += 1;
      return;
    }
    this.cursors.set(chatId, seq);
    this.apply(event);
  }

  hold(chatId, event) {
    if (!this.held.has(chatId)) {
      this.held.set(chatId, []);
    }
    this.held.get(chatId).push(event);
  }
}

export function chatIdOf(event) {
  return event.payload?.chatId ?? event.aggregateId ?? event.chatId;
}

export function seqOf(event) {
  const seq = event.payload?.seq ?? event.seq;
  return typeof seq === 'number' ? seq : undefined;
}
