package io.parley.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an idle signed-in connection costs a node in memory. One node (its own process, every role,
 * embedded backends) and real users in groups; at each count of {@code connections}, that many
 * devices are connected as browsers connect (user events, authentication, announcements) and held
 * idle with a ping every few seconds. At each count: the node's live heap (the total of
 * {@code jcmd GC.class_histogram}, which counts what survives a full GC) and its JVM's RSS
 * (VmRSS right after that GC), each as the difference from the same node with no connection,
 * per connection, and also per connection between one count and the next. The heap is touched in
 * full at start ({@code -XX:+AlwaysPreTouch}), so RSS growth is memory outside the heap (direct
 * buffers, native allocations, thread stacks), not heap pages touched for the first time. The
 * classes that grew most, per connection, say what holds the memory. Then the largest count is held
 * for {@code hold.minutes}, sampled, to show whether it stays put.
 *
 * <pre>
 * java -cp … io.parley.bench.IdleConnectionBenchmark   (-Dconnections=1000,4000,8000,15000 -Dgroup.size=10 -Dhold.minutes=1)
 * </pre>
 */
public final class IdleConnectionBenchmark {

  private static final Logger log = LoggerFactory.getLogger(IdleConnectionBenchmark.class);
  private static final String CONNECTION_CLASS = "io.parley.gateway.realtime.ClientConnection";
  /** Files the load client keeps for itself (its jars, its event loops, its HTTP connections). */
  private static final long CLIENT_RESERVE = 300;

  /** A run's size: the connection counts, the group size, the hold and its sampling, the pings, the source addresses. */
  record Shape(int[] connections, int groupSize, int holdSeconds, int sampleSeconds, int pingSeconds, int sourceAddresses,
               int settleSeconds, int topClasses) {

    static Shape fromProperties() {
      return new Shape(
        Arrays.stream(System.getProperty("connections", "1000,4000,8000,15000").split(","))
          .mapToInt(count -> Integer.parseInt(count.trim())).toArray(),
        Integer.getInteger("group.size", 10),
        (int) Math.round(60 * Double.parseDouble(System.getProperty("hold.minutes", "1"))),
        Integer.getInteger("sample.seconds", 30), Integer.getInteger("ping.seconds", 5),
        Integer.getInteger("source.addresses", 4), Integer.getInteger("settle.seconds", 5), Integer.getInteger("top.classes", 20));
    }
  }

  public static void main(String[] args) throws Exception {
    Shape shape = Shape.fromProperties();
    Path work = Files.createTempDirectory("parley-idle-connections-");
    RealtimeGauges gauges = new RealtimeGauges();
    List<String> jvm = new ArrayList<>(ServerJvm.options());
    if (Boolean.parseBoolean(System.getProperty("pretouch", "true"))) {
      jvm.add("-XX:+AlwaysPreTouch");
    }
    if (Boolean.parseBoolean(System.getProperty("nmt", "true"))) {
      jvm.add(NativeMemory.TRACKING);
    }
    Vertx vertx = Vertx.vertx();
    try (ServerProcess node = ServerProcess.start(vertx, work, jvm, gauges.environment())) {
      Results.write("idle-connections", run(vertx, node, gauges, shape).put("nodeJvm", new JsonArray(jvm)));
    } finally {
      vertx.close().await();
    }
  }

