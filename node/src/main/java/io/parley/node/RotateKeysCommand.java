package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/**
 * {@code parley rotate-keys}: writes a new RS256 key pair into the key directory. It signs new
 * tokens once the nodes restart (or start); tokens signed by older keys keep verifying until they
 * expire, after which the old pairs may be deleted.
 */
final class RotateKeysCommand {

  private RotateKeysCommand() {
  }

  static int run(JsonObject config, PrintStream out) throws Exception {
    Path dataDir = Path.of(Config.string(config, ConfigKeys.NODE_DATA_DIR, "data"));
    Path keyDir = Path.of(Config.string(config, ConfigKeys.AUTH_KEY_DIR, dataDir.resolve("keys").toString())).toAbsolutePath();
    Files.createDirectories(keyDir);
    String kid = SigningKeys.create(keyDir, Clock.systemUTC());
    long total;
    try (Stream<Path> files = Files.list(keyDir)) {
      total = files.filter(file -> file.getFileName().toString().endsWith(".pub.pem")).count();
    }
    out.println("New signing key " + kid + " in " + keyDir + " (" + total + " key(s) there now).");
    out.println("It signs new tokens once the nodes restart; every node must see the same key directory.");
    out.println("Delete an older pair once its last token expired (" + Config.integer(config, ConfigKeys.AUTH_ACCESS_TOKEN_TTL, 900)
      + " s after the restart).");
    return 0;
  }
}
