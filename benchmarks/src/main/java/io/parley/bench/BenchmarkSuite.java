package io.parley.bench;

import io.parley.bench.scaling.CapacityPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark suite of issue 15 in one command: every scenario, or those named, one after the
 * other (each starts its own servers and stops them before the next), then the charts and the
 * capacity plan from the results they wrote. Each scenario reads its sizes from system
 * properties, as when it runs alone. {@code benchmarks/run.sh} builds and calls this.
 */
public final class BenchmarkSuite {

  private static final Logger log = LoggerFactory.getLogger(BenchmarkSuite.class);

  interface Scenario {
    void run() throws Exception;
  }

  static final Map<String, Scenario> SCENARIOS = scenarios();

  private BenchmarkSuite() {
  }

  private static Map<String, Scenario> scenarios() {
    Map<String, Scenario> scenarios = new LinkedHashMap<>();
    scenarios.put("durable-sends", () -> DurableSendBenchmark.main(new String[0]));
    scenarios.put("busy-group", DurableSendBenchmark::busyGroup);
    scenarios.put("fan-out", () -> FanOutBenchmark.main(new String[0]));
    scenarios.put("idle-connections", () -> IdleConnectionBenchmark.main(new String[0]));
    scenarios.put("connect-storm", () -> ConnectStormBenchmark.main(new String[0]));
    scenarios.put("scale-out", () -> ScaleOutBenchmark.main(new String[0]));
    return scenarios;
  }

  public static void main(String[] args) throws Exception {
    for (String name : chosen(args)) {
      long started = System.nanoTime();
      log.info("Scenario {}", name);
      SCENARIOS.get(name).run();
      log.info("Scenario {} done in {} s", name, (System.nanoTime() - started) / 1_000_000_000);
    }
    DrawCharts.main(new String[0]);
    Path scaling = Files.isDirectory(Path.of("docs")) ? Path.of("docs", "SCALING.md") : Path.of("..", "docs", "SCALING.md");
    CapacityPlan.main(new String[] {"--update", scaling.toString()});
  }

  /** The scenarios named (all when none is), in the suite's order; an unknown name is refused before anything runs. */
  static List<String> chosen(String[] names) {
    if (names.length == 0) {
      return List.copyOf(SCENARIOS.keySet());
    }
    List<String> unknown = new ArrayList<>(List.of(names));
    unknown.removeAll(SCENARIOS.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown scenarios " + unknown + "; the suite has " + SCENARIOS.keySet());
    }
    return SCENARIOS.keySet().stream().filter(List.of(names)::contains).toList();
  }
}
