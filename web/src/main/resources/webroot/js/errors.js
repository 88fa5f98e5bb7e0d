/** Failures every layer of the client speaks about, so callers can tell them apart. */

/** The server answered with an error: its HTTP status and stable code ({"error":{"code","message"}}). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The server could not be reached at all (offline, connection refused, DNS). */
export class NetworkError extends Error {
  constructor(cause) {
    super('network unreachable');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** The device session is over (signed out elsewhere, revoked, refresh token refused): sign in again. */
export class SessionEnded extends Error {
  constructor(message = 'signed out') {
    super(message);
    this.name = 'SessionEnded';
    this.sessionEnded = true;
  }
}
