package io.parley.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.e2e.cluster.Rest.Account;
import io.parley.shared.metrics.Meters;
import io.parley.testkit.Poll;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local cluster of {@code docker/local-cluster.sh} behind HAProxy: clients connect through
 * the balancer and spread over both gateways; a gateway drained, and later one killed with
 * {@code kill -9}, loses its clients to the other, where they resume from their cursors with
 * nothing lost or doubled; a gateway that comes back takes new connections. The cases run in
 * order on one cluster (starting it is most of the cost); the last one reads the nodes' logs.
 */
@TestMethodOrder(OrderAnnotation.class)
class LoadBalancedClusterIT {

  static final String CONNECTIONS = "parley_realtime_connections";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static LocalCluster cluster;
  private static Vertx vertx;
  private static Rest rest;
  private static Account sender;
  private static final List<Account> people = new ArrayList<>();
  private static final List<Device> devices = new ArrayList<>();
  /** For each device, how many messages had been sent when it joined: it must have every later one. */
  private static final Map<Device, Integer> joinedAfter = new java.util.HashMap<>();
  private static final List<Long> sent = new ArrayList<>();
  /** Every text sent: none may appear in a log. */
  static final List<String> texts = new ArrayList<>();
  private static String chat;
  private static long started;

  @BeforeAll
  static void startCluster() throws Exception {
    started = System.nanoTime();
    Path work = Files.createDirectories(Path.of(System.getProperty("parley.test.workDir")));
    cluster = new LocalCluster(Path.of(System.getProperty("parley.localCluster")), Path.of(System.getProperty("parley.jar")),
      Files.createTempDirectory(work, "local-cluster-"), Map.of(
        "PARLEY_LOG_FORMAT", "json",
        // Long enough for HAProxy (checks every second, down after two failures) to take a draining node out.
        "PARLEY_DRAIN_UNREADY_DELAY_MS", "2500",
        "PARLEY_DRAIN_TIMEOUT_SECONDS", "5"));
    cluster.up();
    vertx = Vertx.vertx();
    rest = new Rest(cluster.balancerPort());
    sender = rest.register("sender");
    for (int i = 0; i < 3; i++) {
      people.add(rest.register("member" + i));
    }
    chat = rest.createGroup(sender, people);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    devices.forEach(Device::close);
    if (vertx != null) {
      vertx.close().await();
    }
    if (cluster != null) {
      cluster.close();
    }
    System.out.printf("Load-balanced cluster test took %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  @Test
  @Order(1)
  void clientsThroughTheBalancerLandOnBothGatewaysAndReceiveLiveMessages() throws Exception {
    for (Account person : people) {
      for (int device = 0; device < 2; device++) {
        add(new Device(vertx, cluster.balancerPort(), person, chat, 0).connect());
      }
    }
    Poll.until(() -> cluster.gauge("a", CONNECTIONS) + cluster.gauge("b", CONNECTIONS) == 6, WAIT);
    assertThat(cluster.gauge("a", CONNECTIONS)).as("connections on gateway a").isPositive();
    assertThat(cluster.gauge("b", CONNECTIONS)).as("connections on gateway b").isPositive();
    assertThat(cluster.gauge("c", CONNECTIONS)).as("node c has no gateway").isEqualTo(-1);

    sendAndAwaitLive(3);
  }

  @Test
  @Order(2)
  void aDrainedGatewaysClientsMoveToTheOtherAndResumeWithNothingLostOrDoubled() throws Exception {
    double onA = cluster.gauge("a", CONNECTIONS);
    CompletableFuture<String> drained = cluster.drain("a");

    Poll.until(() -> devices.stream().filter(Device::toldToMove).count() == onA, WAIT);
    List<Device> moved = devices.stream().filter(Device::toldToMove).toList();
    Poll.until(() -> moved.stream().allMatch(Device::disconnected), WAIT);

    // Written while they are away: they must get these from their cursors.
    send(3);
    for (Device device : moved) {
      device.resume();
    }
    assertThat(drained.get(60, TimeUnit.SECONDS)).contains("drained and stopped");
    assertThat(cluster.running("a")).isFalse();
    assertThat(cluster.gauge("b", CONNECTIONS)).as("everyone is on b now").isEqualTo(6);

    sendAndAwaitLive(2);
    assertEveryDeviceHasEveryMessageOnce();
  }

  @Test
  @Order(3)
  void theDrainedGatewayComesBackAndTakesNewConnections() throws Exception {
    cluster.start("a");
    // HAProxy takes a back after two good checks; until then new connections still go to b.
    Poll.until(() -> landsOn("a"), WAIT);
    sendAndAwaitLive(1);
    assertEveryDeviceHasEveryMessageOnce();
  }

  @Test
  @Order(4)
  void aKilledGatewaysClientsReconnectThroughTheBalancerAndResume() throws Exception {
    double onB = cluster.gauge("b", CONNECTIONS);
    cluster.kill("b");
    Poll.until(() -> devices.stream().filter(Device::disconnected).count() == (long) onB, WAIT);
    List<Device> lost = devices.stream().filter(Device::disconnected).toList();
    assertThat(lost.stream().noneMatch(Device::toldToMove)).as("nobody was told: the node just died").isTrue();

    send(2);
    for (Device device : lost) {
      device.resume();
    }
    Poll.until(() -> cluster.gauge("a", CONNECTIONS) == devices.size(), WAIT);
    sendAndAwaitLive(2);
    assertEveryDeviceHasEveryMessageOnce();
  }

  @Test
  @Order(5)
  void theKilledGatewayComesBackAndTakesNewConnections() throws Exception {
    cluster.start("b");
    Poll.until(() -> landsOn("b"), WAIT);
    sendAndAwaitLive(1);
    assertEveryDeviceHasEveryMessageOnce();
  }

  /** A new device connects; true if it landed on {@code node} (it stays either way, as one more client). */
  private static boolean landsOn(String node) {
    try {
      double before = cluster.gauge(node, CONNECTIONS);
      Device device = new Device(vertx, cluster.balancerPort(), people.get(devices.size() % people.size()), chat,
        sent.get(sent.size() - 1)).connect();
      add(device);
      return cluster.gauge(node, CONNECTIONS) > before;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void add(Device device) {
    joinedAfter.put(device, sent.size());
    devices.add(device);
  }

  private static void send(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      String text = "balanced text " + UUID.randomUUID();
      texts.add(text);
      sent.add(rest.send(sender, chat, text));
    }
  }

  private static void sendAndAwaitLive(int count) throws Exception {
    send(count);
    long last = sent.get(sent.size() - 1);
    Poll.until(() -> devices.stream().allMatch(device -> device.has(last)), WAIT);
  }

  /** Each device holds exactly the messages sent since it joined: in order, none missing, none twice. */
  private static void assertEveryDeviceHasEveryMessageOnce() {
    for (Device device : devices) {
      assertThat(device.received()).as("messages of a device").isEqualTo(sent.subList(joinedAfter.get(device), sent.size()));
    }
  }

  @Test
  @Order(6)
  void theNodesLogJsonLinesWithNodeAndCorrelationAndNeverASecretOrAMessage() throws Exception {
    List<String> secrets = new ArrayList<>(texts);
    for (Account account : accounts()) {
      secrets.addAll(List.of(account.password(), account.accessToken(), account.refreshToken()));
    }
    secrets.addAll(new SecretScenario(rest).run());
    secrets.add(cluster.mediaSecret());

    LogScan scan = new LogScan(List.of(cluster.log("a"), cluster.log("b"), cluster.log("c")));
    Poll.until(() -> scan.reload().hasLine("Account " + SecretScenario.deletedAccount + " deleted"), WAIT);
    scan.assertEveryLineIsJsonWithLevelLoggerAndNode(List.of("a", "b", "c"));
    scan.assertContainsNoneOf(secrets);
    assertThat(scan.line("Account " + SecretScenario.deletedAccount + " deleted"))
      .as("the auth node's line carries the correlation id the client sent to a gateway")
      .containsEntry("node", "c").containsEntry("correlationId", SecretScenario.correlationId);
    assertThat(scan.line("Refresh token reused")).containsKey("correlationId");
  }

  private static List<Account> accounts() {
    List<Account> all = new ArrayList<>(people);
    all.add(sender);
    return all;
  }
}
