package io.parley.node;

import static io.parley.node.Users.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Users.User;
import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story events across a cluster: the story service on one node, a gateway-only node beside it.
 * A new story reaches its audience on both nodes, once, and nobody outside it on either; a view
 * reaches only the author.
 */
class StoryClusterTest {

  @RegisterExtension
  static final TestCluster cluster = TestCluster.clustered(List.of("gateway"), TestCluster.EVERY_ROLE).build();
  private static Users users;
  private static WebClient http;

  @BeforeAll
  static void clients() {
    users = new Users(cluster.vertx());
    http = WebClient.create(cluster.vertx());
  }

  @Test
  void aStoryReachesExactlyItsAudienceOnEveryNode() throws Exception {
    Node edge = cluster.member(0);
    Node full = cluster.member(1);
    User alice = users.register(full, "alice");
    User bob = users.register(full, "bob");
    User carol = users.register(full, "carol");
    User dave = users.register(full, "dave");
    User stranger = users.register(full, "stranger");
    for (User contact : List.of(bob, carol, dave)) {
      assertThat(post(full, alice, "/api/v1/contacts", new JsonObject().put("userId", contact.id())).statusCode()).isEqualTo(201);
    }

    try (BridgeClient bobs = users.connect(edge, bob);
         BridgeClient daves = users.connect(full, dave);
         BridgeClient carols = users.connect(edge, carol);
         BridgeClient strangers = users.connect(edge, stranger);
         BridgeClient alices = users.connect(edge, alice)) {
      HttpResponse<Buffer> posted = post(full, alice, "/api/v1/stories", new JsonObject().put("text", "Across the cluster")
        .put("background", "#123456").put("audience", new JsonObject().put("type", "contacts_except")
          .put("userIds", new JsonArray().add(carol.id()))));
      assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(201);
      String story = posted.bodyAsJsonObject().getString("id");

      for (BridgeClient device : List.of(bobs, daves, alices)) {
        assertThat(next(device, "story.created").getJsonObject("payload").getString("storyId")).isEqualTo(story);
      }
      assertThat(post(edge, bob, "/api/v1/stories/" + story + "/views", new JsonObject()).statusCode()).isEqualTo(204);
      assertThat(next(alices, "story.viewed").getJsonObject("payload").getString("viewerId")).isEqualTo(bob.id());
      assertThat(http.delete(edge.httpPort(), "127.0.0.1", "/api/v1/stories/" + story)
        .putHeader("Authorization", "Bearer " + alice.token()).send().await().statusCode()).isEqualTo(204);
      for (BridgeClient device : List.of(bobs, daves)) {
        assertThat(next(device, "story.deleted").getJsonObject("payload").getString("storyId")).isEqualTo(story);
      }

      // The delete came after every other event of the story: nothing else was on its way to anyone.
      assertThat(storyEvents(carols)).isZero();
      assertThat(storyEvents(strangers)).isZero();
      assertThat(bobs.drain().stream().filter(isEvent("story.created").or(isEvent("story.viewed"))).count()).isZero();
    }
  }

  private static HttpResponse<Buffer> post(Node node, User as, String path, JsonObject body) {
    return http.post(node.httpPort(), "127.0.0.1", path).putHeader("Authorization", "Bearer " + as.token())
      .sendJsonObject(body).await();
  }

  private static JsonObject next(BridgeClient device, String type) throws InterruptedException {
    JsonObject frame = device.next(isEvent(type), WAIT);
    assertThat(frame).as(type).isNotNull();
    return frame.getJsonObject("body");
  }

  private static long storyEvents(BridgeClient device) {
    return device.drain().stream().filter(frame -> Address.CLIENT_EVENTS.equals(frame.getString("address"))
      && frame.getJsonObject("body", new JsonObject()).getString("type", "").startsWith("story.")).count();
  }

  private static Predicate<JsonObject> isEvent(String type) {
    return frame -> Address.CLIENT_EVENTS.equals(frame.getString("address"))
      && type.equals(frame.getJsonObject("body", new JsonObject()).getString("type"));
  }
}
