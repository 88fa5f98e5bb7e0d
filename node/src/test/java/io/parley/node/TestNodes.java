package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.FreePorts;
import io.parley.testkit.TestBackends;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

/** Configurations for nodes started by tests: defaults, free ports, a fresh data directory. */
final class TestNodes {

  private static JsonArray signingKeys;

  private TestNodes() {
  }

  /** A node on the JVM's shared test backends. */
  static JsonObject onSharedBackends(String... roles) throws IOException {
    return fresh(roles).mergeIn(TestBackends.config(), true);
  }

  /** A node with nothing external configured: it starts its own embedded backends. */
  static JsonObject fresh(String... roles) throws IOException {
    JsonObject config = NodeConfig.defaults();
    Path workDir = Path.of(System.getProperty("parley.test.workDir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(workDir);
    Config.set(config, ConfigKeys.NODE_DATA_DIR, Files.createTempDirectory(workDir, "node-").toString());
    Config.set(config, ConfigKeys.HTTP_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.POSTGRES_EMBEDDED_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.REDIS_EMBEDDED_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.KAFKA_EMBEDDED_PORT, 0);
    Config.set(config, ConfigKeys.NODE_ROLES, new JsonArray(java.util.List.of(roles.length == 0 ? new String[] {"all"} : roles)));
    Config.set(config, ConfigKeys.AUTH_KEYS, signingKeys().copy());
    return config.mergeIn(TestBackends.passwordHashesAtLeastCost(), true);
  }

  /**
   * One set of signing keys for every node of the JVM, as the nodes of one deployment share
   * theirs: an RSA key pair costs 1.5 s of CPU to make in these C1-only test JVMs, and dozens of
   * nodes start here. The tests of key creation and rotation use key directories of their own.
   */
  static synchronized JsonArray signingKeys() throws IOException {
    if (signingKeys == null) {
      Path workDir = Path.of(System.getProperty("parley.test.workDir", System.getProperty("java.io.tmpdir")));
      try {
        signingKeys = SigningKeys.loadOrCreate(Files.createTempDirectory(Files.createDirectories(workDir), "keys-"), Clock.systemUTC());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Could not make the test nodes' signing keys", e);
      }
    }
    return signingKeys;
  }

  /** Makes {@code config} a cluster member on loopback, joining the given Hazelcast ports. */
  static JsonObject clustered(JsonObject config, int ownPort, int... memberPorts) {
    Config.set(config, ConfigKeys.CLUSTER_ENABLED, true);
    Config.set(config, ConfigKeys.CLUSTER_HOST, "127.0.0.1");
    Config.set(config, ConfigKeys.CLUSTER_PORT, ownPort);
    Config.set(config, ConfigKeys.CLUSTER_NAME, "parley-test-" + memberPorts[0]);
    JsonArray members = new JsonArray();
    for (int port : memberPorts) {
      members.add("127.0.0.1:" + port);
    }
    Config.set(config, ConfigKeys.CLUSTER_MEMBERS, members);
    return config;
  }
}
