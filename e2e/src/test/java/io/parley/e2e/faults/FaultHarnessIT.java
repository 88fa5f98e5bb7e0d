package io.parley.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.Poll;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real faults in real processes, one at a time, under a steady load of sends and connected devices
 * on every gateway: {@code kill -9} of a gateway, of a chat-service node and of the node holding the
 * outbox relay; a PostgreSQL crash; Redis killed and restarted; Kafka stopped for 10 s; a Hazelcast
 * member cut off (frozen with SIGSTOP, so it holds its sockets and answers nothing) and healed.
 * Each must heal by itself (the time it took is reported); at the end every acknowledged message is
 * in its chat's history exactly once, no unacknowledged retry left a duplicate, every device holds
 * every acknowledged message of its chats after its resync with no duplicate, and Kafka has every
 * acknowledged message with no event reordered per chat.
 */
class FaultHarnessIT {

  private static final Logger log = LoggerFactory.getLogger(FaultHarnessIT.class);
  /**
   * How long a fault may take to heal by itself. The report gives the time each one took; the
   * outbox relay holder's takeover has taken 36 to more than 90 s on a loaded 2-core machine
   * (unexplained yet: see docs/BENCHMARKS.md), so the bound is generous rather than tight.
   */
  private static final Duration HEAL = Duration.ofSeconds(180);
  private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(10);

