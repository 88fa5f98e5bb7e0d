package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * {@code java -jar parley.jar [command]}: starts a node (stopped gracefully, draining, on SIGTERM
 * or Ctrl-C), or runs one of the operator commands and exits with its status.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (IllegalArgumentException badFlags) {
      System.err.println(badFlags.getMessage());
      System.exit(2);
      return;
    }
    if (commandLine.help()) {
      System.err.println(CommandLine.USAGE);
      return;
    }
    JsonObject config = NodeConfig.load(commandLine.configFile(), System.getenv(), commandLine.flags());
    boolean oneShot = !CommandLine.RUN.equals(commandLine.command()) && !"backends".equals(commandLine.command());
    // Chosen before the first logger exists, because Logback reads them once at start-up. One-shot
    // commands speak through their own output; their libraries only report errors.
    System.setProperty("PARLEY_LOG_FORMAT", Config.string(config, ConfigKeys.LOG_FORMAT, "text"));
    System.setProperty("PARLEY_LOG_LEVEL", oneShot && System.getenv(Config.environmentName(ConfigKeys.LOG_LEVEL)) == null
      ? "ERROR" : Config.string(config, ConfigKeys.LOG_LEVEL, "INFO"));
    System.setProperty("hazelcast.logging.type", "slf4j");
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");

    int status = switch (commandLine.command()) {
      case "backends" -> {
        BackendsCommand.run(config, System.out);
        yield -1;
      }
      case "migrate" -> MigrateCommand.run(config, System.out);
      case "rotate-keys" -> RotateKeysCommand.run(config, System.out);
      case "drain" -> DrainCommand.run(config, System.out);
      case "doctor" -> Doctor.run(config, System.getenv(), System.out);
      case "admin" -> AdminCommand.run(config, commandLine.arguments(), System.out);
      default -> {
        runNode(config);
        yield -1;
      }
    };
    if (status >= 0) {
      System.out.flush();
      System.exit(status);
    }
  }

  private static void runNode(JsonObject config) throws Exception {
    Node node = Node.start(config);
    PidFile.writeOwn(Path.of(Config.string(config, ConfigKeys.NODE_DATA_DIR, "data")).toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(new Thread(node::drain, "parley-shutdown"));
  }
}