  /** Runs {@code shape} against {@code node} (started with {@code gauges.environment()}); the figures as Results keeps them. */
  static JsonObject run(Vertx vertx, ServerProcess node, RealtimeGauges gauges, Shape shape) throws Exception {
    long budget = Math.min(node.connectionCap(), Descriptors.spare(ProcessHandle.current().pid(), CLIENT_RESERVE));
    int[] counts = Arrays.stream(shape.connections()).filter(count -> count <= budget).sorted().toArray();
    if (counts.length < shape.connections().length) {
      log.info("Counts above the budget of {} connections (the node's cap, and this client's spare files) are left out", budget);
    }
    if (counts.length == 0) {
      throw new IllegalArgumentException("No connection count within the budget of " + budget);
    }
    int most = counts[counts.length - 1];
    BenchUsers users = BenchUsers.create(vertx, node, most, shape.groupSize(), "idle");
    WebClient http = WebClient.create(vertx);
    try (DeviceFleet fleet = new DeviceFleet(vertx, node.httpPort(), shape.sourceAddresses())) {
      fleet.pingEvery(shape.pingSeconds());
      Thread.sleep(shape.settleSeconds() * 1_000L);
      MemorySnapshot baseline = MemorySnapshot.take(node, gauges, http);
      log.info("0 connections: live heap {} MiB, RSS {} MiB, {} open files", mib(baseline.heap().bytes()), mib(baseline.rssBytes()),
        baseline.openFiles());
      List<JsonObject> steps = new ArrayList<>();
      MemorySnapshot previous = baseline;
      int previousCount = 0;
      for (int count : counts) {
        fleet.connectAll(users.tokens().subList(fleet.size(), count), 200);
        awaitUsers(gauges, http, node, count);
        double cores = serverCores(node, shape.settleSeconds());
        MemorySnapshot now = MemorySnapshot.take(node, gauges, http);
        steps.add(step(count, baseline, previous, now, cores, previousCount == 0 ? 0 : count - previousCount));
        previous = now;
        previousCount = count;
      }
      List<HeapHistogram.Growth> growth = previous.heap().growthSince(baseline.heap(), shape.topClasses());
      JsonObject hold = hold(node, gauges, http, fleet, baseline, most, shape);
      return new JsonObject().put("scenario", "idle-connections").put("machine", Machine.describe())
        .put("method", new JsonObject()
          .put("liveHeap", "total of jcmd <pid> GC.class_histogram (a full GC, then the bytes of every live object)")
          .put("rss", "VmRSS of the node's JVM from /proc/<pid>/status, read right after that GC; heap pre-touched")
          .put("native", "committed KiB by category from jcmd <pid> VM.native_memory summary (with -XX:NativeMemoryTracking=summary)"))
        .put("shape", new JsonObject().put("groupSize", shape.groupSize()).put("groups", users.groups())
          .put("pingSeconds", shape.pingSeconds()).put("sourceAddresses", shape.sourceAddresses())
          .put("settleSeconds", shape.settleSeconds()))
        .put("nodeConnectionCap", node.connectionCap()).put("budget", budget)
        .put("baseline", new JsonObject().put("liveHeapBytes", baseline.heap().bytes()).put("rssBytes", baseline.rssBytes())
          .put("openFiles", baseline.openFiles()))
        .put("steps", new JsonArray(steps))
        .put("topClassesPerConnection", new JsonObject().put("connections", most).put("classes", classes(growth, most)))
        .put("hold", hold);
    } finally {
      http.close();
    }
  }

  private static JsonObject step(int count, MemorySnapshot baseline, MemorySnapshot previous, MemorySnapshot now, double cores,
                                 int added) {
    JsonObject step = new JsonObject().put("connections", count)
      .put("authenticatedUsers", now.gauges().users()).put("nodeConnections", now.gauges().connections())
      .put("connectionObjects", now.heap().instancesOf(CONNECTION_CLASS) - baseline.heap().instancesOf(CONNECTION_CLASS))
      .put("liveHeapBytes", now.heap().bytes()).put("rssBytes", now.rssBytes()).put("openFiles", now.openFiles())
      .put("heapBytesPerConnection", round(now.heapPerConnection(baseline, count)))
      .put("rssBytesPerConnection", round(now.rssPerConnection(baseline, count)))
      .put("serverCores", round(cores))
      .put("nativeBytesPerConnection", new JsonObject(new java.util.TreeMap<>(
        NativeMemory.growthPerConnection(baseline.nativeKiB(), now.nativeKiB(), count))));
    if (added > 0) {
      step.put("marginalHeapBytesPerConnection", round(now.heapPerConnection(previous, added)))
        .put("marginalRssBytesPerConnection", round(now.rssPerConnection(previous, added)));
    }
    log.info("{} connections ({} authenticated users): live heap +{} KiB, RSS +{} KiB per connection{}; server {} cores idle; {} open files",
      count, now.gauges().users(), kib(step.getDouble("heapBytesPerConnection")), kib(step.getDouble("rssBytesPerConnection")),
      added > 0 ? String.format(" (the last %d: heap +%s KiB, RSS +%s KiB each)", added,
        kib(step.getDouble("marginalHeapBytesPerConnection")), kib(step.getDouble("marginalRssBytesPerConnection"))) : "",
      String.format("%.3f", cores), now.openFiles());
    if (!step.getJsonObject("nativeBytesPerConnection").isEmpty()) {
      log.info("  native memory the JVM committed, bytes per connection: {}", step.getJsonObject("nativeBytesPerConnection").encode());
    }
    return step;
  }

