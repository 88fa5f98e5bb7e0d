package io.parley.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for a condition that becomes true asynchronously (a consumer caught up, a readiness
 * check flipped), from a test thread. Never call it on a Vert.x event loop: it blocks.
 */
public final class Poll {

  private static final Duration INTERVAL = Duration.ofMillis(25);

  private Poll() {
  }

  /**
   * Returns as soon as {@code condition} holds; fails the test with an {@link AssertionError} if
   * it still does not after {@code timeout}. A condition that throws fails at once.
   */
  public static void until(Supplier<Boolean> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Boolean.TRUE.equals(condition.get())) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Condition not met within " + timeout);
      }
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for a condition", e);
      }
    }
  }
}
