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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable sends over the bridge, against load: {@code groups} groups of {@code members} devices,
 * all connected to one node (its own process, with its embedded backends); one sender per group;
 * sends spread evenly over the groups at each rate of {@code rates}, open loop (the schedule does
 * not wait for the server). Every acknowledgement is a committed message. For each rate: the rate
 * achieved, send-to-ack percentiles, and the server's CPU per send (node JVM with its embedded
 * Kafka, plus PostgreSQL and Redis). A warm-up at the first rate is run first and not reported.
 *
 * <pre>
 * java -cp … io.parley.bench.DurableSendBenchmark   (-Dgroups=250 -Dmembers=4 -Drates=1000,2000 -Dseconds=10 -Dwarmup=30)
 * </pre>
 */
public final class DurableSendBenchmark {

  private static final Logger log = LoggerFactory.getLogger(DurableSendBenchmark.class);

  /** One rate's figures. */
  record Step(int rate, long acknowledged, double achieved, double p50, double p95, double p99, double max, double serverCpuMsPerSend,
              double nodeCpuMsPerSend, double deliveriesPerSecond, long refusals, long unanswered) {

    JsonObject toJson() {
      return new JsonObject().put("rate", rate).put("acknowledged", acknowledged).put("achievedPerSecond", round(achieved))
        .put("ackMillis", new JsonObject().put("p50", p50).put("p95", p95).put("p99", p99).put("max", max))
        .put("serverCpuMsPerSend", round(serverCpuMsPerSend)).put("nodeJvmCpuMsPerSend", round(nodeCpuMsPerSend))
        .put("deliveriesPerSecond", round(deliveriesPerSecond)).put("refusals", refusals).put("unanswered", unanswered);
    }
  }

  /**
   * The size of a run: its groups, their size, how many members of each send, the rates tried,
   * seconds per rate, seconds of warm-up. One group with many senders is the busy group.
   */
  record Shape(int groups, int members, int senders, int[] rates, int seconds, int warmup) {

    static Shape fromProperties() {
      return new Shape(Integer.getInteger("groups", 250), Integer.getInteger("members", 4), Integer.getInteger("senders", 1),
        rates("rates", "500,1000,2000,3000,4000,5000"), Integer.getInteger("seconds", 10), Integer.getInteger("warmup", 30));
    }

    /** Issue 15's busy group: one group of 32, every member sending. */
    static Shape busyGroupFromProperties() {
      return new Shape(1, 32, 32, rates("busyRates", "500,1000,2000,3000"), Integer.getInteger("seconds", 10),
        Integer.getInteger("warmup", 30));
    }

    private static int[] rates(String property, String fallback) {
      return Arrays.stream(System.getProperty(property, fallback).split(",")).mapToInt(rate -> Integer.parseInt(rate.trim())).toArray();
    }
  }

  public static void main(String[] args) throws Exception {
    write("durable-sends", Shape.fromProperties());
  }

  /** The busy group alone: {@code results/busy-group.json}. */
  static void busyGroup() throws Exception {
    write("busy-group", Shape.busyGroupFromProperties());
  }

  private static void write(String scenario, Shape shape) throws Exception {
    Results.write(ServerProcess.kafkaApart() ? scenario + "-kafka-apart" : scenario, run(scenario, shape));
  }

  /** Runs {@code shape} against a node of its own; the figures of {@code scenario} as {@code Results} keeps them. */
  static JsonObject run(String scenario, Shape shape) throws Exception {
    Path work = Files.createTempDirectory("parley-durable-sends-");
    Vertx vertx = Vertx.vertx();
    try (ServerProcess server = ServerProcess.start(vertx, work, ServerJvm.options(), Map.of())) {
      Fixture fixture = Fixture.create(vertx, server, shape.groups(), shape.members(), shape.senders());
      double idleCores = idleCores(server);
      List<Step> steps = new ArrayList<>();
      if (shape.warmup() > 0) {
        run(fixture, server, shape.rates()[0], shape.warmup(), "warm-up");
      }
      for (int rate : shape.rates()) {
        Step step = run(fixture, server, rate, shape.seconds(), rate + " sends/s");
        steps.add(step);
        if (step.p99() > 2_000) {
          log.info("p99 above 2 s: the node is saturated; higher rates are not run");
          break;
        }
      }
      fixture.close();
      return new JsonObject().put("scenario", scenario).put("machine", Machine.describe())
        .put("serverIdleCores", round(idleCores))
        .put("kafka", ServerProcess.kafkaApart() ? "in a process of its own" : "inside the node's JVM")
        .put("shape", new JsonObject().put("groups", shape.groups()).put("members", shape.members()).put("sendersPerGroup", shape.senders())
          .put("secondsPerRate", shape.seconds()).put("warmupSeconds", shape.warmup()))
        .put("steps", new JsonArray(steps.stream().map(Step::toJson).toList()));
    } finally {
      vertx.close().await();
    }
  }

