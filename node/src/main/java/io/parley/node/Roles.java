package io.parley.node;

import io.parley.auth.AuthVerticle;
import io.parley.chat.ChatVerticle;
import io.parley.gateway.GatewayVerticle;
import io.parley.media.MediaVerticle;
import io.vertx.core.Deployable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The roles a node can run and the verticle behind each. A single node runs them all; a cluster
 * splits them, for example gateways on the edge and chat workers behind.
 */
final class Roles {

  static final String ALL = "all";

  private static final Map<String, Supplier<Deployable>> VERTICLES = new LinkedHashMap<>();

  static {
    VERTICLES.put("gateway", GatewayVerticle::new);
    VERTICLES.put("auth", AuthVerticle::new);
    VERTICLES.put("chat", ChatVerticle::new);
    VERTICLES.put("media", MediaVerticle::new);
  }

  private Roles() {
  }

  /**
   * How many instances of a role's verticle to deploy: the gateway scales with cores (each
   * instance is an event loop accepting connections); domain verticles too, as their work is
   * non-blocking I/O.
   */
  static int instances(String role) {
    return Runtime.getRuntime().availableProcessors();
  }

  static Map<String, Supplier<Deployable>> resolve(List<String> requested) {
    if (requested.isEmpty() || requested.contains(ALL)) {
      return VERTICLES;
    }
    Map<String, Supplier<Deployable>> chosen = new LinkedHashMap<>();
    for (String role : requested) {
      Supplier<Deployable> verticle = VERTICLES.get(role);
      if (verticle == null) {
        throw new IllegalArgumentException("Unknown role '" + role + "'; known roles: " + VERTICLES.keySet());
      }
      chosen.put(role, verticle);
    }
    return chosen;
  }
}
