package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrawChartsTest {

  @Test
  void theCommittedResultsDrawTheirChartsAndMissingOnesAreSkipped(@TempDir Path work) throws Exception {
    Path results = Files.createDirectories(work.resolve("results"));
    Files.copy(Path.of("results", "durable-sends.json"), results.resolve("durable-sends.json"));
    Files.copy(Path.of("results", "fan-out.json"), results.resolve("fan-out.json"));
    Files.copy(Path.of("results", "idle-connections.json"), results.resolve("idle-connections.json"));

    List<Path> charts = DrawCharts.draw(results, work.resolve("charts"));

    assertThat(charts).extracting(path -> path.getFileName().toString())
      .containsExactly("durable-sends-latency.svg", "durable-sends-cpu.svg", "fan-out-groups-latency.svg", "fan-out-groups-cpu.svg",
        "fan-out-channel-latency.svg", "fan-out-channel-cpu.svg", "idle-connections-memory.svg");
    assertThat(Files.readString(charts.get(0))).startsWith("<svg").contains("p99", "<polyline");
    assertThat(DrawCharts.draw(Files.createDirectories(work.resolve("nothing")), work.resolve("none"))).isEmpty();
  }
}