  /** Holds every connection idle, sampling heap and RSS, and counts the sockets that closed meanwhile. */
  private static JsonObject hold(ServerProcess node, RealtimeGauges gauges, WebClient http, DeviceFleet fleet,
                                 MemorySnapshot baseline, int count, Shape shape) throws Exception {
    long closesBefore = fleet.closes();
    long start = System.nanoTime();
    List<JsonObject> samples = new ArrayList<>();
    do {
      Thread.sleep(Math.min(shape.sampleSeconds(), Math.max(1, shape.holdSeconds())) * 1_000L);
      MemorySnapshot now = MemorySnapshot.take(node, gauges, http);
      long seconds = Math.round((System.nanoTime() - start) / 1e9);
      samples.add(new JsonObject().put("seconds", seconds).put("authenticatedUsers", now.gauges().users())
        .put("heapBytesPerConnection", round(now.heapPerConnection(baseline, count)))
        .put("rssBytesPerConnection", round(now.rssPerConnection(baseline, count))).put("openFiles", now.openFiles()));
      log.info("held {} s: {} users; live heap +{} KiB, RSS +{} KiB per connection", seconds, now.gauges().users(),
        kib(now.heapPerConnection(baseline, count)), kib(now.rssPerConnection(baseline, count)));
    } while (System.nanoTime() - start < shape.holdSeconds() * 1_000_000_000L);
    JsonObject first = samples.get(0);
    JsonObject last = samples.get(samples.size() - 1);
    return new JsonObject().put("seconds", last.getLong("seconds")).put("connections", count)
      .put("closedMeanwhile", fleet.closes() - closesBefore)
      .put("heapDriftBytesPerConnection", round(last.getDouble("heapBytesPerConnection") - first.getDouble("heapBytesPerConnection")))
      .put("rssDriftBytesPerConnection", round(last.getDouble("rssBytesPerConnection") - first.getDouble("rssBytesPerConnection")))
      .put("samples", new JsonArray(samples));
  }

  private static void awaitUsers(RealtimeGauges gauges, WebClient http, ServerProcess node, int count) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (gauges.read(http, node.httpPort()).await().users() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  /** The cores the node and its backends use over {@code seconds}, every connection idle. */
  private static double serverCores(ServerProcess node, int seconds) throws Exception {
    double before = node.cpuSeconds();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    return (node.cpuSeconds() - before) / ((System.nanoTime() - start) / 1e9);
  }

  private static JsonArray classes(List<HeapHistogram.Growth> growth, int connections) {
    JsonArray classes = new JsonArray();
    for (HeapHistogram.Growth grown : growth) {
      classes.add(new JsonObject().put("class", grown.className())
        .put("instancesPerConnection", round(grown.instances() / (double) connections))
        .put("bytesPerConnection", round(grown.bytes() / (double) connections)));
      log.info("  {} B per connection ({} instances): {}", String.format("%8.1f", grown.bytes() / (double) connections),
        String.format("%.2f", grown.instances() / (double) connections), grown.className());
    }
    return classes;
  }

  private static String mib(long bytes) {
    return String.format("%.1f", bytes / 1024.0 / 1024.0);
  }

  private static String kib(double bytes) {
    return String.format("%.2f", bytes / 1024.0);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
