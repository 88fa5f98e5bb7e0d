package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code parley drain}: asks the node running on {@code --data-dir} to go away gracefully (the
 * same as SIGTERM, which is what Kubernetes sends) and waits until it has: it turns unready, stops
 * taking realtime connections, tells its clients to reconnect elsewhere, lets in-flight requests
 * finish and exits. See {@link Node#drain()}.
 */
final class DrainCommand {

  /** Beyond the drain's own bounds: leaving the cluster and stopping embedded servers. */
  private static final long EXIT_MARGIN_MS = 20_000;

  private DrainCommand() {
  }

  static int run(JsonObject config, PrintStream out) throws Exception {
    Path dataDir = Path.of(Config.string(config, ConfigKeys.NODE_DATA_DIR, "data")).toAbsolutePath();
    OptionalLong pid = PidFile.read(dataDir);
    Optional<ProcessHandle> node = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
    if (node.isEmpty() || !node.get().isAlive()) {
      out.println("No running node found for " + dataDir + " (no live process in " + PidFile.NAME + ")");
      return 1;
    }
    long bound = Config.longValue(config, ConfigKeys.DRAIN_UNREADY_DELAY_MS, 5_000)
      + TimeUnit.SECONDS.toMillis(Config.longValue(config, ConfigKeys.DRAIN_TIMEOUT_SECONDS, 20)) + EXIT_MARGIN_MS;
    long started = System.nanoTime();
    out.println("Draining node " + pid.getAsLong() + " (waiting up to " + bound / 1000 + " s)");
    out.flush();
    if (!node.get().destroy()) {
      out.println("Could not signal process " + pid.getAsLong());
      return 1;
    }
    try {
      node.get().onExit().get(bound, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillRunning) {
      out.println("Node " + pid.getAsLong() + " still runs after " + bound / 1000 + " s");
      return 1;
    }
    out.println("Node " + pid.getAsLong() + " drained and stopped in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    return 0;
  }
}
