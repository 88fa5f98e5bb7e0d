package io.parley.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a result was measured on, written beside every figure. */
final class Machine {

  private Machine() {
  }

  static JsonObject describe() {
    return new JsonObject()
      .put("cores", Runtime.getRuntime().availableProcessors())
      .put("memoryGiB", Math.round(totalMemoryKiB() / 1024.0 / 1024.0))
      .put("cpu", cpuModel())
      .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
      .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  private static long totalMemoryKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException unreadable) {
      // not Linux
    }
    return 0;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException unreadable) {
      // not Linux
    }
    return "unknown";
  }
}
