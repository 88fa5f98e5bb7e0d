package io.parley.auth;

import java.util.UUID;

/** A caller whose access token was verified and whose device session is still active. */
record Caller(UUID userId, UUID sessionId) {
}
