package io.parley.auth;

import java.time.Instant;
import java.util.UUID;

/** A device session about to be stored; only the hash of its refresh token is kept. */
record NewSession(UUID id, UUID userId, byte[] refreshHash, String deviceName, String userAgent,
                  String clientAddress, Instant createdAt, Instant expiresAt) {
}
