package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a balancer the client's address comes from X-Forwarded-For, but only where the operator
 * said the balancer sets it: elsewhere a client could name any address and slip past the
 * per-address limits.
 */
class ForwardedAddressTest {

  private static final String FORWARDED = "198.51.100.23";

  @RegisterExtension
  static final TestCluster cluster = TestCluster.single().build();

  @Test
  void theForwardedAddressIsTheClientsOnlyWhenTheNodeTrustsItsBalancer() throws Exception {
    assertThat(sessionAddress(cluster.member(0))).as("not trusted (the default)").isEqualTo("127.0.0.1");

    JsonObject trusting = TestNodes.onSharedBackends("gateway", "auth");
    Config.set(trusting, ConfigKeys.HTTP_TRUST_FORWARDED, true);
    trusting.put("auth", cluster.member(0).config().getJsonObject("auth").copy());
    try (Node node = Node.start(trusting)) {
      assertThat(sessionAddress(node)).as("trusted").isEqualTo(FORWARDED);
    }
  }

  /** Signs up with a forwarded address and reads back the address its session was opened from. */
  private static String sessionAddress(Node node) {
    WebClient http = WebClient.create(cluster.vertx());
    String username = "fwd_" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject registered = http.post(node.httpPort(), "127.0.0.1", "/api/v1/auth/register")
      .putHeader("X-Forwarded-For", FORWARDED)
      .sendJsonObject(new JsonObject().put("email", username + "@example.org").put("username", username)
        .put("password", "correct horse battery staple").put("displayName", "fwd"))
      .await().bodyAsJsonObject();
    JsonObject sessions = http.get(node.httpPort(), "127.0.0.1", "/api/v1/sessions")
      .putHeader("Authorization", "Bearer " + registered.getString("accessToken")).send().await().bodyAsJsonObject();
    return sessions.getJsonArray("sessions").getJsonObject(0).getString("lastAddress");
  }
}
