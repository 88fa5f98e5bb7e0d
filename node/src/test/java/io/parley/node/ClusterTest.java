package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two clustered nodes, each its own Vert.x and Hazelcast member on loopback: node A runs only the
 * gateway, node B only the domain services. Work crosses the clustered event bus both ways.
 */
class ClusterTest {

  @RegisterExtension
  static final TestCluster cluster = TestCluster.clustered(List.of("gateway"), List.of("auth", "chat")).build();

  private static Node gatewayNode() {
    return cluster.member(0);
  }

  private static Node serviceNode() {
    return cluster.member(1);
  }

  @Test
  void httpRequestToTheGatewayNodeIsAnsweredByAVerticleOnlyOnTheServiceNode() {
    HttpResponse<Buffer> registered = register();

    assertThat(registered.statusCode()).isEqualTo(201);
    assertThat(registered.bodyAsJsonObject().getJsonObject("user").getString("username")).startsWith("cluster_");
    assertThat(registered.bodyAsJsonObject().getString("accessToken")).isNotBlank();
  }

  private static HttpResponse<Buffer> register() {
    String username = "cluster_" + UUID.randomUUID().toString().substring(0, 8);
    return WebClient.create(cluster.vertx(), new io.vertx.ext.web.client.WebClientOptions().setLocalAddress(ClientAddresses.next()))
      .post(gatewayNode().httpPort(), "127.0.0.1", "/api/v1/auth/register")
      .sendJsonObject(new JsonObject()
        .put("email", username + "@example.org")
        .put("username", username)
        .put("password", "correct horse battery staple")
        .put("displayName", "Cluster Test"))
      .await();
  }

  @Test
  void eventPublishedOnTheServiceNodeReachesABridgeClientOnTheGatewayNode() throws Exception {
    String token = register().bodyAsJsonObject().getString("accessToken");
    try (BridgeClient browser = BridgeClient.connect(cluster.vertx(), "127.0.0.1", gatewayNode().httpPort(), "/eventbus").await()) {
      browser.register(Address.CLIENT_ANNOUNCEMENTS, new JsonObject().put("authorization", "Bearer " + token));
      JsonObject notice = new JsonObject().put("text", "maintenance at noon");

      // The node's announcement consumer is registered in Hazelcast at start; publish until B sees it.
      JsonObject[] received = new JsonObject[1];
      Poll.until(() -> {
        serviceNode().vertx().eventBus().publish(Address.CLIENT_ANNOUNCEMENTS, notice);
        try {
          received[0] = browser.nextMessage(Address.CLIENT_ANNOUNCEMENTS, Duration.ofMillis(200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return received[0] != null;
      }, Duration.ofSeconds(10));

      assertThat(received[0].getJsonObject("body")).isEqualTo(notice);
    }
  }

  @Test
  void aBrowserCannotSendOrPublishThroughTheBridge() throws Exception {
    try (BridgeClient browser = BridgeClient.connect(cluster.vertx(), "127.0.0.1", gatewayNode().httpPort(), "/eventbus").await()) {
      browser.publish(Address.CLIENT_ANNOUNCEMENTS, new JsonObject().put("text", "forged"), new JsonObject());
      JsonObject refused = browser.nextError(Duration.ofSeconds(5));
      assertThat(refused).isNotNull();
      assertThat(refused.getString("body")).isEqualTo("access_denied");
    }
  }
}
