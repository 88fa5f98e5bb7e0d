/**
 * The seam between the realtime client and the wire. UI code never sees a transport; the
 * {@link RealtimeClient} drives one, and a new one is made for every connection attempt.
 *
 * A transport:
 *   connect()                          → Promise, resolves once open, rejects if it cannot open
 *   subscribe(address, headers, fn)    → listen to an address; fn(body) per message
 *   send(address, body, headers)       → Promise of the reply body (request/reply); rejects
 *                                        with a CommandError for a failed command
 *   close()                            → closes; no callbacks after that
 *   state                              → 'idle' | 'connecting' | 'open' | 'closed'
 *   onClose(fn)                        → fn({ reason }) once, when an open connection ends
 *                                        (reason: a server refusal such as 'token_expired', or
 *                                        'network')
 *
 * Two implementations: SockJSEventBusTransport (the Vert.x event-bus bridge over SockJS) and,
 * in the tests, an in-memory one.
 */

/** A command the server answered with a failure: the HTTP-like status and the stable error code. */
export class CommandError extends Error {
  constructor(status, code, message) {
    super(message || code || 'command failed');
    this.name = 'CommandError';
    this.status = status;
    this.code = code;
  }
}

/** A command that got no answer in time (connection lost, or the server dropped it). */
export class CommandTimeout extends Error {
  constructor(address) {
    super(`no reply from ${address}`);
    this.name = 'CommandTimeout';
  }
}

/** Refusals after which reconnecting with the same token is pointless: get a fresh one first. */
export const AUTH_REFUSALS = new Set(['unauthenticated', 'token_expired']);
