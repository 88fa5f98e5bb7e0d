package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.Ids;
import io.parley.shared.infra.Connections;
import io.parley.shared.presence.ChatInterest;
import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a commit's events go: to the nodes that claimed their chat in Redis, once each; to every
 * node when no node did; and to every node, in order, when Redis stops answering. The claims are
 * written to the real Redis the way gateways write them; the nodes are consumers on their addresses.
 */
class ChatEventsTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  /** The cluster's members as the chat service sees them: the two nodes with consumers here. */
  private static final Set<String> MEMBERS = Set.of("node-1", "node-2");

  private Vertx vertx;
  private final List<String> published = new CopyOnWriteArrayList<>();
  private final List<String> toNodeOne = new CopyOnWriteArrayList<>();
  private final List<String> toNodeTwo = new CopyOnWriteArrayList<>();

  @BeforeEach
  void nodes() {
    vertx = Vertx.vertx();
    vertx.eventBus().<JsonObject>consumer(Address.CHAT_EVENTS, event -> published.add(readerOf(event.body()))).completion().await();
    vertx.eventBus().<JsonObject>consumer(Address.realtimeNode("node-1"), event -> toNodeOne.add(readerOf(event.body())))
      .completion().await();
    vertx.eventBus().<JsonObject>consumer(Address.realtimeNode("node-2"), event -> toNodeTwo.add(readerOf(event.body())))
      .completion().await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void eventsGoOnceToEachNodeThatClaimedTheirChatAndToNoOtherNode() throws Exception {
    Redis redis = Connections.redis(vertx, TestBackends.config());
    UUID chat = UUID.randomUUID();
    claim(redis, chat, "node-1", "node-2");
    ChatEvents events = new ChatEvents(vertx.eventBus(), new Ids(Clock.systemUTC()), redis, () -> MEMBERS);

    events.publish(List.of(receipt(events, chat, "ann"), receipt(events, chat, "bob")));

    Poll.until(() -> toNodeOne.size() == 2 && toNodeTwo.size() == 2, WAIT);
    assertThat(toNodeOne).containsExactly("ann", "bob");
    assertThat(toNodeTwo).containsExactly("ann", "bob");
    Thread.sleep(300);
    assertThat(published).as("published to every node").isEmpty();
  }

  @Test
  void eventsOfAChatNoNodeClaimedGoToEveryNode() {
    ChatEvents events = new ChatEvents(vertx.eventBus(), new Ids(Clock.systemUTC()), Connections.redis(vertx, TestBackends.config()),
      () -> MEMBERS);

    events.publish(List.of(receipt(events, UUID.randomUUID(), "ann")));

    Poll.until(() -> published.size() == 1, WAIT);
    assertThat(toNodeOne).isEmpty();
  }

  @Test
  void aClaimLeftByANodeGoneFromTheClusterIsSkipped() throws Exception {
    // A send to a gone node's address finds no consumer, and the bus would look the address up in
    // the cluster's registry for each such send, on a worker thread.
    Redis redis = Connections.redis(vertx, TestBackends.config());
    UUID chat = UUID.randomUUID();
    claim(redis, chat, "node-1", "node-killed");
    List<String> toKilledNode = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Address.realtimeNode("node-killed"), event -> toKilledNode.add(readerOf(event.body())))
      .completion().await();
    ChatEvents events = new ChatEvents(vertx.eventBus(), new Ids(Clock.systemUTC()), redis, () -> MEMBERS);

    events.publish(List.of(receipt(events, chat, "ann")));

    Poll.until(() -> toNodeOne.size() == 1, WAIT);
    Thread.sleep(300);
    assertThat(toKilledNode).as("sent to the node gone from the cluster").isEmpty();
    assertThat(published).as("published to every node").isEmpty();
  }

  @Test
  void aRedisThatStopsAnsweringDelaysEventsButNeverStopsThemAndKeepsTheirOrder() throws Exception {
    // A real server that takes the connection and never says a word: a hung Redis.
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Redis hung = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + silent.getLocalPort()));
      ChatEvents events = new ChatEvents(vertx.eventBus(), new Ids(Clock.systemUTC()), hung, () -> MEMBERS);
      UUID chat = UUID.randomUUID();

      events.publish(List.of(receipt(events, chat, "first")));
      events.publish(List.of(receipt(events, chat, "second")));

      Poll.until(() -> published.size() == 2, WAIT);
      assertThat(published).containsExactly("first", "second");
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  /** Claims {@code chat} for {@code nodes} as their gateways would (the sorted-set entry of each). */
  private static void claim(Redis redis, UUID chat, String... nodes) {
    long until = System.currentTimeMillis() + ChatInterest.CLAIM_MS;
    redis.batch(Arrays.stream(nodes).map(node -> ChatInterest.claim(chat.toString(), node, until).get(0)).toList()).await();
  }

  /** A receipt event, told apart in the test by its reader (a name kept as a name-based UUID). */
  private static io.parley.shared.event.EventEnvelope receipt(ChatEvents events, UUID chat, String reader) {
    return events.unnumbered("receipt.updated", chat, Instant.now(), ChatEvents.MEMBERS,
      new JsonObject().put("userId", idOf(reader).toString()).put("deliveredUpTo", 1).put("readUpTo", 1));
  }

  private static UUID idOf(String reader) {
    return UUID.nameUUIDFromBytes(reader.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String readerOf(JsonObject event) {
    String userId = event.getJsonObject("payload").getString("userId");
    return java.util.stream.Stream.of("ann", "bob", "first", "second").filter(name -> idOf(name).toString().equals(userId))
      .findFirst().orElse(userId);
  }
}
