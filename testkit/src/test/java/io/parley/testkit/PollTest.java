package io.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

  @Test
  void returnsOnceTheConditionHolds() {
    AtomicInteger calls = new AtomicInteger();

    Poll.until(() -> calls.incrementAndGet() == 3, Duration.ofSeconds(5));

    assertThat(calls).hasValue(3);
  }

  @Test
  void failsTheTestWhenTheConditionNeverHolds() {
    assertThatThrownBy(() -> Poll.until(() -> false, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PT0.1S");
  }
}
