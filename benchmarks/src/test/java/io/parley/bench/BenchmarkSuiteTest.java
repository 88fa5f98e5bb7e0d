package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchmarkSuiteTest {

  @Test
  void noNameRunsEveryScenarioAndNamesRunInTheSuitesOrder() {
    assertThat(BenchmarkSuite.chosen(new String[0]))
      .containsExactly("durable-sends", "busy-group", "fan-out", "idle-connections", "connect-storm", "scale-out");
    assertThat(BenchmarkSuite.chosen(new String[] {"connect-storm", "fan-out"})).containsExactly("fan-out", "connect-storm");
  }

  @Test
  void anUnknownScenarioIsRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> BenchmarkSuite.chosen(new String[] {"fan-out", "fanout"}))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[fanout]");
  }
}
