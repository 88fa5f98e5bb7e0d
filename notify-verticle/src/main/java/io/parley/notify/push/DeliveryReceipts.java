package io.parley.notify.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed "delivered" receipts carried inside a push. A service worker that received a push has
 * no access token (the tab that had one may have closed hours ago), so the push itself carries a
 * token naming the recipient, the chat and the sequence number, which the worker hands back to
 * report the message delivered. Only this server can make one: it is an HMAC under a key derived
 * from the VAPID private key (so every notify node has it and nothing else needs configuring),
 * and it expires with the push's time to live.
 */
public final class DeliveryReceipts {

  private static final int MAC_BYTES = 16;
  private static final int BODY_BYTES = 16 + 16 + 8 + 8;

  private final byte[] key;
  private final Duration validFor;
  private final Clock clock;

  /** What a valid receipt says. */
  public record Receipt(UUID userId, UUID chatId, long seq) {
  }

  public DeliveryReceipts(ECPrivateKey vapidPrivateKey, Duration validFor, Clock clock) {
    this.key = Hkdf.derive("parley push receipt".getBytes(StandardCharsets.US_ASCII), P256.encode(vapidPrivateKey),
      "v1".getBytes(StandardCharsets.US_ASCII), 32);
    this.validFor = validFor;
    this.clock = clock;
  }

  public String issue(UUID userId, UUID chatId, long seq) {
    byte[] body = ByteBuffer.allocate(BODY_BYTES)
      .putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits())
      .putLong(chatId.getMostSignificantBits()).putLong(chatId.getLeastSignificantBits())
      .putLong(seq).putLong(clock.instant().plus(validFor).getEpochSecond())
      .array();
    return P256.base64Url(body) + "." + P256.base64Url(mac(body));
  }

  /** The receipt's content if this server signed it and it has not expired; empty otherwise. */
  public Optional<Receipt> verify(String token) {
    if (token == null || token.length() > 128) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    try {
      byte[] body = P256.fromBase64Url(token.substring(0, Math.max(dot, 0)));
      byte[] mac = P256.fromBase64Url(token.substring(dot + 1));
      if (dot < 0 || body.length != BODY_BYTES || !MessageDigest.isEqual(mac, mac(body))) {
        return Optional.empty();
      }
      ByteBuffer fields = ByteBuffer.wrap(body);
      UUID userId = new UUID(fields.getLong(), fields.getLong());
      UUID chatId = new UUID(fields.getLong(), fields.getLong());
      long seq = fields.getLong();
      Instant expires = Instant.ofEpochSecond(fields.getLong());
      return clock.instant().isBefore(expires) ? Optional.of(new Receipt(userId, chatId, seq)) : Optional.empty();
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] body) {
    return Arrays.copyOf(Hkdf.hmac(key, body), MAC_BYTES);
  }
}
