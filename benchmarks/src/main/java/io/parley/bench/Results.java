package io.parley.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a scenario's figures go: {@code <results.dir>/<scenario>.json} (default {@code benchmarks/results}). */
public final class Results {

  private static final Logger log = LoggerFactory.getLogger(Results.class);

  private Results() {
  }

  public static Path directory() {
    String configured = System.getProperty("results.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    return Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "results") : Path.of("results");
  }

  static Path write(String scenario, JsonObject result) throws IOException {
    Path file = Files.createDirectories(directory()).resolve(scenario + ".json");
    Files.writeString(file, result.copy().put("measuredAt", Instant.now().toString()).encodePrettily() + "\n");
    log.info("Results in {}", file.toAbsolutePath());
    return file;
  }
}
