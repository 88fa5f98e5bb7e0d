package io.parley.node;

import io.parley.auth.AuthHousekeeping;
import io.parley.auth.AuthVerticle;
import io.parley.chat.ChatHousekeeping;
import io.parley.chat.ChatVerticle;
import io.parley.gateway.GatewayVerticle;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.parley.media.MediaVerticle;
import io.parley.notify.NotifyVerticle;
import io.parley.story.StoryVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The roles a node can run and the verticle behind each. A single node runs them all; a cluster
 * splits them, for example gateways on the edge and chat, story and notify workers behind. Each notify
 * instance is one member of the notify consumer group, so its partitions spread over them all.
 */
final class Roles {

  static final String ALL = "all";
  static final String GATEWAY = "gateway";

  private static final Map<String, Supplier<Deployable>> VERTICLES = new LinkedHashMap<>();

  static {
    VERTICLES.put(GATEWAY, GatewayVerticle::new);
    VERTICLES.put("auth", AuthVerticle::new);
    VERTICLES.put("chat", ChatVerticle::new);
    VERTICLES.put("media", MediaVerticle::new);
    VERTICLES.put("notify", NotifyVerticle::new);
    VERTICLES.put("story", StoryVerticle::new);
  }

  private Roles() {
  }

  /** The housekeeping jobs of the roles a node runs: a domain's clean-up runs where the domain does. */
  static List<HousekeepingJob> housekeeping(Collection<String> roles, JsonObject config, EventBus eventBus) {
    List<HousekeepingJob> jobs = new ArrayList<>();
    if (roles.contains("auth")) {
      jobs.addAll(AuthHousekeeping.jobs(config, Clock.systemUTC()));
    }
    if (roles.contains("chat")) {
      jobs.addAll(ChatHousekeeping.jobs(config, Clock.systemUTC(), eventBus));
    }
    return jobs;
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
