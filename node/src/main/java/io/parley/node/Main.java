package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;

/** {@code java -jar parley.jar}: starts one node and stops it cleanly on SIGTERM / Ctrl-C. */
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
    // Chosen before the first logger exists, because Logback reads it once at start-up.
    System.setProperty("PARLEY_LOG_FORMAT", Config.string(config, ConfigKeys.LOG_FORMAT, "text"));
    System.setProperty("hazelcast.logging.type", "slf4j");
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");

    Node node = Node.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "parley-shutdown"));
  }
}
