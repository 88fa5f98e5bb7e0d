package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The idle-connection, connect-storm and scale-out benchmarks at a size of seconds, against real
 * nodes from the fat jar: one clustered node with every role, shared by all three, and a
 * gateway-only peer that starts while the idle scenario runs. What they measure is not asserted (that is the benchmarks'
 * job); that every connection authenticates and every figure comes out, is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealtimeEdgeBenchmarksSmokeTest {

  /** Small JVMs, compiled by C1 only: the suite's time is what matters here, not the figures. */
  private static final List<String> NODE_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:TieredStopAtLevel=1");
  private static final List<String> PEER_JVM = List.of("-Xms128m", "-Xmx384m", "-XX:TieredStopAtLevel=1");

  private static Vertx vertx;
  private static Path work;
  private static RealtimeGauges gauges;
  private static ServerProcess node;
  private static CompletableFuture<ServerProcess> peer;

  @BeforeAll
  static void startNodes() throws Exception {
    vertx = Vertx.vertx();
    work = Files.createTempDirectory("parley-realtime-smoke-");
    gauges = new RealtimeGauges();
    Map<String, String> environment = new HashMap<>(gauges.environment());
    // No load balancer needs time to see a node go unready when the test stops it.
    environment.put(Config.environmentName(ConfigKeys.DRAIN_UNREADY_DELAY_MS), "0");
    ClusteredPair pair = new ClusteredPair();
    node = pair.startNode(vertx, work, NODE_JVM, environment);
    peer = CompletableFuture.supplyAsync(() -> {
      try {
        return pair.startPeer(vertx, work, PEER_JVM, environment, node);
      } catch (Exception failed) {
        throw new IllegalStateException(failed);
      }
    });
  }

  @AfterAll
  static void stopNodes() throws Exception {
    // Each node takes seconds to shut down its backends: both at once.
    CompletableFuture<Void> peerStopped = peer == null ? CompletableFuture.completedFuture(null)
      : peer.thenAcceptAsync(RealtimeEdgeBenchmarksSmokeTest::stop);
    if (node != null) {
      stop(node);
    }
    peerStopped.join();
    vertx.close().await();
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static void stop(ServerProcess server) {
    try {
      server.close();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  @Order(1)
  void idleConnectionsAreAllAuthenticatedAndTheirMemoryIsReported() throws Exception {
    JsonObject result = IdleConnectionBenchmark.run(vertx, node, gauges,
      new IdleConnectionBenchmark.Shape(new int[] {50}, 25, 0, 1, 1, 2, 1, 10));

    assertThat(result.getJsonArray("steps")).hasSize(1);
    JsonObject last = result.getJsonArray("steps").getJsonObject(0);
    assertThat(last.getLong("authenticatedUsers")).as("users the node counts as signed in").isEqualTo(50);
    assertThat(last.getLong("nodeConnections")).isEqualTo(50);
    assertThat(last.getLong("connectionObjects")).as("live ClientConnection objects more than with none").isEqualTo(50);
    assertThat(last.getDouble("heapBytesPerConnection")).isPositive().isFinite();
    assertThat(last.getDouble("rssBytesPerConnection")).isFinite();
    assertThat(last.getDouble("serverCores")).isPositive().isFinite();
    assertThat(result.getJsonObject("topClassesPerConnection").getJsonArray("classes")).isNotEmpty();
    JsonObject hold = result.getJsonObject("hold");
    assertThat(hold.getLong("closedMeanwhile")).isZero();
    assertThat(hold.getJsonArray("samples")).isNotEmpty();
    assertThat(hold.getJsonArray("samples").getJsonObject(0).getLong("authenticatedUsers")).isEqualTo(50);
  }

  @Test
  @Order(2)
  void aStormAtALowRateConnectsEveryDeviceAndReportsThePeersCpu() throws Exception {
    JsonObject result = ConnectStormBenchmark.run(vertx, node, peer.join(), gauges,
      new ConnectStormBenchmark.Shape(new int[] {25}, 2, 0, 0, 0, 25, 2, 1));

    assertThat(result.getJsonArray("steps")).hasSize(1);
    JsonObject step = result.getJsonArray("steps").getJsonObject(0);
    assertThat(step.getLong("attempted")).as("25 connects a second for 2 s").isEqualTo(50);
    assertThat(step.getLong("ready")).as("connections authenticated").isEqualTo(50);
    assertThat(step.getLong("failed")).isZero();
    assertThat(step.getLong("refusals")).isZero();
    assertThat(step.getDouble("achievedPerSecond")).isPositive().isFinite();
    assertThat(step.getJsonObject("readyMillis").getDouble("p99")).isPositive().isFinite();
    assertThat(step.getDouble("peerCores")).isFinite().isGreaterThanOrEqualTo(0);
    assertThat(step.getDouble("serverCpuMsPerConnect")).isPositive().isFinite();
    assertThat(step.getJsonObject("disconnect").getDouble("drainedSeconds")).isFinite();
    assertThat(result.getDouble("peerIdleCores")).isFinite().isGreaterThanOrEqualTo(0);
  }

  @Test
  @Order(3)
  void fanOutOverOneThenTwoGatewaysReachesOnlyTheNodesHoldingMembers() throws Exception {
    JsonObject result = ScaleOutBenchmark.run(vertx, List.of(node, peer.join()), gauges,
      new ScaleOutBenchmark.Shape(5, 4, 20, 2, 0, 0));

    assertThat(result.getJsonArray("steps")).hasSize(2);
    JsonObject oneGateway = result.getJsonArray("steps").getJsonObject(0);
    assertThat(oneGateway.getLong("acknowledged")).as("20 sends a second for 2 s").isEqualTo(40);
    JsonObject holding = oneGateway.getJsonArray("nodes").getJsonObject(0);
    JsonObject bystander = oneGateway.getJsonArray("nodes").getJsonObject(1);
    assertThat(holding.getDouble("deliveriesPerSecond")).isPositive();
    assertThat(holding.getDouble("chatEventsReceivedPerSecond")).isPositive();
    assertThat(bystander.getInteger("devices")).isZero();
    assertThat(bystander.getDouble("chatEventsReceivedPerSecond")).as("chat events sent to the peer holding no member").isZero();
    JsonObject twoGateways = result.getJsonArray("steps").getJsonObject(1);
    assertThat(twoGateways.getJsonArray("nodes").stream().map(JsonObject.class::cast))
      .allSatisfy(share -> assertThat(share.getDouble("deliveriesPerSecond")).isPositive());
  }
}
