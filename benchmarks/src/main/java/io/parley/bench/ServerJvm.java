package io.parley.bench;

import java.util.ArrayList;
import java.util.List;

/** The JVM options of a node under test: a fixed heap, so runs compare; {@code -Dserver.jvm="…"} adds more. */
final class ServerJvm {

  private ServerJvm() {
  }

  static List<String> options() {
    List<String> options = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    String extra = System.getProperty("server.jvm", "").trim();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options;
  }
}
