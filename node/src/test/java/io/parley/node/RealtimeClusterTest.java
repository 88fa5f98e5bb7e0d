package io.parley.node;

import static io.parley.node.Users.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Users.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.BridgeClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three clustered nodes, users spread over them, a user with devices on two nodes: messages,
 * typing, receipts and presence reach every device of every member once, whichever node it is on.
 */
class RealtimeClusterTest {

  private static final Duration QUIET = Duration.ofSeconds(2);

  @RegisterExtension
  static final TestCluster cluster = TestCluster.clustered(TestCluster.EVERY_ROLE, TestCluster.EVERY_ROLE, TestCluster.EVERY_ROLE)
    .config(ConfigKeys.REALTIME_PRESENCE_GRACE_MS, 200)
    .config(ConfigKeys.REALTIME_ROUTE_BY_INTEREST, true)
    .build();
  private static Users users;

  @BeforeAll
  static void client() {
    users = new Users(cluster.vertx());
  }

  @Test
  void membersOnDifferentNodesGetEveryEventOnceOnEveryDevice() throws Exception {
    Node a = cluster.member(0);
    Node b = cluster.member(1);
    Node c = cluster.member(2);
    User alice = users.register(a, "alice");
    User bob = users.register(b, "bob");
    User carol = users.register(c, "carol");
    String chat = users.createGroup(b, alice, List.of(bob, carol));

    try (BridgeClient alicePhone = users.connect(a, alice);
         BridgeClient aliceLaptop = users.connect(b, alice);
         BridgeClient bobs = users.connect(c, bob);
         BridgeClient carols = users.connect(a, carol)) {
      List<Long> sent = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        JsonObject message = Users.request(alicePhone, alice, Address.CHAT_MESSAGE_SEND, new JsonObject()
          .put("chatId", chat).put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "hello " + i));
        sent.add(message.getLong("seq"));
      }

      for (BridgeClient device : List.of(alicePhone, aliceLaptop, bobs, carols)) {
        assertThat(messageSeqs(device, chat, sent.size())).as("each message once, in order").isEqualTo(sent);
      }

      JsonObject typing = Users.request(bobs, bob, Address.REALTIME_TYPING, new JsonObject().put("chatId", chat).put("typing", true));
      assertThat(typing.getBoolean("relayed")).isTrue();
      for (BridgeClient device : List.of(alicePhone, aliceLaptop, carols)) {
        JsonObject event = nextEvent(device, body -> "typing".equals(body.getString("type")));
        assertThat(event.getString("userId")).isEqualTo(bob.id());
      }

      Users.request(bobs, bob, Address.CHAT_READ, new JsonObject().put("chatId", chat).put("seq", sent.get(sent.size() - 1)));
      for (BridgeClient device : List.of(alicePhone, aliceLaptop)) {
        JsonObject receipt = nextEvent(device, body -> "receipt.updated".equals(body.getString("type")));
        assertThat(receipt.getJsonObject("payload").getString("chatId")).isEqualTo(chat);
      }

