package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A limit counts in Redis, so spreading attempts over the nodes of a cluster does not multiply it. */
class ClusterRateLimitTest {

  private static final int SIGN_INS_PER_ACCOUNT = 10;

  @Test
  void signInLimitPerAccountHoldsAcrossTwoClusteredNodes() throws Exception {
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    Vertx client = Vertx.vertx();
    try (Node a = Node.start(TestNodes.clustered(TestNodes.onSharedBackends("gateway", "auth"), portA, portA, portB));
         Node b = Node.start(TestNodes.clustered(TestNodes.onSharedBackends("gateway", "auth"), portB, portA, portB)
           .put("auth", a.config().getJsonObject("auth").copy()))) {
      WebClient http = WebClient.create(client);
      String username = "limit_" + UUID.randomUUID().toString().substring(0, 8);
      HttpResponse<Buffer> registered = http.post(a.httpPort(), "127.0.0.1", "/api/v1/auth/register")
        .sendJsonObject(new JsonObject().put("email", username + "@example.org").put("username", username)
          .put("password", "correct horse battery staple").put("displayName", "Limit")).await();
      assertThat(registered.statusCode()).isEqualTo(201);

      for (int attempt = 0; attempt < SIGN_INS_PER_ACCOUNT; attempt++) {
        Node node = attempt % 2 == 0 ? a : b;
        assertThat(wrongPassword(http, node, username).statusCode()).as("attempt " + attempt).isEqualTo(401);
      }
      for (Node node : new Node[] {a, b}) {
        HttpResponse<Buffer> limited = wrongPassword(http, node, username);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        assertThat(limited.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("request.rate_limited");
      }
    } finally {
      client.close().await();
    }
  }

  private static HttpResponse<Buffer> wrongPassword(WebClient http, Node node, String username) {
    return http.post(node.httpPort(), "127.0.0.1", "/api/v1/auth/login")
      .sendJsonObject(new JsonObject().put("login", username).put("password", "not the password at all")).await();
  }
}
