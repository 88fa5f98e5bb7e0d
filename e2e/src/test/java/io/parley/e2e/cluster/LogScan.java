package io.parley.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The nodes' log files, read whole: every line must be one JSON object. */
final class LogScan {

  private final List<Path> files;
  private final List<String> lines = new ArrayList<>();

  LogScan(List<Path> files) {
    this.files = files;
  }

  LogScan reload() {
    lines.clear();
    for (Path file : files) {
      try {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  boolean hasLine(String text) {
    return lines.stream().anyMatch(line -> line.contains(text));
  }

  /** The fields of the first line whose message contains {@code text}. */
  Map<String, Object> line(String text) {
    return lines.stream().map(LogScan::parse).filter(json -> json.getString("message", "").contains(text))
      .findFirst().orElseThrow(() -> new AssertionError("No log line says " + text)).getMap();
  }

  void assertEveryLineIsJsonWithLevelLoggerAndNode(List<String> nodes) {
    assertThat(lines).as("log lines").hasSizeGreaterThan(20);
    assertThat(nodes).allSatisfy(node -> assertThat(lines).anyMatch(line -> line.contains("\"node\":\"" + node + "\"")));
    for (String line : lines) {
      JsonObject json = parse(line);
      assertThat(json.getString("level")).as(line).isNotBlank();
      assertThat(json.getString("logger")).as(line).isNotBlank();
      assertThat(json.getString("time")).as(line).isNotBlank();
      assertThat(json.getString("node")).as("node of " + line).isIn(nodes);
    }
  }

  void assertContainsNoneOf(List<String> secrets) {
    assertThat(secrets).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(20));
    for (String line : lines) {
      for (String secret : secrets) {
        assertThat(line).as("a log line holds a secret or a message text").doesNotContain(secret);
      }
    }
  }

  private static JsonObject parse(String line) {
    try {
      return new JsonObject(line);
    } catch (DecodeException notJson) {
      throw new AssertionError("Not a JSON log line: " + line);
    }
  }
}
