package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The durable-send benchmark at a size of seconds, against a real node from the fat jar: every
 * send is acknowledged and the figures come out. What it measures is not asserted (speed is for
 * the benchmark itself to show); that it still runs, is.
 */
class DurableSendBenchmarkSmokeTest {

  @Test
  void aSmallRunAcknowledgesEverySendAndReportsEachRate() throws Exception {
    // Two senders per group, as in the busy group: both members of each group send.
    JsonObject result = DurableSendBenchmark.run("durable-sends", new DurableSendBenchmark.Shape(5, 2, 2, new int[] {20, 40}, 2, 0));

    assertThat(result.getJsonArray("steps")).hasSize(2);
    JsonObject first = result.getJsonArray("steps").getJsonObject(0);
    assertThat(first.getInteger("rate")).isEqualTo(20);
    assertThat(first.getLong("acknowledged")).as("20 sends a second for 2 s").isEqualTo(40);
    assertThat(first.getLong("refusals")).isZero();
    assertThat(first.getLong("unanswered")).isZero();
    assertThat(first.getDouble("achievedPerSecond")).isPositive();
    assertThat(first.getDouble("serverCpuMsPerSend")).isPositive();
    assertThat(first.getJsonObject("ackMillis").getDouble("p99")).isPositive();
    assertThat(result.getJsonObject("machine").getInteger("cores")).isPositive();
  }
}
