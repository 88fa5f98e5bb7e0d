package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect storms: devices connect to one node at a fixed rate, open loop (the schedule does not
 * wait for the server), each connect as the browser's: WebSocket open, register for the user's
 * events, authenticate, register for announcements. The node runs every role; a second node in its
 * own process, clustered with it over Hazelcast and running only a gateway, is the peer whose CPU
 * shows what the connects cost the rest of the cluster. Users are in groups, so each arrival has
 * chats to load and a presence to announce. Per rate: the rate achieved, connect-to-ready
 * percentiles (from each connect's scheduled start, so a client that falls behind shows as
 * latency), the peer's CPU as a fraction of a core, the node's (with its backends) per connect, and
 * the peer's CPU while everyone disconnects at once. A step's devices stay connected until it ends
 * (so one step opens at most the node's connection cap), then all leave and the node settles.
 *
 * <pre>
 * java -cp … io.parley.bench.ConnectStormBenchmark   (-Drates=500,1000,2500,5000 -Dseconds=3 -Dgroup.size=10)
 * </pre>
 */
public final class ConnectStormBenchmark {

  private static final Logger log = LoggerFactory.getLogger(ConnectStormBenchmark.class);
  private static final long CLIENT_RESERVE = 300;
  /** Files the node keeps for itself beyond its clients' sockets: its default {@code http.fdReserve}. */
  private static final long NODE_RESERVE = 4_096;
  private static final long READY_TIMEOUT_SECONDS = 60;

  /**
   * A run's size: rates, seconds per rate, a warm-up (rounds of a rate for some seconds, not
   * reported: a profile after one round of 3,000 connects still found 43% of the node's CPU in the
   * JIT compiler), group size, source addresses,
   * and the seconds to let the node settle after each step (also how long the peer is watched idle).
   */
  record Shape(int[] rates, int seconds, int warmupRate, int warmupSeconds, int warmupRounds, int groupSize, int sourceAddresses,
               int settleSeconds) {

    static Shape fromProperties() {
      return new Shape(
        Arrays.stream(System.getProperty("rates", "500,1000,2500,5000").split(",")).mapToInt(rate -> Integer.parseInt(rate.trim())).toArray(),
        Integer.getInteger("seconds", 3), Integer.getInteger("warmup.rate", 1_000), Integer.getInteger("warmup.seconds", 3),
        Integer.getInteger("warmup.rounds", 5), Integer.getInteger("group.size", 10), Integer.getInteger("source.addresses", 4),
        Integer.getInteger("settle.seconds", 8));
    }
  }

  public static void main(String[] args) throws Exception {
    Shape shape = Shape.fromProperties();
    Path work = Files.createTempDirectory("parley-connect-storm-");
    RealtimeGauges gauges = new RealtimeGauges();
    Map<String, String> environment = new java.util.HashMap<>(gauges.environment());
    // This benchmark found that the node's connection cap never uncounted a WebSocket (fixed in
    // ConnectionLimit; EdgeLimitsTest). The cap is still lifted here: the benchmark keeps within
    // the node's files itself, and a storm step may open the cap's worth at once.
    environment.put("PARLEY_HTTP_MAX_CONNECTIONS", "10000000");
    ClusteredPair pair = new ClusteredPair();
    Vertx vertx = Vertx.vertx();
    try (ServerProcess node = pair.startNode(vertx, work, ServerJvm.options(), environment);
         ServerProcess peer = pair.startPeer(vertx, work, ServerJvm.options(), gauges.environment(), node)) {
      Results.write("connect-storm", run(vertx, node, peer, gauges, shape));
    } finally {
      vertx.close().await();
    }
  }

  /** Runs {@code shape} against {@code node}, watching {@code peer}; the figures as Results keeps them. */
  static JsonObject run(Vertx vertx, ServerProcess node, ServerProcess peer, RealtimeGauges gauges, Shape shape) throws Exception {
    long budget = Math.min(Math.min(node.connectionCap(), Descriptors.spare(node.pid(), NODE_RESERVE)),
      Descriptors.spare(ProcessHandle.current().pid(), CLIENT_RESERVE));
    int largest = (int) Math.min(budget, Math.max((long) shape.warmupRate() * shape.warmupSeconds(),
      (long) Arrays.stream(shape.rates()).max().orElse(0) * shape.seconds()));
    BenchUsers users = BenchUsers.create(vertx, node, largest, shape.groupSize(), "storm");
    WebClient http = WebClient.create(vertx);
    try (DeviceFleet fleet = new DeviceFleet(vertx, node.httpPort(), shape.sourceAddresses())) {
      double peerIdle = peerIdleCores(peer, shape.settleSeconds());
      log.info("Peer idle: {} cores", String.format("%.3f", peerIdle));
      Storm storm = new Storm(node, peer, gauges, http, fleet, users, shape.settleSeconds());
      for (int round = 1; round <= shape.warmupRounds() && shape.warmupSeconds() > 0; round++) {
        storm.run(shape.warmupRate(), shape.warmupSeconds(), "warm-up " + round);
      }
      List<JsonObject> steps = new ArrayList<>();
      for (int rate : shape.rates()) {
        steps.add(storm.run(rate, shape.seconds(), rate + " connects/s"));
      }
      return new JsonObject().put("scenario", "connect-storm").put("machine", Machine.describe())
        .put("shape", new JsonObject().put("secondsPerRate", shape.seconds()).put("warmupRate", shape.warmupRate())
          .put("warmupSeconds", shape.warmupSeconds())
          .put("warmupRounds", shape.warmupRounds()).put("groupSize", shape.groupSize()).put("groups", users.groups())
          .put("sourceAddresses", shape.sourceAddresses()).put("users", users.size()))
        .put("nodeConnectionCap", node.connectionCap()).put("peerIdleCores", round(peerIdle))
        .put("steps", new JsonArray(steps));
    } finally {
      http.close();
    }
  }

  private static double peerIdleCores(ServerProcess peer, int seconds) throws Exception {
    double before = peer.jvmCpuSeconds();
    long start = System.nanoTime();
    Thread.sleep(Math.max(1, seconds) * 1_000L);
    return (peer.jvmCpuSeconds() - before) / ((System.nanoTime() - start) / 1e9);
  }

  /** One rate at a time against the same node, peer and users. */
  private record Storm(ServerProcess node, ServerProcess peer, RealtimeGauges gauges, WebClient http, DeviceFleet fleet,
                       BenchUsers users, int settleSeconds) {

    JsonObject run(int rate, int seconds, String name) throws Exception {
      int total = (int) Math.min((long) rate * seconds, users.size());
      Latencies ready = new Latencies();
      AtomicLong failed = new AtomicLong();
      Map<String, LongAdder> failures = new ConcurrentHashMap<>();
      LongAccumulator lastReady = new LongAccumulator(Math::max, 0);
      long refusalsBefore = fleet.refusals();
      double peerBefore = peer.jvmCpuSeconds();
      double nodeBefore = node.cpuSeconds();
      double nodeJvmBefore = node.jvmCpuSeconds();
      long clientBefore = clientCpuNanos();
      long start = System.nanoTime();
      long interval = 1_000_000_000L / rate;
      List<Future<?>> connects = new ArrayList<>(total);
      for (int i = 0; i < total; i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
          Thread.sleep(wait / 1_000_000);
        }
        connects.add(fleet.connect(users.tokens().get(i)).timeout(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS).onComplete(done -> {
          long now = System.nanoTime();
          if (done.succeeded()) {
            ready.add((now - due) / 1_000);
            lastReady.accumulate(now);
          } else {
            failed.incrementAndGet();
            failures.computeIfAbsent(String.valueOf(done.cause().getMessage()), why -> new LongAdder()).increment();
          }
        }));
      }
      Future.join(connects).transform(settled -> Future.succeededFuture()).await();
      double connectSeconds = Math.max(1, lastReady.get() - start) / 1e9;
      double nodeCpu = node.cpuSeconds() - nodeBefore;
      double nodeJvmCpu = node.jvmCpuSeconds() - nodeJvmBefore;
      // Presence announces arrivals twice a second: the peer's share of this step lands up to 0.5 s later.
      Thread.sleep(1_000);
      double window = (System.nanoTime() - start) / 1e9;
      double peerCores = (peer.jvmCpuSeconds() - peerBefore) / window;
      double clientCores = (clientCpuNanos() - clientBefore) / 1e9 / window;
      JsonObject step = new JsonObject().put("rate", rate).put("seconds", seconds).put("attempted", total)
        .put("ready", ready.count()).put("failed", failed.get()).put("failures", reasons(failures)).put("refusals", fleet.refusals() - refusalsBefore)
        .put("achievedPerSecond", round(ready.count() / connectSeconds))
        .put("readyMillis", new JsonObject().put("p50", ready.millisAt(0.50)).put("p95", ready.millisAt(0.95))
          .put("p99", ready.millisAt(0.99)).put("max", ready.millisAt(1)))
        .put("peerCores", round(peerCores)).put("peerWindowSeconds", round(window))
        .put("serverCpuMsPerConnect", round(1000 * nodeCpu / Math.max(1, ready.count())))
        .put("nodeJvmCpuMsPerConnect", round(1000 * nodeJvmCpu / Math.max(1, ready.count())))
        .put("clientCores", round(clientCores));
      log.info("{}: {} of {} ready in {} s = {}/s, {} failed; connect-to-ready {}; peer {} cores over {} s; node and backends {} ms CPU per connect (node JVM {}); client {} cores",
        name, ready.count(), total, String.format("%.2f", connectSeconds), String.format("%.0f", ready.count() / connectSeconds),
        failed.get(), ready.summary(), String.format("%.3f", peerCores), String.format("%.1f", window),
        String.format("%.3f", step.getDouble("serverCpuMsPerConnect")), String.format("%.3f", step.getDouble("nodeJvmCpuMsPerConnect")),
        String.format("%.2f", clientCores));
      if (!failures.isEmpty()) {
        log.info("{}: failures {}", name, step.getJsonObject("failures").encode());
      }
      step.put("disconnect", disconnectAll(total, name));
      return step;
    }

    /** Everyone leaves at once; the peer's CPU until the node counts no connection and presence has settled. */
    private JsonObject disconnectAll(int total, String name) throws Exception {
      double peerBefore = peer.jvmCpuSeconds();
      long start = System.nanoTime();
      fleet.disconnectAll();
      long deadline = start + 60_000_000_000L;
      while (gauges.read(http, node.httpPort()).await().connections() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      double drained = (System.nanoTime() - start) / 1e9;
      // Departed users turn offline after presence's grace (5 s); their announcements belong to the disconnect.
      Thread.sleep(settleSeconds * 1_000L);
      double window = (System.nanoTime() - start) / 1e9;
      double peerCores = (peer.jvmCpuSeconds() - peerBefore) / window;
      log.info("{}: {} disconnected at once, node counted none left after {} s; peer {} cores over the next {} s", name, total,
        String.format("%.1f", drained), String.format("%.3f", peerCores), String.format("%.1f", window));
      return new JsonObject().put("drainedSeconds", round(drained)).put("peerCores", round(peerCores)).put("windowSeconds", round(window));
    }
  }

  /** Why connects failed, the five commonest reasons with their counts. */
  private static JsonObject reasons(Map<String, LongAdder> failures) {
    JsonObject reasons = new JsonObject();
    failures.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(5)
      .forEach(entry -> reasons.put(entry.getKey(), entry.getValue().sum()));
    return reasons;
  }

  private static long clientCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
