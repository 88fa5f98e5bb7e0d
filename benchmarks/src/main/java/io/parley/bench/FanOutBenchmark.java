package io.parley.bench;

import io.parley.bench.FanOutServer.Room;
import io.parley.bench.FanOutServer.RoomLayout;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out, Parley beside two peers in one run, with the same rooms, clients and rates: a minimal
 * Vert.x WebSocket broadcast server (the ceiling on this machine, {@link BaselineServer}) and
 * Socket.IO on Node ({@code benchmarks/peers/socketio}), neither with auth or storage. Each server
 * runs alone in processes of its own, one after the other, so that its CPU is counted alone.
 * Two scenarios: {@code groups} groups of {@code groupSize} ({@code groupRates} sends a second,
 * spread over the groups), and one channel of {@code channelMembers} ({@code channelRates}).
 * Every member receives every message of its room, the sender too. Per server, scenario and rate:
 * deliveries a second, send-to-receive latency at each receiver, the server's CPU and deliveries
 * per server CPU-second, and loss. A warm-up at each scenario's first rate is not reported.
 *
 * <pre>
 * java -cp … io.parley.bench.FanOutBenchmark   (-DgroupRates=250,500,1000 -DchannelRates=100,200,300 -Dseconds=10 -Dwarmup=20
 *   -Dgroups=50 -DgroupSize=20 -DchannelMembers=1000 -Didle=5 -Dservers=parley,vertx-baseline,socketio)
 * </pre>
 */
public final class FanOutBenchmark {

  private static final Logger log = LoggerFactory.getLogger(FanOutBenchmark.class);
  /** Sends a second one client makes at most: Parley's bridge lets a connection send 20 frames a second. */
  private static final int SENDS_PER_SENDER = 10;

  /** The size of a run. {@code serverJvm} are the JVM options of the Java servers (Parley's node, the baseline). */
  record Shape(int groups, int groupSize, int[] groupRates, int channelMembers, int[] channelRates, int seconds, int warmup,
               int idleSeconds, List<String> servers, List<String> serverJvm) {

    static Shape fromProperties() {
      return new Shape(Integer.getInteger("groups", 50), Integer.getInteger("groupSize", 20), rates("groupRates", "500"),
        Integer.getInteger("channelMembers", 1000), rates("channelRates", "100"), Integer.getInteger("seconds", 10),
        Integer.getInteger("warmup", 20), Integer.getInteger("idle", 5),
        List.of(System.getProperty("servers", "parley,vertx-baseline,socketio").split(",")), ServerJvm.options());
    }

    private static int[] rates(String property, String fallback) {
      return Arrays.stream(System.getProperty(property, fallback).split(",")).mapToInt(rate -> Integer.parseInt(rate.trim())).toArray();
    }

    List<Scenario> scenarios() {
      List<Scenario> scenarios = new ArrayList<>();
      if (groups > 0) {
        scenarios.add(new Scenario(layout("groups", "group", groups, groupSize, groupRates), groupRates));
      }
      if (channelMembers > 0) {
        scenarios.add(new Scenario(layout("channel", "channel", 1, channelMembers, channelRates), channelRates));
      }
      return scenarios;
    }

    /** Enough senders in each room that none sends more than {@link #SENDS_PER_SENDER} a second at the highest rate. */
    private static RoomLayout layout(String scenario, String chatType, int rooms, int members, int[] rates) {
      int highest = Arrays.stream(rates).max().orElse(1);
      int senders = Math.min(members, Math.max(1, (int) Math.ceil(highest / (double) rooms / SENDS_PER_SENDER)));
      return new RoomLayout(scenario, chatType, rooms, members, senders);
    }

    JsonObject toJson() {
      return new JsonObject().put("groups", groups).put("groupSize", groupSize).put("groupRates", new JsonArray(Arrays.stream(groupRates).boxed().toList()))
        .put("channelMembers", channelMembers).put("channelRates", new JsonArray(Arrays.stream(channelRates).boxed().toList()))
        .put("secondsPerRate", seconds).put("warmupSeconds", warmup).put("idleSeconds", idleSeconds)
        .put("serverJvm", new JsonArray(serverJvm));
    }
  }