      // Bob and Carol came online after Alice: her devices on both nodes were told.
      assertThat(users.presence(c, carol, alice).getString("status")).isEqualTo("online");
      assertThat(users.presence(a, alice, bob).getString("status")).isEqualTo("online");
    }
  }

  @Test
  void messagesSentWithoutWaitingAreStoredAndAnsweredInTheOrderSentAcrossNodes() throws Exception {
    Node a = cluster.member(0);
    User alice = users.register(a, "alice");
    User bob = users.register(cluster.member(1), "bob");
    String chat = users.createGroup(a, alice, List.of(bob));

    try (BridgeClient phone = users.connect(a, alice)) {
      // Three nodes run the chat service: sends handed out one by one could be stored in any order.
      int count = 30;
      for (int i = 0; i < count; i++) {
        phone.send(Address.CHAT_MESSAGE_SEND, new JsonObject().put("chatId", chat)
          .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "quick " + i),
          Users.auth(alice), "quick-" + i);
      }
      List<String> answered = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      while (answered.size() < count) {
        JsonObject reply = phone.next(frame -> frame.getString("address", "").startsWith("quick-"), WAIT);
        assertThat(reply).as("answers so far: " + answered).isNotNull();
        assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("rec");
        answered.add(reply.getString("address"));
        seqs.add(reply.getJsonObject("body").getLong("seq"));
      }

      assertThat(answered).as("answered in the order sent")
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).mapToObj(i -> "quick-" + i).toList());
      assertThat(seqs).as("numbered in the order sent").isSorted().doesNotHaveDuplicates();
      List<String> texts = new ArrayList<>();
      JsonObject page = Users.request(phone, alice, Address.CHAT_MESSAGE_HISTORY, new JsonObject().put("chatId", chat).put("limit", 100));
      page.getJsonArray("items").forEach(item -> texts.add(((JsonObject) item).getString("text")));
      assertThat(texts.stream().filter(text -> text != null && text.startsWith("quick ")).toList())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).mapToObj(i -> "quick " + i).toList());
    }
  }

  @Test
  void aNodeWithNoMemberOfAChatConnectedReceivesNoneOfItsEvents() throws Exception {
    Node a = cluster.member(0);
    Node b = cluster.member(1);
    Node c = cluster.member(2);
    User alice = users.register(a, "alice");
    User bob = users.register(b, "bob");
    User carol = users.register(c, "carol");
    String chat = users.createGroup(a, alice, List.of(bob));
    users.createGroup(c, carol, List.of(alice));

    try (BridgeClient alices = users.connect(a, alice);
         BridgeClient bobs = users.connect(b, bob);
         BridgeClient carols = users.connect(c, carol)) {
      double bystanderBefore = chatEventsReceived(c, "node") + chatEventsReceived(c, "all");
      double bobsNodeBefore = chatEventsReceived(b, "node");
      List<Long> sent = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        sent.add(Users.request(alices, alice, Address.CHAT_MESSAGE_SEND, message(chat, "only for bob " + i)).getLong("seq"));
      }

      assertThat(messageSeqs(bobs, chat, sent.size())).isEqualTo(sent);
      assertThat(chatEventsReceived(b, "node") - bobsNodeBefore).as("sent to Bob's node").isGreaterThanOrEqualTo(sent.size());
      assertThat(chatEventsReceived(c, "node") + chatEventsReceived(c, "all") - bystanderBefore)
        .as("events that reached the node where only Carol, no member of the chat, is connected").isZero();
      assertThat(messageSeqs(carols, chat, 0)).isEmpty();

      // Typing too: a listener on Carol's node would hear a notice published to every node.
      List<JsonObject> heardOnCarolsNode = new java.util.concurrent.CopyOnWriteArrayList<>();
      var listener = c.vertx().eventBus().<JsonObject>consumer(Address.REALTIME_EPHEMERAL, notice -> {
        if (chat.equals(notice.body().getString("chatId"))) {
          heardOnCarolsNode.add(notice.body());
        }
      });
      listener.completion().await();
      try {
        Users.request(alices, alice, Address.REALTIME_TYPING, new JsonObject().put("chatId", chat).put("typing", true));
        assertThat(nextEvent(bobs, body -> "typing".equals(body.getString("type"))).getString("userId")).isEqualTo(alice.id());
        Thread.sleep(QUIET.toMillis());
        assertThat(heardOnCarolsNode).as("typing notices that reached Carol's node").isEmpty();
      } finally {
        listener.unregister().await();
      }
    }
  }

  @Test
  void aMemberAddedWhileMessagesFlowGetsEveryMessageAfterTheAddOnceThoughTheirNodeRoutedNothingOfTheChat() throws Exception {
    Node a = cluster.member(0);
    User alice = users.register(a, "alice");
    User dave = users.register(cluster.member(2), "dave");

    try (BridgeClient daves = users.connect(cluster.member(2), dave)) {
      // Several rounds: the messages committed around the add race Dave's node's claim on the chat.
      // A sender per round keeps each within the send rate limit.
      for (int round = 0; round < 3; round++) {
        User bob = users.register(cluster.member(1), "bob");
        BridgeClient bobs = users.connect(cluster.member(1), bob);
        String chat = users.createGroup(a, alice, List.of(bob));
        List<String> pending = new ArrayList<>();
        java.util.concurrent.CompletableFuture<Void> added = null;
        for (int i = 0; i < 16; i++) {
          String reply = "flow-" + round + "-" + i;
          bobs.send(Address.CHAT_MESSAGE_SEND, message(chat, "while Dave joins " + i), Users.auth(bob), reply);
          pending.add(reply);
          if (i == 4) {
            added = java.util.concurrent.CompletableFuture.runAsync(() -> users.addMembers(a, alice, chat, List.of(dave)));
          }
        }
        added.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        List<Long> sent = new ArrayList<>();
        for (String reply : pending) {
          JsonObject answer = bobs.nextMessage(reply, WAIT);
          assertThat(answer).as(reply).isNotNull();
          sent.add(answer.getJsonObject("body").getLong("seq"));
        }

        JsonObject joined = daves.next(frame -> isEvent(frame, chat, "chat.member.changed"), WAIT);
        assertThat(joined).as("Dave is told he was added").isNotNull();
        long addedAt = joined.getJsonObject("body").getJsonObject("payload").getLong("seq");
        List<Long> afterTheAdd = sent.stream().filter(seq -> seq > addedAt).toList();
        assertThat(messageSeqs(daves, chat, afterTheAdd.size())).as("round " + round + ", added at " + addedAt)
          .isEqualTo(afterTheAdd);
        bobs.close();
      }
    }
  }

  private static boolean isEvent(JsonObject frame, String chat, String type) {
    JsonObject body = frame.getJsonObject("body");
    return "rec".equals(frame.getString("type")) && body != null && type.equals(body.getString("type"))
      && chat.equals(body.getString("aggregateId"));
  }

  private static JsonObject message(String chat, String text) {
    return new JsonObject().put("chatId", chat).put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "text").put("text", text);
  }

  private static double chatEventsReceived(Node node, String route) {
    io.micrometer.core.instrument.Counter counter = io.parley.shared.infra.NodeServices.of(node.vertx()).metrics()
      .find(io.parley.shared.metrics.Meters.REALTIME_CHAT_EVENTS).tag("route", route).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The seqs of message.sent events of the chat this device receives until it has {@code expected} and then a quiet moment. */
  private static List<Long> messageSeqs(BridgeClient device, String chat, int expected) throws InterruptedException {
    List<Long> seqs = new ArrayList<>();
    while (true) {
      JsonObject frame = device.next(f -> isMessageSent(f, chat), seqs.size() < expected ? WAIT : QUIET);
      if (frame == null) {
        return seqs;
      }
      seqs.add(frame.getJsonObject("body").getJsonObject("payload").getLong("seq"));
    }
  }

  private static boolean isMessageSent(JsonObject frame, String chat) {
    JsonObject body = frame.getJsonObject("body");
    return "rec".equals(frame.getString("type")) && body != null && "message.sent".equals(body.getString("type"))
      && chat.equals(body.getString("aggregateId"));
  }

  private static JsonObject nextEvent(BridgeClient device, java.util.function.Predicate<JsonObject> body) throws InterruptedException {
    JsonObject frame = device.next(f -> Address.CLIENT_EVENTS.equals(f.getString("address")) && body.test(f.getJsonObject("body")), WAIT);
    assertThat(frame).isNotNull();
    return frame.getJsonObject("body");
  }
}
