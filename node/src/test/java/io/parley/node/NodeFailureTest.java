package io.parley.node;

import static io.parley.node.Users.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Users.User;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.FreePorts;
import io.parley.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A node goes away with users on it: they show offline once its presence lapses, and their
 * clients, reconnecting to a surviving node with their sync cursor, get everything they missed
 * exactly once, then live events again.
 */
class NodeFailureTest {

  private static final long PRESENCE_TTL_MS = 3_000;

  @Test
  void usersOfALostNodeGoOfflineAndResumeOnAnotherWithNothingLostOrDuplicated() throws Exception {
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    Vertx client = Vertx.vertx();
    Users users = new Users(client);
    try (Node a = Node.start(settings(TestNodes.clustered(TestNodes.onSharedBackends(), portA, portA, portB)))) {
      Node b = Node.start(settings(TestNodes.clustered(TestNodes.onSharedBackends(), portB, portA, portB))
        .put("auth", a.config().getJsonObject("auth").copy()));
      User alice = users.register(a, "alice");
      User bob = users.register(a, "bob");
      String chat = users.createGroup(a, alice, List.of(bob));

      BridgeClient bobOnB = users.connect(b, bob);
      String cursor = Users.request(bobOnB, bob, Address.CHAT_SYNC, new JsonObject()).getString("cursor");
      try (BridgeClient aliceOnA = users.connect(a, alice)) {
        Poll.until(() -> "online".equals(users.presence(a, alice, bob).getString("status")), WAIT);

        b.close();
        long lost = System.currentTimeMillis();
        JsonObject goodbye = bobOnB.next(f -> f.getJsonObject("body") != null
          && "server.shutdown".equals(f.getJsonObject("body").getString("type")), WAIT);
        assertThat(goodbye.getJsonObject("body").getLong("reconnectInMs")).as("asked to come back after a jittered delay")
          .isBetween(250L, 5_000L);
        Poll.until(bobOnB::closedByServer, WAIT);

        List<Long> sentWhileAway = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          sentWhileAway.add(send(aliceOnA, alice, chat, "while you were away " + i));
        }
        Poll.until(() -> "offline".equals(users.presence(a, alice, bob).getString("status")), Duration.ofSeconds(15));
        assertThat(System.currentTimeMillis() - lost).as("offline within the presence TTL, plus a flush")
          .isLessThan(PRESENCE_TTL_MS + 5_000);

        try (BridgeClient bobOnA = users.connect(a, bob)) {
          JsonObject missed = Users.request(bobOnA, bob, Address.CHAT_SYNC, new JsonObject().put("cursor", cursor));
          List<Long> synced = missed.getJsonArray("events").stream().map(JsonObject.class::cast)
            .filter(event -> "message.sent".equals(event.getString("type")))
            .map(event -> event.getLong("seq")).toList();
          assertThat(synced).as("everything missed, once, in order").isEqualTo(sentWhileAway);

          long live = send(aliceOnA, alice, chat, "and now live");
          JsonObject frame = bobOnA.next(f -> f.getJsonObject("body") != null
            && "message.sent".equals(f.getJsonObject("body").getString("type")), WAIT);
          assertThat(frame.getJsonObject("body").getJsonObject("payload").getLong("seq")).isEqualTo(live);
        }
      }
    } finally {
      client.close().await();
    }
  }

  private static JsonObject settings(JsonObject config) {
    Config.set(config, ConfigKeys.REALTIME_PRESENCE_TTL_MS, PRESENCE_TTL_MS);
    Config.set(config, ConfigKeys.REALTIME_PRESENCE_GRACE_MS, 200);
    return config;
  }

  private static long send(BridgeClient device, User sender, String chat, String text) throws InterruptedException {
    return Users.request(device, sender, Address.CHAT_MESSAGE_SEND, new JsonObject().put("chatId", chat)
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", text)).getLong("seq");
  }
}
