package io.parley.node;

import io.parley.backends.EmbeddedBackends;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * {@code parley backends}: the embedded PostgreSQL, Redis and Kafka alone, for several nodes on one
 * machine to share (the local cluster). When they are up it writes {@code <dataDir>/backends.env},
 * the {@code PARLEY_*} variables that point a node at them, and runs until it is stopped.
 */
final class BackendsCommand {

  static final String ENV_FILE = "backends.env";

  private BackendsCommand() {
  }

  static int run(JsonObject config, PrintStream out) throws Exception {
    Path dataDir = Path.of(Config.string(config, ConfigKeys.NODE_DATA_DIR, "data")).toAbsolutePath();
    Files.createDirectories(dataDir);
    Path envFile = dataDir.resolve(ENV_FILE);
    Files.deleteIfExists(envFile);
    EmbeddedBackends backends = EmbeddedBackendsForNode.startMissing(config, dataDir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Files.deleteIfExists(envFile);
      } catch (Exception ignored) {
        // the file only points at servers that are stopping
      }
      backends.close();
      stopped.countDown();
    }, "parley-backends-shutdown"));
    String env = line(ConfigKeys.POSTGRES_URI, config) + line(ConfigKeys.REDIS_URI, config)
      + line(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, config);
    // Written whole, then moved into place: a reader never sees half of it.
    Path partial = dataDir.resolve(ENV_FILE + ".partial");
    Files.writeString(partial, env, StandardCharsets.UTF_8);
    Files.move(partial, envFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    out.println("Backends ready; nodes use them with the variables in " + envFile + ":");
    out.print(env);
    out.flush();
    stopped.await();
    return 0;
  }

  private static String line(String key, JsonObject config) {
    return Config.environmentName(key) + "=" + Config.string(config, key) + "\n";
  }
}