  private static Vertx client;
  private static FaultCluster cluster;
  private static KafkaWatch kafka;
  private static FaultLoad load;
  private static final List<String> report = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of(System.getProperty("parley.jar", "../node/target/parley.jar"));
    Path work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("parley.test.workDir", "target/it-work"))), "faults-");
    long started = System.nanoTime();
    cluster = FaultCluster.start(jar, work);
    client = Vertx.vertx();
    kafka = new KafkaWatch(cluster.kafkaBootstrapServers());
    load = new FaultLoad(client, cluster::liveGateways);
    load.setUp(3, 4);
    load.start(2);
    Poll.until(() -> load.acked.values().stream().mapToInt(Map::size).sum() >= 20, HEAL);
    report.add(String.format("cluster of 3 node processes up and loaded in %d ms", (System.nanoTime() - started) / 1_000_000));
  }

  @AfterAll
  static void stop() throws Exception {
    report.forEach(line -> log.info("FAULT REPORT {}", line));
    Files.write(cluster.work.resolve("fault-report.txt"), report);
    if (load != null) {
      load.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (client != null) {
      client.close().await();
    }
  }

  @Test
  void everyFaultHealsByItselfAndNothingAcknowledgedIsLostDuplicatedOrReordered() throws Exception {
    long started = System.nanoTime();

    NodeProcess gateway = cluster.node("A");
    gateway.kill();
    heal("kill -9 of gateway node A (its devices move to B)", () -> servesEverywhere() && load.allDevicesConnected());
    restart(gateway);

    NodeProcess chatNode = cluster.node("C");
    chatNode.kill();
    heal("kill -9 of chat-service node C", this::servesEverywhere);
    restart(chatNode);

    String holder = relayHolder();
    NodeProcess relay = cluster.node(holder);
    relay.kill();
    heal("kill -9 of outbox-relay holder " + holder + ": sends served", this::servesEverywhere);
    heal("  and another relay took over: Kafka caught up", this::kafkaCaughtUp);
    restart(relay);

    cluster.crashPostgres();
    heal("PostgreSQL crash (a backend killed: every connection reset, log replayed)", this::servesEverywhere);

    long redis = cluster.redisPid();
    ProcessHandle.of(redis).orElseThrow().destroyForcibly();
    long degraded = System.nanoTime();
    Poll.until(() -> cluster.liveGateways().stream().allMatch(node -> node.readiness().contains("\"redis\":\"down\"")), HEAL);
    Poll.until(this::servesEverywhere, HEAL);
    report.add(String.format("Redis killed: /ready says redis down on every gateway and sends work after %d ms",
      (System.nanoTime() - degraded) / 1_000_000));
    cluster.restartRedis();
    heal("Redis restarted (presence and rate limits back, /ready green)", () -> cluster.liveGateways().stream().allMatch(NodeProcess::ready)
      && servesEverywhere());

    cluster.stopKafka();
    long outage = System.nanoTime();
    int sentDuringOutage = 0;
    while (System.nanoTime() - outage < KAFKA_OUTAGE.toNanos()) {
      sentDuringOutage += load.probe(cluster.liveGateways().get(0)) ? 1 : 0;
      FaultLoad.pause(500);
    }
    assertThat(sentDuringOutage).as("sends keep working while Kafka is down").isPositive();
    cluster.startKafka();
    heal("Kafka back after " + KAFKA_OUTAGE.toSeconds() + " s down (" + sentDuringOutage + " probe sends acknowledged meanwhile): the outbox drains",
      this::kafkaCaughtUp);

    NodeProcess member = cluster.node("C");
    member.freeze();
    heal("Hazelcast member C cut off (SIGSTOP): declared gone, the others serve without it",
      () -> cluster.liveGateways().stream().allMatch(node -> node.readiness().contains("\"clusterMembers\":2")) && servesEverywhere());
    member.thaw();
    heal("Hazelcast member C healed (SIGCONT): back in a cluster of 3", () -> servesEverywhere() && cluster.seesMembers(member, 3));

    load.stop();
    Poll.until(load::allDevicesConnected, HEAL);
    Poll.until(this::kafkaCaughtUp, HEAL);
    report.add(String.format("all faults in %d s", (System.nanoTime() - started) / 1_000_000_000));
    checkInvariants();
  }

  private void checkInvariants() throws InterruptedException {
    int acknowledged = 0;
    int lost = 0;
    int twice = 0;
    int unacknowledgedTwice = 0;
    for (Map.Entry<String, Map<String, Long>> chat : load.acked.entrySet()) {
      Map<String, Integer> history = load.history(chat.getKey());
      for (String clientMessageId : chat.getValue().keySet()) {
        acknowledged++;
        int times = history.getOrDefault(clientMessageId, 0);
        lost += times == 0 ? 1 : 0;
        twice += times > 1 ? 1 : 0;
      }
      for (String clientMessageId : load.neverAcked) {
        unacknowledgedTwice += history.getOrDefault(clientMessageId, 0) > 1 ? 1 : 0;
      }
    }
    int expected = 0;
    int missing = 0;
    int duplicates = 0;
    for (FaultDevice device : load.devices) {
      assertThat(device.finalResync()).as("final resync of " + device.userId).isTrue();
      for (Map.Entry<String, List<FaultLoad.User>> chat : load.members.entrySet()) {
        if (chat.getValue().stream().anyMatch(user -> user.id().equals(device.userId))) {
          for (long seq : load.acked.get(chat.getKey()).values()) {
            expected++;
            missing += device.holds(chat.getKey(), seq) ? 0 : 1;
          }
        }
      }
      duplicates += device.duplicates();
    }
    int[] kafkaOrder = kafka.duplicatesAndReorderings();
    int reconnects = load.devices.stream().mapToInt(FaultDevice::reconnects).sum();
    report.add(String.format("sends: %d acknowledged, %d never acknowledged, %d attempts of which %d failed during faults",
      acknowledged, load.neverAcked.size(), load.attempts.get(), load.failedAttempts.get()));
    report.add(String.format("history: %d lost, %d twice, %d unacknowledged stored twice", lost, twice, unacknowledgedTwice));
    report.add(String.format("devices: %d deliveries expected after resync, %d missing, %d duplicates, %d reconnects",
      expected, missing, duplicates, reconnects));
    report.add(String.format("kafka: every acknowledged message present, %d redelivered (at least once), %d reordered",
      kafkaOrder[0], kafkaOrder[1]));
    assertThat(acknowledged).isPositive();
    assertThat(lost).as("acknowledged messages lost").isZero();
    assertThat(twice).as("acknowledged messages stored twice").isZero();
    assertThat(unacknowledgedTwice).as("unacknowledged retries stored twice").isZero();
    assertThat(missing).as("deliveries missing after resync").isZero();
    assertThat(duplicates).as("duplicates a device could not tell apart").isZero();
    assertThat(kafkaOrder[1]).as("events reordered per chat in Kafka").isZero();
  }

  private void heal(String fault, BooleanSupplier healed) {
    long injected = System.nanoTime();
    try {
      Poll.until(healed::getAsBoolean, HEAL);
    } catch (AssertionError notHealed) {
      throw new AssertionError(fault + " did not heal within " + HEAL + "; " + missingFromKafka(), notHealed);
    }
    String line = String.format("%s: recovered in %d ms", fault, (System.nanoTime() - injected) / 1_000_000);
    report.add(line);
    log.info("FAULT {}", line);
  }

  private void restart(NodeProcess node) throws Exception {
    long started = System.nanoTime();
    cluster.restart(node);
    Poll.until(() -> servesEverywhere() && load.allDevicesConnected(), HEAL);
    report.add(String.format("  %s restarted and serving in %d ms", node.name, (System.nanoTime() - started) / 1_000_000));
  }

  /**
   * Three sends in a row through every live gateway are each acknowledged within seconds: the bus
   * spreads requests over the service's instances, so one lucky send proves little.
   */
  private boolean servesEverywhere() {
    List<NodeProcess> gateways = cluster.liveGateways();
    return !gateways.isEmpty() && gateways.stream().allMatch(gateway -> load.probe(gateway) && load.probe(gateway) && load.probe(gateway));
  }

  /** Every message acknowledged so far has reached Kafka. */
  private boolean kafkaCaughtUp() {
    return load.acked.entrySet().stream().allMatch(chat -> kafka.hasMessages(chat.getKey(), new HashSet<>(chat.getValue().values())));
  }

  /** What a failed heal leaves behind: the acknowledged messages the watch lacks, and whether a fresh reader and the outbox have them. */
  private String missingFromKafka() {
    Map<String, Set<Long>> missing = new java.util.TreeMap<>();
    load.acked.forEach((chat, sent) -> {
      Set<Long> lacking = new java.util.TreeSet<>(sent.values());
      lacking.removeAll(kafka.messageSeqs(chat));
      if (!lacking.isEmpty()) {
        missing.put(chat, lacking);
      }
    });
    if (missing.isEmpty()) {
      return "Kafka has every acknowledged message";
    }
    Map<String, Set<Long>> fresh = KafkaWatch.readOnce(cluster.kafkaBootstrapServers(), missing.keySet());
    StringBuilder out = new StringBuilder("acknowledged but not seen by the watch:");
    missing.forEach((chat, seqs) -> {
      Set<Long> stillMissing = new java.util.TreeSet<>(seqs);
      stillMissing.removeAll(fresh.getOrDefault(chat, Set.of()));
      out.append("\n  chat ").append(chat).append(": ").append(seqs).append("; missing for a fresh reader too: ").append(stillMissing)
        .append("; in the outbox: ").append(cluster.outboxSeqs(chat));
    });
    return out.toString();
  }

  private static String relayHolder() throws Exception {
    String[] holder = new String[1];
    Poll.until(() -> {
      try {
        holder[0] = cluster.relayHolder();
      } catch (java.sql.SQLException retry) {
        holder[0] = null;
      }
      return holder[0] != null;
    }, HEAL);
    return holder[0];
  }

}
