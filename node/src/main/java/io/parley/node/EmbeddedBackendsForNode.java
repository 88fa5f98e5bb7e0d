package io.parley.node;

import io.parley.backends.EmbeddedBackends;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts an embedded server for each backend the configuration leaves unset and writes its
 * address into the configuration, so the rest of the node only ever sees URIs.
 */
final class EmbeddedBackendsForNode {

  private EmbeddedBackendsForNode() {
  }

  static EmbeddedBackends startMissing(JsonObject config, Path dataDir) throws IOException {
    EmbeddedBackends.Options options = EmbeddedBackends.Options.in(dataDir.resolve("embedded"))
      .bindHost(Config.string(config, ConfigKeys.EMBEDDED_BIND_HOST, "127.0.0.1"))
      .postgresPort(Config.integer(config, ConfigKeys.POSTGRES_EMBEDDED_PORT, 0))
      .redisPort(Config.integer(config, ConfigKeys.REDIS_EMBEDDED_PORT, 0));
    int kafkaPort = Config.integer(config, ConfigKeys.KAFKA_EMBEDDED_PORT, 0);
    options.kafkaPort(kafkaPort).kafkaControllerPort(kafkaPort == 0 ? 0 : kafkaPort + 1);
    if (Config.string(config, ConfigKeys.POSTGRES_URI) != null) {
      options.withoutPostgres();
    }
    if (Config.string(config, ConfigKeys.REDIS_URI) != null) {
      options.withoutRedis();
    }
    if (Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS) != null) {
      options.withoutKafka();
    }
    boolean anyMissing = options.startsPostgres() || options.startsRedis() || options.startsKafka();
    if (anyMissing && !Config.bool(config, ConfigKeys.EMBEDDED_ALLOWED, true)) {
      throw new IllegalStateException("Not configured: " + missing(config) + "; embedded backends are off ("
        + ConfigKeys.EMBEDDED_ALLOWED + " is false)");
    }
    EmbeddedBackends embedded = EmbeddedBackends.start(options);
    if (embedded.postgresUri() != null) {
      Config.set(config, ConfigKeys.POSTGRES_URI, embedded.postgresUri());
    }
    if (embedded.redisUri() != null) {
      Config.set(config, ConfigKeys.REDIS_URI, embedded.redisUri());
    }
    if (embedded.kafkaBootstrapServers() != null) {
      Config.set(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, embedded.kafkaBootstrapServers());
    }
    return embedded;
  }

  private static String missing(JsonObject config) {
    return java.util.stream.Stream.of(ConfigKeys.POSTGRES_URI, ConfigKeys.REDIS_URI, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS)
      .filter(key -> Config.string(config, key) == null)
      .map(key -> key + " (" + Config.environmentName(key) + ")")
      .collect(java.util.stream.Collectors.joining(", "));
  }
}
