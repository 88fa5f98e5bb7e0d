package io.parley.bench;

import io.parley.bench.charts.BarChart;
import io.parley.bench.charts.LineChart;
import io.parley.bench.charts.LineChart.Point;
import io.parley.bench.charts.LineChart.Series;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the charts of {@code docs/BENCHMARKS.md} from the figures in {@code benchmarks/results}:
 * one SVG per picture in {@code docs/charts}, so the pictures move when the figures do. A
 * scenario without results yet is skipped with a word in the log.
 */
public final class DrawCharts {

  private static final Logger log = LoggerFactory.getLogger(DrawCharts.class);

  private DrawCharts() {
  }

  public static void main(String[] args) throws IOException {
    draw(Results.directory(), directory());
  }

  static Path directory() {
    String configured = System.getProperty("charts.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    return Files.isDirectory(Path.of("docs")) ? Path.of("docs", "charts") : Path.of("..", "docs", "charts");
  }

  /** Every chart whose figures are in {@code results}, written to {@code charts}; the names of the files written. */
  static List<Path> draw(Path results, Path charts) throws IOException {
    Files.createDirectories(charts);
    List<Path> written = new ArrayList<>();
    JsonObject durable = read(results, "durable-sends");
    if (durable != null) {
      JsonArray steps = durable.getJsonArray("steps");
      written.add(write(charts, "durable-sends-latency", new LineChart("Durable sends over the bridge: send to ack",
        "sends acknowledged per second", "milliseconds (log scale)", true,
        List.of(series("p50", steps, "achievedPerSecond", step -> step.getJsonObject("ackMillis").getDouble("p50")),
          series("p99", steps, "achievedPerSecond", step -> step.getJsonObject("ackMillis").getDouble("p99"))))));
      written.add(write(charts, "durable-sends-cpu", new LineChart("Durable sends: server CPU per send",
        "sends acknowledged per second", "CPU milliseconds per send", false,
        List.of(series("node + PostgreSQL + Redis", steps, "achievedPerSecond", step -> step.getDouble("serverCpuMsPerSend")),
          series("node JVM alone", steps, "achievedPerSecond", step -> step.getDouble("nodeJvmCpuMsPerSend"))))));
    }
    JsonObject fanOut = read(results, "fan-out");
    if (fanOut != null) {
      for (String scenario : List.of("groups", "channel")) {
        List<Series> latency = new ArrayList<>();
        List<BarChart.Bar> perCpu = new ArrayList<>();
        for (int i = 0; i < fanOut.getJsonArray("servers").size(); i++) {
          JsonObject server = fanOut.getJsonArray("servers").getJsonObject(i);
          JsonObject measured = server.getJsonObject(scenario);
          if (measured == null || measured.getJsonArray("steps", new JsonArray()).isEmpty()) {
            continue;
          }
          JsonArray steps = measured.getJsonArray("steps");
          latency.add(series(server.getString("server") + " p99", steps, "deliveriesPerSecond",
            step -> step.getJsonObject("latencyMillis").getDouble("p99")));
          // Every server ran the first rate; the later ones only until it saturated.
          perCpu.add(new BarChart.Bar(server.getString("server"), steps.getJsonObject(0).getDouble("deliveriesPerServerCpuSecond")));
        }
        if (!latency.isEmpty()) {
          String title = "groups".equals(scenario) ? "Fan-out in groups" : "Fan-out in one channel";
          written.add(write(charts, "fan-out-" + scenario + "-latency", new LineChart(title + ": send to receive, p99",
            "deliveries per second", "milliseconds (log scale)", true, latency)));
          written.add(write(charts, "fan-out-" + scenario + "-cpu", new BarChart(title + ": deliveries per server CPU-second, at "
            + fanOut.getJsonObject("shape").getJsonArray("groups".equals(scenario) ? "groupRates" : "channelRates").getInteger(0)
            + " sends/s", "deliveries per CPU-second", perCpu).svg()));
        }
      }
    }
    JsonObject idle = read(results, "idle-connections");
    if (idle != null) {
      JsonArray steps = idle.getJsonArray("steps");
      written.add(write(charts, "idle-connections-memory", new LineChart("Node memory per idle signed-in connection",
        "connections held", "KiB per connection", false,
        List.of(series("live heap after a full GC", steps, "connections", step -> step.getDouble("heapBytesPerConnection") / 1024),
          series("RSS outside the heap", steps, "connections", step -> step.getDouble("rssBytesPerConnection") / 1024),
          new Series("issue 15's target (4 KB, all of it)", List.of(new Point(0, 4000 / 1024.0),
            new Point(steps.getJsonObject(steps.size() - 1).getDouble("connections"), 4000 / 1024.0)))))));
    }
    return written;
  }

  static Series series(String name, JsonArray steps, String x, Function<JsonObject, Double> y) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      JsonObject step = steps.getJsonObject(i);
      points.add(new Point(step.getDouble(x), y.apply(step)));
    }
    return new Series(name, points);
  }

  static JsonObject read(Path results, String scenario) throws IOException {
    Path file = results.resolve(scenario + ".json");
    if (!Files.exists(file)) {
      log.info("No {} yet: its charts are not drawn", file);
      return null;
    }
    return new JsonObject(Files.readString(file));
  }

  static Path write(Path charts, String name, LineChart chart) throws IOException {
    return write(charts, name, chart.svg());
  }

  static Path write(Path charts, String name, String svg) throws IOException {
    Path file = charts.resolve(name + ".svg");
    Files.writeString(file, svg);
    log.info("Chart {}", file);
    return file;
  }
}
