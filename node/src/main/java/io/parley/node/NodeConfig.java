package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a node's configuration, each layer overriding the one before:
 * <ol>
 *   <li>the defaults, {@code conf/parley.json} inside the jar;</li>
 *   <li>a file given with {@code --config}, merged deeply (only the keys it names change);</li>
 *   <li>environment variables {@code PARLEY_*} (see {@link ConfigKeys});</li>
 *   <li>command-line flags.</li>
 * </ol>
 */
public final class NodeConfig {

  private static final String DEFAULTS = "conf/parley.json";

  private NodeConfig() {
  }

  public static JsonObject load(Path configFile, Map<String, String> environment, JsonObject flags) throws IOException {
    JsonObject config = defaults();
    if (configFile != null) {
      config.mergeIn(new JsonObject(Files.readString(configFile, StandardCharsets.UTF_8)), true);
    }
    Config.withEnvironment(config, environment);
    return config.mergeIn(flags, true);
  }

  public static JsonObject defaults() throws IOException {
    try (InputStream in = NodeConfig.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IOException("Missing " + DEFAULTS + " on the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
