package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;

/**
 * One node per test JVM for the tests that make thousands of requests as few people (the
 * fuzzers, the authorization matrix): on the shared backends, with every abuse limit out of their
 * way (those limits have tests of their own). Started by the first that asks, stopped with the JVM.
 */
final class PermissiveNode {

  private static Node node;

  private PermissiveNode() {
  }

  static synchronized Node shared() throws Exception {
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
      Node started = Node.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "permissive-node-stop"));
      node = started;
    }
    return node;
  }
}
