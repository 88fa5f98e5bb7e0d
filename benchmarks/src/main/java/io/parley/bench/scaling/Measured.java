package io.parley.bench.scaling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-operation costs the plan is built on, each read from a benchmark's result in
 * {@code benchmarks/results}, with where it came from. A figure whose result is absent is missing,
 * and says so; the plan never makes one up.
 */
public record Measured(Figure serverCpuMsPerSend, Figure nodeCpuMsPerSend, Figure heapBytesPerConnection,
                       Figure rssBytesPerConnection, Figure idleCoresPer10kConnections, Figure nodeCpuMsPerConnect,
                       Figure backendCpuMsPerConnect, Figure peerCpuMsPerConnect, Figure deliveriesPerCoreSecond) {

  /** One measured figure, or the reason there is none. */
  public record Figure(String name, Double value, String unit, String source) {

    static Figure missing(String name, String unit, String why) {
      return new Figure(name, null, unit, why);
    }

    boolean known() {
      return value != null;
    }
  }

  private static final String ABSENT = "no result in benchmarks/results";
  /** Idle connections per figure of {@link #idleCoresPer10kConnections}: per connection it would print as zero. */
  static final double IDLE_UNIT = 10_000;

  /** Reads every result in {@code directory}. */
  public static Measured read(Path directory) throws IOException {
    JsonObject sends = load(directory, "durable-sends");
    JsonObject idle = load(directory, "idle-connections");
    JsonObject storm = load(directory, "connect-storm");
    JsonObject fanOut = load(directory, "fan-out");
    JsonObject sendStep = sends == null ? null : chosenStep(sends, "rate");
    JsonObject stormStep = storm == null ? null : chosenStep(storm, "rate");
    JsonObject largest = idle == null ? null : last(idle.getJsonArray("steps"));
    return new Measured(
      figure("server CPU per send (node and PostgreSQL)", sends, sendStep, "serverCpuMsPerSend", "ms"),
      figure("node CPU per send", sends, sendStep, "nodeJvmCpuMsPerSend", "ms"),
      figure("live heap per idle connection", idle, largest, "heapBytesPerConnection", "B"),
      figure("RSS per idle connection (heap pre-touched: outside the heap)", idle, largest, "rssBytesPerConnection", "B"),
      idleCores(idle),
      figure("node CPU per connect", storm, stormStep, "nodeJvmCpuMsPerConnect", "ms"),
      backendPerConnect(storm, stormStep),
      peerPerConnect(storm, stormStep),
      deliveries(fanOut));
  }

  private static JsonObject load(Path directory, String scenario) throws IOException {
    Path file = directory.resolve(scenario + ".json");
    return Files.isRegularFile(file) ? new JsonObject(Files.readString(file)) : null;
  }

  /**
   * The step the plan uses: the highest rate the server kept up with (achieved at least 95% of it);
   * if none did, the first. Past that rate a server's CPU per operation still falls (batches grow)
   * while its latency does not hold, so the plan does not count on it.
   */
  static JsonObject chosenStep(JsonObject result, String rateField) {
    JsonArray steps = result.getJsonArray("steps");
    JsonObject chosen = steps.getJsonObject(0);
    for (int i = 0; i < steps.size(); i++) {
      JsonObject step = steps.getJsonObject(i);
      if (step.getDouble("achievedPerSecond") >= 0.95 * step.getDouble(rateField)) {
        chosen = step;
      }
    }
    return chosen;
  }

  private static Figure figure(String name, JsonObject result, JsonObject step, String field, String unit) {
    if (result == null) {
      return Figure.missing(name, unit, ABSENT);
    }
    return new Figure(name, step.getDouble(field), unit, source(result, step));
  }

  private static String source(JsonObject result, JsonObject step) {
    String at = result.getString("measuredAt", "?");
    String where = step.containsKey("rate")
      ? String.format(Locale.ROOT, "%s/s step, %s/s achieved", Format.count(step.getDouble("rate")), Format.count(step.getDouble("achievedPerSecond")))
      : Format.count(step.getDouble("connections")) + " connections";
    return result.getString("scenario") + ".json (" + where + "), " + at.substring(0, Math.min(16, at.length()));
  }

  /** Server cores per 10,000 idle connections: the slope between the fewest and the most connections measured. */
  private static Figure idleCores(JsonObject idle) {
    String name = "server CPU per 10,000 idle connections (pings, presence refresh)";
    if (idle == null) {
      return Figure.missing(name, "cores", ABSENT);
    }
    JsonArray steps = idle.getJsonArray("steps");
    JsonObject first = steps.getJsonObject(0);
    JsonObject most = last(steps);
    double slope = (most.getDouble("serverCores") - first.getDouble("serverCores"))
      / (most.getDouble("connections") - first.getDouble("connections"));
    if (steps.size() < 2 || !(slope > 0)) {
      return Figure.missing(name, "cores", "idle-connections.json does not resolve it (fewer than two counts, or within noise)");
    }
    return new Figure(name, slope * IDLE_UNIT, "cores", "idle-connections.json (slope from " + Format.count(first.getDouble("connections")) + " to "
      + Format.count(most.getDouble("connections")) + " connections)");
  }

  private static Figure backendPerConnect(JsonObject storm, JsonObject step) {
    String name = "PostgreSQL and Redis CPU per connect";
    if (storm == null) {
      return Figure.missing(name, "ms", ABSENT);
    }
    return new Figure(name, step.getDouble("serverCpuMsPerConnect") - step.getDouble("nodeJvmCpuMsPerConnect"), "ms", source(storm, step));
  }

  /** The peer's CPU above its idle floor, per connect made on the other node. */
  private static Figure peerPerConnect(JsonObject storm, JsonObject step) {
    String name = "CPU per connect on another node of the cluster";
    if (storm == null) {
      return Figure.missing(name, "ms", ABSENT);
    }
    double during = step.getDouble("peerCores");
    double idle = storm.getDouble("peerIdleCores");
    String source = source(storm, step) + String.format(Locale.ROOT, "; the peer at %.3f cores, %.3f idle", during, idle);
    return new Figure(name, 1000 * Math.max(0, during - idle) / step.getDouble("achievedPerSecond"), "ms", source);
  }

  /**
   * Deliveries per server CPU-second for Parley from the fan-out benchmark: the lowest of its steps
   * that kept up, whatever the layout (the dearest delivery, so the plan errs on the safe side).
   */
  private static Figure deliveries(JsonObject fanOut) {
    String name = "deliveries per server CPU-second";
    if (fanOut == null) {
      return Figure.missing(name, "", "fan-out.json is not in benchmarks/results yet");
    }
    List<Double> found = new ArrayList<>();
    for (Object server : fanOut.getJsonArray("servers", new JsonArray())) {
      if (server instanceof JsonObject entry && "parley".equalsIgnoreCase(entry.getString("server"))) {
        collect(entry, found);
      }
    }
    if (found.isEmpty()) {
      return Figure.missing(name, "", "fan-out.json has no step of Parley that kept up");
    }
    String at = fanOut.getString("measuredAt", "?");
    return new Figure(name, found.stream().min(Double::compare).orElseThrow(), "",
      "fan-out.json (lowest of " + found.size() + " steps that kept up), " + at.substring(0, Math.min(16, at.length())));
  }

  private static void collect(Object node, List<Double> found) {
    if (node instanceof JsonObject object) {
      if (object.getValue("deliveriesPerServerCpuSecond") instanceof Number value && !Boolean.TRUE.equals(object.getValue("saturated"))) {
        found.add(value.doubleValue());
      }
      object.forEach(entry -> collect(entry.getValue(), found));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collect(item, found));
    }
  }

  private static JsonObject last(JsonArray steps) {
    return steps.getJsonObject(steps.size() - 1);
  }

  List<Figure> all() {
    return List.of(serverCpuMsPerSend, nodeCpuMsPerSend, heapBytesPerConnection, rssBytesPerConnection, idleCoresPer10kConnections,
      nodeCpuMsPerConnect, backendCpuMsPerConnect, peerCpuMsPerConnect, deliveriesPerCoreSecond);
  }
}
