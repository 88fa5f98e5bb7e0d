package io.parley.testkit;

import io.vertx.core.Deployable;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What a {@link ParleyExtension.Builder} collected: overrides, free ports, steps and verticles. */
final class Settings {

  /** The paths of {@code ConfigKeys.HTTP_HOST} and {@code HTTP_PORT} in parley-shared, which this module sits below. */
  static final String HTTP_HOST = "http.host";
  static final String HTTP_PORT = "http.port";
  static final String LOOPBACK = "127.0.0.1";
  /** Every test client says who it is, so tests can find the sessions and audit rows they made. */
  static final String USER_AGENT = "parley-tests/1.0";

  final JsonObject overrides = new JsonObject();
  final List<String> freePorts = new ArrayList<>();
  final List<Preparation> preparations = new ArrayList<>();
  final List<Verticle> verticles = new ArrayList<>();
  int nodes = 1;

  record Preparation(ParleyExtension.Step step, boolean once) {
  }

  record Verticle(Supplier<? extends Deployable> supplier, int instances) {
  }

  Settings copy() {
    Settings copy = new Settings();
    copy.overrides.mergeIn(overrides.copy(), true);
    copy.freePorts.addAll(freePorts);
    copy.preparations.addAll(preparations);
    copy.verticles.addAll(verticles);
    copy.nodes = nodes;
    return copy;
  }

  /** {@code {"chat":{"maxGroupMembers":4}}} for {@code ("chat.maxGroupMembers", 4)}: to merge into a configuration. */
  static JsonObject at(String path, Object value) {
    String[] parts = path.split("\\.");
    Object nested = value;
    for (int i = parts.length - 1; i >= 0; i--) {
      nested = new JsonObject().put(parts[i], nested);
    }
    return (JsonObject) nested;
  }
}
