package io.parley.story;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real time until a test moves it: {@link #set} stops the clock at an exact instant (so "one
 * microsecond before expiry" means exactly that), {@link #advance} moves it on, {@link #reset}
 * gives the real time back.
 */
final class StoryClock extends Clock {

  private final AtomicReference<Instant> stopped = new AtomicReference<>();

  void set(Instant instant) {
    stopped.set(instant);
  }

  void advance(Duration by) {
    stopped.set(instant().plus(by));
  }

  void reset() {
    stopped.set(null);
  }

  @Override
  public Instant instant() {
    Instant at = stopped.get();
    return at != null ? at : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
