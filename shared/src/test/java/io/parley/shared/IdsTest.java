package io.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsAreVersion7AndCarryTheirCreationTime() {
    Instant now = Instant.parse("2026-11-22T08:00:00Z");
    UUID id = new Ids(Clock.fixed(now, ZoneOffset.UTC)).next();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(Ids.timestampOf(id)).isEqualTo(now.toEpochMilli());
  }

  @Test
  void laterIdsSortAfterEarlierOnesAndNeverRepeat() {
    Ids earlier = new Ids(Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));
    Ids later = new Ids(Clock.fixed(Instant.parse("2026-11-22T08:00:01Z"), ZoneOffset.UTC));
    assertThat(later.next().toString()).isGreaterThan(earlier.next().toString());
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(earlier.next())).isTrue();
    }
  }
}
