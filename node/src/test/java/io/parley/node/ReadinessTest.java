package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /ready} follows the backends: down when Redis goes away, up again when it returns. */
class ReadinessTest {

  @Test
  void readinessTurns503WhileRedisIsStoppedAndBackTo200WhenItReturns() throws Exception {
    Vertx client = Vertx.vertx();
    WebClient http = WebClient.create(client);
    try (Node node = Node.start(TestNodes.onSharedBackends("gateway"))) {
      assertThat(status(http, node)).isEqualTo(200);

      TestBackends.shared().redis().stop();
      try {
        Poll.until(() -> status(http, node) == 503, Duration.ofSeconds(10));
        JsonObject body = http.get(node.httpPort(), "127.0.0.1", "/ready").send().await().bodyAsJsonObject();
        assertThat(body.getJsonObject("checks").getString("redis")).isEqualTo("down");
        assertThat(body.getJsonObject("checks").getString("postgres")).isEqualTo("up");
        assertThat(body.getJsonObject("error").getString("code")).isEqualTo("service.unready");
        assertThat(body.getJsonObject("error").getString("message")).contains("redis");
      } finally {
        TestBackends.shared().redis().start();
      }

      Poll.until(() -> status(http, node) == 200, Duration.ofSeconds(15));
    } finally {
      client.close().await();
    }
  }

  private static int status(WebClient http, Node node) {
    return http.get(node.httpPort(), "127.0.0.1", "/ready").send().await().statusCode();
  }
}
