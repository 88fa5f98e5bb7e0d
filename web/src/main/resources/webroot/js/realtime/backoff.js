/**
 * Reconnect delays: exponential, capped, with jitter so that thousands of clients dropped by
 * the same node restart do not all come back in the same millisecond.
 *
 * The delay for attempt n is drawn uniformly from [d/2, d] with d = min(maxMs, initialMs * 2^n)
 * ("equal jitter": never zero, never above the cap).
 */
export class Backoff {
  constructor({ initialMs = 500, maxMs = 30_000, random = Math.random } = {}) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.random = random;
    this.attempt = 0;
  }

  /** The delay before the next attempt; each call counts one attempt. */
  next() {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt += 1;
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  reset() {
    this.attempt = 0;
  }
}
