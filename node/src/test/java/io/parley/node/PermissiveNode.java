package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;

/**
 * One node per test JVM for the tests that make thousands of requests as few people (the
 * fuzzers, the authorization matrix): on the shared backends, with every abuse limit out of their
 * way (those limits have tests of their own). Started by the first class that asks and stopped
 * when the last one using it lets go: a node left running would go on relaying the shared
 * outbox and serving the shared queues, and other classes count what their own nodes do.
 */
final class PermissiveNode {

  private static Node node;
  private static int users;

  private PermissiveNode() {
  }

  static synchronized Node acquire() throws Exception {
    users++;
    if (node == null) {
      JsonObject config = TestNodes.onSharedBackends();
      Config.set(config, ConfigKeys.CHAT_SEND_RATE_LIMIT, 1_000_000);
      Config.set(config, ConfigKeys.CHAT_ACTION_RATE_BURST, 1_000_000);
      Config.set(config, ConfigKeys.AUTH_SIGN_IN_PER_ADDRESS, 1_000_000);
      Config.set(config, ConfigKeys.AUTH_SIGN_IN_PER_ACCOUNT, 1_000_000);
      Config.set(config, ConfigKeys.AUTH_SIGN_UP_PER_ADDRESS, 1_000_000);
      Config.set(config, ConfigKeys.REALTIME_FRAMES_PER_SECOND, 100_000);
      Config.set(config, ConfigKeys.REALTIME_FRAME_BURST, 100_000);
      Config.set(config, ConfigKeys.REALTIME_MAX_REFUSALS, 1_000_000);
      Config.set(config, ConfigKeys.MEDIA_MAX_PENDING_PER_USER, 1_000_000);
      node = Node.start(config);
    }
    return node;
  }

  static synchronized void release() {
    if (--users == 0 && node != null) {
      node.close();
      node = null;
    }
  }
}
