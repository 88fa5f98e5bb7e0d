package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar parley.jar [command] [options]}: the command (a node by default) and flags,
 * each flag a shortcut for one configuration key.
 */
record CommandLine(String command, Path configFile, JsonObject flags, boolean help, List<String> arguments) {

  static final String RUN = "run";
  static final List<String> COMMANDS = List.of(RUN, "backends", "migrate", "rotate-keys", "drain", "doctor", "admin");

  static final String USAGE = """
      Usage: java -jar parley.jar [command] [options]

      Commands:
        run                  start a node (the default)
        backends             start only the embedded PostgreSQL, Redis and Kafka, for nodes that share them
        migrate              apply the schema migrations to the configured PostgreSQL, then exit
        rotate-keys          write a new token signing key pair into the key directory
        drain                make the node running in --data-dir stop taking connections, move its
                             clients elsewhere, finish its requests and exit
        doctor               check the configuration and every backend, and say what is wrong
        admin create LOGIN   make the account with this username or email a server admin (in the
                             configured PostgreSQL), the way to a new server's first admin

      Options:
        --config FILE        JSON configuration merged over the defaults (conf/parley.json)
        --roles LIST         roles this node runs, comma-separated: all (default), gateway, auth, chat, media, notify, story
        --node-name NAME     this node's name in logs and metrics (default host:port)
        --http-port N        HTTP port of the gateway (default 8080)
        --data-dir DIR       where embedded backends, generated keys and the pid file live (default ./data)
        --key-dir DIR        token signing keys (default DATA-DIR/keys)
        --cluster            join a cluster (Hazelcast, TCP/IP members or Kubernetes discovery)
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
    String command = RUN;
    int first = 0;
    List<String> arguments = new java.util.ArrayList<>();
    if (args.length > 0 && !args[0].startsWith("-")) {
      command = args[0];
      first = 1;
      if (!COMMANDS.contains(command)) {
        throw new IllegalArgumentException("Unknown command " + command + "\n\n" + USAGE);
      }
    }
    for (int i = first; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        // The words after a command that takes them (admin create LOGIN).
        arguments.add(arg);
        continue;
      }
      String value = null;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        value = arg.substring(equals + 1);
        arg = arg.substring(0, equals);
      }
      switch (arg) {
        case "--help", "-h" -> {
          return new CommandLine(command, null, flags, true, List.of());
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
            case "--node-name" -> Config.set(flags, ConfigKeys.NODE_NAME, value);
            case "--http-port" -> Config.set(flags, ConfigKeys.HTTP_PORT, port(arg, value));
            case "--data-dir" -> Config.set(flags, ConfigKeys.NODE_DATA_DIR, value);
            case "--key-dir" -> Config.set(flags, ConfigKeys.AUTH_KEY_DIR, value);
            case "--cluster-host" -> Config.set(flags, ConfigKeys.CLUSTER_HOST, value);
            case "--cluster-port" -> Config.set(flags, ConfigKeys.CLUSTER_PORT, port(arg, value));
            case "--members" -> Config.set(flags, ConfigKeys.CLUSTER_MEMBERS, list(value));
            case "--postgres" -> Config.set(flags, ConfigKeys.POSTGRES_URI, value);
            case "--redis" -> Config.set(flags, ConfigKeys.REDIS_URI, value);
            case "--kafka" -> Config.set(flags, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, value);
            default -> throw new IllegalArgumentException("Unknown option " + arg + "\n\n" + USAGE);
          }
        }
      }
    }
    return new CommandLine(command, configFile, flags, false, List.copyOf(arguments));
  }

  private static int port(String option, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException("Option " + option + " needs a port (0-65535), not " + value);
  }

  private static JsonArray list(String value) {
    return new JsonArray(Arrays.stream(value.split("\\s*,\\s*")).filter(s -> !s.isBlank()).toList());
  }
}
