package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fan-out benchmark at a size of seconds: Parley from the fat jar, the Vert.x baseline, and
 * Socket.IO where Node and npm are at hand (skipped, with its reason, where they are not). Every
 * message reaches every member of its room on each server, and the figures come out. What they
 * are is not asserted (speed is for the benchmark itself to show); that it still runs, is.
 */
class FanOutBenchmarkSmokeTest {

  /** A small, lightly compiled JVM for the Java servers: the suite shares two cores. */
  private static final List<String> SMALL_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  @Test
  void everyMemberOfEveryRoomReceivesEveryMessageOnEachServer() throws Exception {
    FanOutBenchmark.Shape shape = new FanOutBenchmark.Shape(3, 4, new int[] {20}, 30, new int[] {10}, 1, 0, 0,
      List.of("parley", "vertx-baseline", "socketio"), SMALL_JVM);

    JsonObject result = FanOutBenchmark.run(shape);

    assertThat(result.getJsonObject("machine").getInteger("cores")).isPositive();
    assertThat(result.getJsonArray("servers")).hasSize(3);
    for (Object each : result.getJsonArray("servers")) {
      JsonObject server = (JsonObject) each;
      if (server.getString("server").equals("socketio") && server.containsKey("skipped")) {
        assertThat(server.getString("skipped")).as("why Socket.IO did not run").isNotBlank();
        continue;
      }
      assertThat(server.containsKey("skipped")).as(server.getString("server") + " ran").isFalse();
      assertThat(server.getString("failed")).as(server.getString("server") + " failed").isNull();
      assertDeliveredEverything(server, "groups", 20 * 4);
      assertDeliveredEverything(server, "channel", 10 * 30);
    }
  }

  private static void assertDeliveredEverything(JsonObject server, String scenario, long expected) {
    String name = server.getString("server") + " " + scenario;
    assertThat(server.getJsonObject(scenario).getJsonArray("steps")).as(name).hasSize(1);
    JsonObject step = server.getJsonObject(scenario).getJsonArray("steps").getJsonObject(0);
    assertThat(step.getLong("expectedDeliveries")).as(name + ": each send to every member").isEqualTo(expected);
    assertThat(step.getLong("received")).as(name + ": received").isEqualTo(expected);
    assertThat(step.getLong("lost")).as(name + ": lost").isZero();
    assertThat(step.getLong("extra")).as(name + ": delivered twice").isZero();
    assertThat(step.getDouble("deliveriesPerSecond")).as(name).isPositive().isFinite();
    assertThat(step.getDouble("serverCpuSeconds")).as(name).isPositive().isFinite();
    assertThat(step.getDouble("deliveriesPerServerCpuSecond")).as(name).isPositive().isFinite();
    assertThat(step.getJsonObject("latencyMillis").getDouble("p99")).as(name).isPositive().isFinite();
    if (server.getString("server").equals("parley")) {
      assertThat(step.getLong("refusals")).as(name + ": refused commands").isZero();
      assertThat(step.getLong("unanswered")).as(name + ": sends never acknowledged").isZero();
    }
  }
}