  /** A scenario: where the clients are, and the rates tried. */
  record Scenario(RoomLayout layout, int[] rates) {
  }

  public static void main(String[] args) throws Exception {
    Results.write("fan-out", run(Shape.fromProperties()));
  }

  /** Runs {@code shape} against each server in turn; the figures as {@link Results} keeps them. */
  static JsonObject run(Shape shape) throws Exception {
    Path work = Files.createTempDirectory("parley-fan-out-");
    String loadBefore = loadAverage();
    Vertx vertx = Vertx.vertx();
    // npm ci takes seconds: it runs while Parley's node starts, and is over before anything is measured.
    CompletableFuture<Path> socketIo = shape.servers().contains("socketio")
      ? CompletableFuture.supplyAsync(FanOutBenchmark::installSocketIo, FanOutBenchmark::inItsOwnThread) : null;
    JsonArray servers = new JsonArray();
    // A server stops while the next one starts; it has stopped before the next is measured.
    CompletableFuture<Void> stopping = CompletableFuture.completedFuture(null);
    try {
      for (String name : shape.servers()) {
        FanOutServer server;
        try {
          server = start(name, shape, vertx, work, socketIo);
        } catch (FanOutServer.Unavailable unavailable) {
          log.warn("{} is skipped: {}", name, unavailable.getMessage());
          servers.add(new JsonObject().put("server", name).put("skipped", unavailable.getMessage()));
          continue;
        }
        try {
          // Nothing of the run's own (a server stopping, npm) works while a server is measured.
          stopping.join();
          if (socketIo != null) {
            socketIo.handle((installed, failed) -> installed).join();
          }
          servers.add(measure(server, shape));
        } catch (Exception failed) {
          log.warn("{} failed; the run goes on without it", name, failed);
          servers.add(new JsonObject().put("server", name).put("failed", String.valueOf(failed.getMessage())));
        } finally {
          stopping = CompletableFuture.runAsync(() -> stop(server), FanOutBenchmark::inItsOwnThread);
        }
      }
    } finally {
      stopping.join();
      vertx.close().await();
    }
    // The node's data and the servers' logs are kept when something failed or was lost, to look into.
    if (failedOrLost(servers)) {
      log.warn("A server failed or lost deliveries: the servers' data and logs are kept in {}", work);
    } else {
      deleteTree(work);
    }
    JsonObject result = new JsonObject().put("scenario", "fan-out").put("machine", Machine.describe()).put("shape", shape.toJson())
      .put("loadAverage", new JsonObject().put("atStart", loadBefore).put("atEnd", loadAverage()))
      .put("layouts", new JsonArray(shape.scenarios().stream().map(scenario -> scenario.layout().toJson()).toList()))
      .put("servers", servers);
    FanOutTable.log(result);
    return result;
  }

  /** The machine's 1, 5 and 15 minute load averages: how much else ran beside the run. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException notLinux) {
      return "unknown";
    }
  }

  private static boolean failedOrLost(JsonArray servers) {
    return servers.stream().map(JsonObject.class::cast).anyMatch(server -> server.containsKey("failed"))
      || servers.stream().map(JsonObject.class::cast)
      .flatMap(server -> server.fieldNames().stream().map(server::getValue).filter(JsonObject.class::isInstance).map(JsonObject.class::cast))
      .flatMap(scenario -> scenario.getJsonArray("steps", new JsonArray()).stream().map(JsonObject.class::cast))
      .anyMatch(step -> step.getLong("lost") > 0);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Background work that blocks (an install, a server stopping) gets a thread of its own, not a common pool's. */
  private static void inItsOwnThread(Runnable work) {
    new Thread(work, "fan-out-background").start();
  }

