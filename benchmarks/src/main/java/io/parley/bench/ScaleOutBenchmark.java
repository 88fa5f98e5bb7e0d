package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out over one, two and three gateway nodes. Node A runs every role with the embedded
 * backends; two peers run only a gateway on A's backends; all three are clustered. The same users
 * and groups ({@code groups} of {@code members}, one sender per group) connect, for each step, to
 * the first 1, 2 or 3 gateway nodes, each device to one picked at random (seeded, so every run
 * places them alike), and the same sends run at {@code rate} for {@code seconds}, after a warm-up.
 *
 * <p>Per step and per node: its CPU (a peer's JVM; A with its PostgreSQL and Redis, so A also
 * carries the chat service and the database), the deliveries to its devices, and the chat events
 * it received, from its own {@code parley_realtime_chat_events_total} (absent from builds before
 * that counter, {@code -Dparley.jar} to measure one). A peer holding no device shows what the
 * others' traffic costs it; peers holding devices show the gateway work per delivery.
 *
 * <pre>
 * java -cp … io.parley.bench.ScaleOutBenchmark   (-Dgroups=50 -Dmembers=20 -Drate=400 -Dseconds=15 -Dwarmup=20)
 * </pre>
 */
public final class ScaleOutBenchmark {

  private static final Logger log = LoggerFactory.getLogger(ScaleOutBenchmark.class);
  private static final Pattern CHAT_EVENTS = Pattern.compile("(?m)^parley_realtime_chat_events_total\\{[^}]*route=\"(\\w+)\"[^}]*} ([0-9.eE+-]+)$");
  private static final int GATEWAYS = 3;

  /**
   * The size of a run, and how long to wait after a step's devices leave: past the nodes' presence
   * grace (5 s by default), a node forgets the departed users and withdraws its claims on their chats.
   */
  record Shape(int groups, int members, int rate, int seconds, int warmup, long departureMillis) {

    static Shape fromProperties() {
      return new Shape(Integer.getInteger("groups", 50), Integer.getInteger("members", 20), Integer.getInteger("rate", 400),
        Integer.getInteger("seconds", 15), Integer.getInteger("warmup", 20), Long.getLong("departure.ms", 6_000));
    }
  }

  /** One gateway node's share of a step. */
  record NodeShare(String node, int devices, double cores, double deliveriesPerSecond, double chatEventsPerSecond) {

    JsonObject toJson() {
      return new JsonObject().put("node", node).put("devices", devices).put("cores", round(cores))
        .put("deliveriesPerSecond", round(deliveriesPerSecond)).put("chatEventsReceivedPerSecond", round(chatEventsPerSecond))
        .put("deliveriesPerCpuSecond", cores > 0.005 ? Math.round(deliveriesPerSecond / cores) : null);
    }
  }

  public static void main(String[] args) throws Exception {
    Results.write("scale-out", run(Shape.fromProperties()));
  }

  /** Starts node A and its peers, runs {@code shape}, and stops them. */
  static JsonObject run(Shape shape) throws Exception {
    Path work = Files.createTempDirectory("parley-scale-out-");
    Vertx vertx = Vertx.vertx();
    RealtimeGauges gauges = new RealtimeGauges();
    ClusteredPair cluster = new ClusteredPair(GATEWAYS - 1);
    List<ServerProcess> nodes = new ArrayList<>();
    try {
      ServerProcess a = cluster.startNode(vertx, work, ServerJvm.options(), gauges.environment());
      nodes.add(a);
      for (int peer = 0; peer < GATEWAYS - 1; peer++) {
        nodes.add(cluster.startPeer(vertx, work, ServerJvm.options(), gauges.environment(), a, peer));
      }
      return run(vertx, nodes, gauges, shape);
    } finally {
      for (ServerProcess node : nodes) {
        node.close();
      }
      vertx.close().await();
    }
  }