  /**
   * The cores the node and its backends use with every device connected and nothing sent: the
   * floor under every step's CPU per send (timers, pollers, the embedded Kafka's own work).
   */
  private static double idleCores(ServerProcess server) throws Exception {
    Thread.sleep(2_000);
    double before = server.cpuSeconds();
    long start = System.nanoTime();
    Thread.sleep(5_000);
    double cores = (server.cpuSeconds() - before) / ((System.nanoTime() - start) / 1e9);
    log.info("Idle, every device connected: the server uses {} cores", String.format("%.3f", cores));
    return cores;
  }

  private static Step run(Fixture fixture, ServerProcess server, int rate, int seconds, String name) throws Exception {
    Latencies acks = new Latencies();
    fixture.senders.forEach(sender -> sender.timeAcksInto(acks));
    long deliveriesBefore = fixture.counts.deliveries().sum();
    long refusalsBefore = fixture.counts.refusals().sum();
    double cpuBefore = server.cpuSeconds();
    double nodeCpuBefore = server.jvmCpuSeconds();
    long start = System.nanoTime();
    OpenLoop.send(fixture.chats, fixture.senders, rate, seconds);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpu = server.cpuSeconds() - cpuBefore;
    double nodeCpu = server.jvmCpuSeconds() - nodeCpuBefore;
    long acknowledged = acks.count();
    Step step = new Step(rate, acknowledged, acknowledged / elapsed, acks.millisAt(0.50), acks.millisAt(0.95), acks.millisAt(0.99),
      acks.millisAt(1), 1000 * cpu / Math.max(1, acknowledged), 1000 * nodeCpu / Math.max(1, acknowledged),
      (fixture.counts.deliveries().sum() - deliveriesBefore) / elapsed, fixture.counts.refusals().sum() - refusalsBefore,
      fixture.inFlight());
    log.info("{}: {} acknowledged in {} s = {}/s; send-to-ack {}; server CPU {} ms per send (node JVM {}); {} deliveries/s; {} refused, {} unanswered",
      name, acknowledged, String.format("%.1f", elapsed), String.format("%.0f", step.achieved()), acks.summary(),
      String.format("%.3f", step.serverCpuMsPerSend()), String.format("%.3f", step.nodeCpuMsPerSend()),
      String.format("%.0f", step.deliveriesPerSecond()), step.refusals(), step.unanswered());
    fixture.forgetUnanswered();
    return step;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The users, groups and connected devices of a run; sender {@code i} sends into {@code chats[i]}. */
  private static final class Fixture {
    final List<String> chats = new ArrayList<>();
    final List<BridgeDevice> senders = new ArrayList<>();
    final List<BridgeDevice> devices = new ArrayList<>();
    final BridgeDevice.Counts counts = new BridgeDevice.Counts();
    private final WebSocketClient sockets;

    private Fixture(WebSocketClient sockets) {
      this.sockets = sockets;
    }

    static Fixture create(Vertx vertx, ServerProcess server, int groups, int members, int senders) throws Exception {
      Pool pool = server.postgres(vertx);
      List<String> users = BenchNode.insertUsers(pool, groups * members, "ds");
      pool.close().await();
      JWTAuth tokens = server.tokens(vertx);
      WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(16));
      Fixture fixture = new Fixture(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)));
      List<Future<?>> created = new ArrayList<>();
      String[] chatIds = new String[groups];
      for (int g = 0; g < groups; g++) {
        int group = g;
        List<String> people = users.subList(g * members, (g + 1) * members);
        created.add(ParleyChats.create(http, server.httpPort(), ServerProcess.token(tokens, people.get(0)), "group", "bench " + g,
            people.subList(1, people.size()))
          .map(chatId -> chatIds[group] = chatId));
      }
      Future.all(created).await();
      http.close();
      for (int g = 0; g < groups; g++) {
        List<Future<BridgeDevice>> connected = new ArrayList<>();
        for (int m = 0; m < members; m++) {
          connected.add(BridgeDevice.connect(fixture.sockets, server.httpPort(),
            ServerProcess.token(tokens, users.get(g * members + m)), fixture.counts));
        }
        Future.all(connected).await();
        connected.forEach(device -> fixture.devices.add(device.result()));
        for (int m = 0; m < Math.min(senders, members); m++) {
          fixture.senders.add(connected.get(m).result());
          fixture.chats.add(chatIds[g]);
        }
      }
      log.info("{} devices connected in {} groups of {}, {} sending", fixture.devices.size(), groups, members, fixture.senders.size());
      return fixture;
    }

    int inFlight() {
      return senders.stream().mapToInt(BridgeDevice::inFlight).sum();
    }

    void forgetUnanswered() {
      senders.forEach(BridgeDevice::forgetUnanswered);
    }

    void close() {
      devices.forEach(BridgeDevice::close);
    }
  }
}
