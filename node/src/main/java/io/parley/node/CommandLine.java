package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;

/** The flags of {@code java -jar parley.jar}; each is a shortcut for one configuration key. */
record CommandLine(Path configFile, JsonObject flags, boolean help) {

  static final String USAGE = """
      Usage: java -jar parley.jar [options]

        --config FILE        JSON configuration merged over the defaults (conf/parley.json)
        --roles LIST         roles this node runs, comma-separated: all (default), gateway, auth, chat, notify
        --http-port N        HTTP port of the gateway (default 8080)
        --data-dir DIR       where embedded backends and generated keys keep data (default ./data)
        --cluster            join a cluster (Hazelcast, TCP/IP members only)
        --cluster-host HOST  address this node binds and advertises to the cluster
        --cluster-port N     Hazelcast port of this node (default 5701)
        --members LIST       cluster members, host:port comma-separated
        --postgres URI       external PostgreSQL, postgresql://user:pass@host:port/db
        --redis URI          external Redis, redis://host:port
        --kafka SERVERS      external Kafka bootstrap servers, host:port,...
        --help               this text

      Every option can also be set with an environment variable (PARLEY_HTTP_PORT, PARLEY_CLUSTER_MEMBERS,
      PARLEY_POSTGRES_URI, ...); see README.md.""";

  static CommandLine parse(String... args) {
    JsonObject flags = new JsonObject();
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        value = arg.substring(equals + 1);
        arg = arg.substring(0, equals);
      }
      switch (arg) {
        case "--help", "-h" -> {
          return new CommandLine(null, flags, true);
        }
        case "--cluster" -> Config.set(flags, ConfigKeys.CLUSTER_ENABLED, true);
        default -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("Option " + arg + " needs a value\n\n" + USAGE);
            }
            value = args[++i];
          }
          switch (arg) {
            case "--config" -> configFile = Path.of(value);
            case "--roles" -> Config.set(flags, ConfigKeys.NODE_ROLES, list(value));
            case "--http-port" -> Config.set(flags, ConfigKeys.HTTP_PORT, Integer.parseInt(value));
            case "--data-dir" -> Config.set(flags, ConfigKeys.NODE_DATA_DIR, value);
            case "--cluster-host" -> Config.set(flags, ConfigKeys.CLUSTER_HOST, value);
            case "--cluster-port" -> Config.set(flags, ConfigKeys.CLUSTER_PORT, Integer.parseInt(value));
            case "--members" -> Config.set(flags, ConfigKeys.CLUSTER_MEMBERS, list(value));
            case "--postgres" -> Config.set(flags, ConfigKeys.POSTGRES_URI, value);
            case "--redis" -> Config.set(flags, ConfigKeys.REDIS_URI, value);
            case "--kafka" -> Config.set(flags, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, value);
            default -> throw new IllegalArgumentException("Unknown option " + arg + "\n\n" + USAGE);
          }
        }
      }
    }
    return new CommandLine(configFile, flags, false);
  }

  private static JsonArray list(String value) {
    return new JsonArray(Arrays.stream(value.split("\\s*,\\s*")).filter(s -> !s.isBlank()).toList());
  }
}