  /**
   * Runs {@code shape} on running nodes: the first has every role, the others only a gateway;
   * one step per count of gateway nodes holding devices, from 1 to all of them.
   */
  static JsonObject run(Vertx vertx, List<ServerProcess> nodes, RealtimeGauges gauges, Shape shape) throws Exception {
    Fixture fixture = Fixture.create(vertx, nodes.get(0), shape, nodes.size());
    WebClient http = WebClient.create(vertx);
    try {
      if (shape.warmup() > 0) {
        fixture.connect(nodes, nodes.size());
        step(fixture, nodes, http, gauges, shape.rate(), shape.warmup(), "warm-up");
        fixture.disconnect();
      }
      List<JsonObject> steps = new ArrayList<>();
      for (int gateways = 1; gateways <= nodes.size(); gateways++) {
        fixture.connect(nodes, gateways);
        Thread.sleep(2_000);
        steps.add(step(fixture, nodes, http, gauges, shape.rate(), shape.seconds(), gateways + " gateway node(s)")
          .put("gatewaysWithDevices", gateways));
        fixture.disconnect();
      }
      return new JsonObject().put("scenario", "scale-out").put("machine", Machine.describe())
        .put("build", System.getProperty("parley.jar", "this checkout"))
        .put("shape", new JsonObject().put("groups", shape.groups()).put("members", shape.members()).put("rate", shape.rate())
          .put("secondsPerStep", shape.seconds()).put("warmupSeconds", shape.warmup()))
        .put("steps", new JsonArray(steps));
    } finally {
      http.close();
    }
  }

