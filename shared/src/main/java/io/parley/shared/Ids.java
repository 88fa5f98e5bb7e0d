package io.parley.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered identifiers (UUID version 7, RFC 9562): the first 48 bits are the Unix time in
 * milliseconds, so ids sort by creation time and index well as primary keys, and the rest is
 * random so any node can mint them without coordination.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final java.util.regex.Pattern CANONICAL =
    java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Clock clock;

  public Ids(Clock clock) {
    this.clock = clock;
  }

  /** A new id as a UUID. */
  public UUID next() {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /** Whether a value is a UUID in its canonical 36-character text form (as every id Parley hands out). */
  public static boolean isUuid(Object value) {
    return value instanceof String text && CANONICAL.matcher(text).matches();
  }

  /** The creation time, in Unix milliseconds, of an id made by {@link #next()}. */
  public static long timestampOf(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }
}
