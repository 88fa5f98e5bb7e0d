package io.parley.e2e;

import io.parley.node.Node;
import io.parley.node.NodeConfig;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.FreePorts;
import io.parley.testkit.TestBackends;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** One real Parley node (every role) in this JVM, on the shared embedded backends, on a free port. */
final class TestNode {

  private static JsonArray signingKeys;

  private TestNode() {
  }

  /** A node with {@code settings} applied to its configuration first. */
  static Node start(Consumer<JsonObject> settings) throws Exception {
    JsonObject config = NodeConfig.defaults();
    Path workDir = Path.of(System.getProperty("parley.test.workDir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(workDir);
    Config.set(config, ConfigKeys.NODE_DATA_DIR, Files.createTempDirectory(workDir, "node-").toString());
    Config.set(config, ConfigKeys.HTTP_HOST, "127.0.0.1");
    Config.set(config, ConfigKeys.HTTP_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.NODE_ROLES, new JsonArray(List.of("all")));
    config.mergeIn(TestBackends.config(), true);
    Config.set(config, ConfigKeys.AUTH_KEYS, signingKeys(workDir).copy());
    allowSignUps(config);
    settings.accept(config);
    return Node.start(config);
  }

  /** One set of signing keys for the JVM's nodes: an RSA pair costs 1.5 s of CPU in a C1-only JVM. */
  private static synchronized JsonArray signingKeys(Path workDir) throws Exception {
    if (signingKeys == null) {
      signingKeys = SigningKeys.loadOrCreate(Files.createTempDirectory(workDir, "keys-"), Clock.systemUTC());
    }
    return signingKeys;
  }

  /**
   * Every browser of every class signs up from 127.0.0.1, and the classes of this JVM share one
   * Redis, which counts sign-ups and sign-ins per address for 15 minutes: the limits have tests
   * of their own, and here they would only stop the next class's people at the door.
   */
  static void allowSignUps(JsonObject config) {
    Config.set(config, ConfigKeys.AUTH_SIGN_UP_PER_ADDRESS, 1_000_000);
    Config.set(config, ConfigKeys.AUTH_SIGN_IN_PER_ADDRESS, 1_000_000);
  }
}