  private static Path installSocketIo() {
    try {
      return SocketIoFanOut.install();
    } catch (FanOutServer.Unavailable unavailable) {
      throw new CompletionException(unavailable);
    }
  }

  private static JsonObject measure(FanOutServer server, Shape shape) throws Exception {
    JsonObject entry = new JsonObject().put("server", server.name()).put("description", server.description());
    for (Scenario scenario : shape.scenarios()) {
      entry.put(scenario.layout().scenario(), measure(server, scenario, shape));
    }
    return entry;
  }

  private static void stop(FanOutServer server) {
    try {
      server.close();
    } catch (Exception failed) {
      throw new CompletionException(failed);
    }
  }

  private static FanOutServer start(String name, Shape shape, Vertx vertx, Path work, CompletableFuture<Path> socketIo) throws Exception {
    return switch (name) {
      case "parley" -> ParleyFanOut.start(vertx, work, shape.serverJvm());
      case "vertx-baseline" -> BaselineFanOut.start(vertx, work, shape.serverJvm());
      case "socketio" -> {
        try {
          yield SocketIoFanOut.start(vertx, socketIo.join());
        } catch (CompletionException failed) {
          if (failed.getCause() instanceof FanOutServer.Unavailable unavailable) {
            throw unavailable;
          }
          throw failed;
        }
      }
      default -> throw new IllegalArgumentException("No server " + name + ": parley, vertx-baseline or socketio");
    };
  }

  /** One scenario on one server: its clients connect, idle, warm up, and go through the rates. */
  private static JsonObject measure(FanOutServer server, Scenario scenario, Shape shape) throws Exception {
    RoomLayout layout = scenario.layout();
    Deliveries deliveries = new Deliveries();
    List<Room> rooms = server.connect(layout, deliveries);
    awaitQuiet(deliveries);
    JsonObject result = new JsonObject();
    if (shape.idleSeconds() > 0) {
      double before = server.cpuSeconds();
      long start = System.nanoTime();
      Thread.sleep(shape.idleSeconds() * 1000L);
      double cores = (server.cpuSeconds() - before) / ((System.nanoTime() - start) / 1e9);
      log.info("{} {}: idle with {} clients connected, the server uses {} cores", server.name(), layout.scenario(), layout.clients(),
        String.format("%.3f", cores));
      result.put("idleCores", Math.round(cores * 1000) / 1000.0);
    }
    int step = 0;
    if (shape.warmup() > 0) {
      FanOutStep warmup = FanOutStep.run(server, rooms, deliveries, scenario.rates()[0], shape.warmup(), step++);
      log.info("{} {} warm-up at {} sends/s: {}", server.name(), layout.scenario(), scenario.rates()[0], warmup.summary());
    }
    JsonArray steps = new JsonArray();
    for (int rate : scenario.rates()) {
      if (step > 0) {
        // What the step before left on its way (a saturated server's backlog) is not this step's.
        awaitQuiet(deliveries);
      }
      FanOutStep measured = FanOutStep.run(server, rooms, deliveries, rate, shape.seconds(), step++);
      log.info("{} {} at {} sends/s: {}", server.name(), layout.scenario(), rate, measured.summary());
      steps.add(measured.toJson());
      if (measured.saturated()) {
        log.info("{} {}: saturated at {} sends/s; higher rates are not run", server.name(), layout.scenario(), rate);
        break;
      }
    }
    server.disconnect();
    return result.put("steps", steps);
  }

  /** Waits until no client receives anything for half a second: the frames of everyone connecting (presence) are over. */
  private static void awaitQuiet(Deliveries deliveries) throws InterruptedException {
    long until = System.nanoTime() + 120_000_000_000L;
    long seen;
    do {
      seen = deliveries.frames();
      Thread.sleep(500);
    } while (deliveries.frames() != seen && System.nanoTime() < until);
  }
}
