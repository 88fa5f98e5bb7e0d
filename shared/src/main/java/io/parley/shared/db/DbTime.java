package io.parley.shared.db;

import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Times as PostgreSQL keeps them. A {@code timestamptz} holds microseconds, so a time to be stored
 * is taken to the microsecond: what a service answers right after a write is then exactly what a
 * later read returns (a nanosecond clock would disagree with its own row). The pg client binds and
 * reads a {@code timestamptz} as an {@link OffsetDateTime}; these convert at that boundary.
 */
public final class DbTime {

  private DbTime() {
  }

  /** The clock's current time, truncated to what a {@code timestamptz} holds. */
  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** An instant as a {@code timestamptz} parameter, in UTC; null stays null (optional columns). */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** A {@code timestamptz} column read back as an instant; null when the column is null. */
  public static Instant instant(Row row, String column) {
    OffsetDateTime time = row.getOffsetDateTime(column);
    return time == null ? null : time.toInstant();
  }
}