  private static JsonObject step(Fixture fixture, List<ServerProcess> nodes, WebClient http, RealtimeGauges gauges,
                                 int rate, int seconds, String name) throws Exception {
    Latencies acks = new Latencies();
    fixture.senders.forEach(sender -> sender.timeAcksInto(acks));
    long[] deliveriesBefore = fixture.deliveriesByNode();
    double[] cpuBefore = cpu(nodes);
    double[] eventsBefore = chatEvents(nodes, http, gauges);
    long start = System.nanoTime();
    OpenLoop.send(fixture.chats, fixture.senders, rate, seconds);
    // Deliveries trail their acks by a little: let the last ones land inside the window.
    Thread.sleep(500);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double[] cpuAfter = cpu(nodes);
    double[] eventsAfter = chatEvents(nodes, http, gauges);
    long[] deliveriesAfter = fixture.deliveriesByNode();
    List<NodeShare> shares = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      shares.add(new NodeShare(n == 0 ? "A (every role, with PostgreSQL and Redis)" : "peer " + n + " (gateway only)",
        fixture.devicesOn(n), (cpuAfter[n] - cpuBefore[n]) / elapsed, (deliveriesAfter[n] - deliveriesBefore[n]) / elapsed,
        eventsBefore[n] < 0 ? -1 : (eventsAfter[n] - eventsBefore[n]) / elapsed));
    }
    long acknowledged = acks.count();
    log.info("{}: {} acknowledged = {}/s; send-to-ack {}", name, acknowledged, String.format("%.0f", acknowledged / elapsed),
      acks.summary());
    shares.forEach(share -> log.info("  {}: {} devices, {} cores, {} deliveries/s, {} chat events received/s", share.node(),
      share.devices(), String.format("%.3f", share.cores()), String.format("%.0f", share.deliveriesPerSecond()),
      String.format("%.0f", share.chatEventsPerSecond())));
    fixture.forgetUnanswered();
    return new JsonObject().put("acknowledged", acknowledged).put("achievedPerSecond", round(acknowledged / elapsed))
      .put("ackMillis", new JsonObject().put("p50", acks.millisAt(0.50)).put("p99", acks.millisAt(0.99)))
      .put("nodes", new JsonArray(shares.stream().map(NodeShare::toJson).toList()));
  }

  /** A's CPU with its backends (it runs the chat service and the database too); each peer's JVM. */
  private static double[] cpu(List<ServerProcess> nodes) throws Exception {
    double[] seconds = new double[nodes.size()];
    for (int n = 0; n < nodes.size(); n++) {
      seconds[n] = n == 0 ? nodes.get(n).cpuSeconds() : nodes.get(n).jvmCpuSeconds();
    }
    return seconds;
  }

  /** Each node's chat events received so far (every route), or -1 when its build does not count them. */
  private static double[] chatEvents(List<ServerProcess> nodes, WebClient http, RealtimeGauges gauges) {
    double[] counts = new double[nodes.size()];
    for (int n = 0; n < nodes.size(); n++) {
      String text = http.get(nodes.get(n).httpPort(), "127.0.0.1", "/metrics").putHeader("Authorization", gauges.authorization())
        .send().await().bodyAsString();
      Matcher line = CHAT_EVENTS.matcher(text);
      double total = -1;
      while (line.find()) {
        total = Math.max(total, 0) + Double.parseDouble(line.group(2));
      }
      counts[n] = total;
    }
    return counts;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The users and groups of a run, and the devices of the step under way. */
  private static final class Fixture {
    final List<String> chats = new ArrayList<>();
    final List<BridgeDevice> senders = new ArrayList<>();
    private final List<BridgeDevice> devices = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<BridgeDevice.Counts> counts = new ArrayList<>();
    private final int[] devicesOnNode;
    private final Shape shape;
    private final WebSocketClient sockets;

    private Fixture(Shape shape, WebSocketClient sockets, int nodes) {
      this.shape = shape;
      this.sockets = sockets;
      this.devicesOnNode = new int[nodes];
      for (int n = 0; n < nodes; n++) {
        counts.add(new BridgeDevice.Counts());
      }
    }

    static Fixture create(Vertx vertx, ServerProcess server, Shape shape, int nodes) throws Exception {
      Pool pool = server.postgres(vertx);
      List<String> users = BenchNode.insertUsers(pool, shape.groups() * shape.members(), "so");
      pool.close().await();
      JWTAuth keys = server.tokens(vertx);
      Fixture fixture = new Fixture(shape, vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)), nodes);
      users.forEach(user -> fixture.tokens.add(ServerProcess.token(keys, user)));
      WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(16));
      List<Future<?>> created = new ArrayList<>();
      String[] chatIds = new String[shape.groups()];
      for (int g = 0; g < shape.groups(); g++) {
        int group = g;
        List<String> people = users.subList(g * shape.members(), (g + 1) * shape.members());
        created.add(ParleyChats.create(http, server.httpPort(), fixture.tokens.get(g * shape.members()), "group", "scale " + g,
          people.subList(1, people.size())).map(chatId -> chatIds[group] = chatId));
      }
      Future.all(created).await();
      http.close();
      fixture.chats.addAll(Arrays.asList(chatIds));
      return fixture;
    }

    /** Connects every device to one of the first {@code gateways} nodes, picked at random (seeded). */
    void connect(List<ServerProcess> nodes, int gateways) {
      Random placement = new Random(15);
      Arrays.fill(devicesOnNode, 0);
      for (int g = 0; g < shape.groups(); g++) {
        List<Future<BridgeDevice>> connected = new ArrayList<>();
        for (int m = 0; m < shape.members(); m++) {
          int node = placement.nextInt(gateways);
          devicesOnNode[node]++;
          connected.add(BridgeDevice.connect(sockets, nodes.get(node).httpPort(), tokens.get(g * shape.members() + m),
            counts.get(node)));
        }
        Future.all(connected).await();
        connected.forEach(device -> devices.add(device.result()));
        senders.add(connected.get(0).result());
      }
      log.info("{} devices connected to {} gateway node(s): {}", devices.size(), gateways, Arrays.toString(devicesOnNode));
    }

    void disconnect() throws InterruptedException {
      devices.forEach(BridgeDevice::close);
      devices.clear();
      senders.clear();
      Thread.sleep(shape.departureMillis());
    }

    int devicesOn(int node) {
      return devicesOnNode[node];
    }

    long[] deliveriesByNode() {
      return counts.stream().mapToLong(count -> count.deliveries().sum()).toArray();
    }

    void forgetUnanswered() {
      senders.forEach(BridgeDevice::forgetUnanswered);
    }
  }
}
