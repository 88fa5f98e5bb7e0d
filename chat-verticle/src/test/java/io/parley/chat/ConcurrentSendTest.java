package io.parley.chat;

import static io.parley.chat.ChatFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.error.BusErrors;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ordering promise under load: many senders at once, on two nodes (two Vert.x instances, each
 * with its own chat service and connection pool, sharing the database as a cluster does).
 */
class ConcurrentSendTest {

  private static final int SENDERS = 20;
  private static final int MESSAGES_EACH = 10;

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().nodes(2).build();

  @Test
  void concurrentSendersOnTwoNodesGetGapFreeUniqueNumbers() {
    User owner = fixture.user("owner");
    List<User> senders = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      senders.add(fixture.user("sender"));
    }
    UUID chatId = fixture.group(owner, senders.toArray(User[]::new));

    List<Future<Message<JsonObject>>> sends = new ArrayList<>();
    for (int round = 0; round < MESSAGES_EACH; round++) {
      for (int i = 0; i < SENDERS; i++) {
        Vertx node = i % 2 == 0 ? fixture.vertx() : fixture.vertx(1);
        sends.add(node.eventBus().request(Address.CHAT_MESSAGE_SEND, text(chatId, "m" + round + " from " + i),
          new DeliveryOptions().addHeader(Headers.USER_ID, senders.get(i).id().toString())));
      }
    }
    Future.all(sends).await();

    int total = SENDERS * MESSAGES_EACH;
    List<Long> acknowledged = sends.stream().map(send -> send.result().body().getLong("seq")).sorted().toList();
    assertThat(acknowledged).containsExactlyElementsOf(LongStream.rangeClosed(2, total + 1).boxed().toList());
    assertThat(fixture.lastSeq(chatId)).isEqualTo(total + 1);
    assertThat(fixture.count("SELECT count(*) FROM chat_changes WHERE chat_id = $1", chatId)).isEqualTo(total + 1);
    assertThat(fixture.count("SELECT count(DISTINCT seq) FROM messages WHERE chat_id = $1", chatId)).isEqualTo(total + 1);
    // Per sender, numbers follow the order in which that sender's requests were committed.
    List<JsonObject> history = new ArrayList<>();
    JsonObject page = fixture.call(owner, Address.CHAT_MESSAGE_HISTORY, ChatFixture.chat(chatId).put("after", 0).put("limit", 100));
    while (true) {
      page.getJsonArray("items").forEach(item -> history.add((JsonObject) item));
      if (!page.getBoolean("hasMore")) {
        break;
      }
      long last = history.get(history.size() - 1).getLong("seq");
      page = fixture.call(owner, Address.CHAT_MESSAGE_HISTORY, ChatFixture.chat(chatId).put("after", last).put("limit", 100));
    }
    assertThat(history).extracting(message -> message.getLong("seq"))
      .containsExactlyElementsOf(LongStream.rangeClosed(1, total + 1).boxed().toList());
  }

  @Test
  void noMessageOfARemovedMemberLandsAfterTheirRemoval() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(owner, bob);

    List<Future<Message<JsonObject>>> sends = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Vertx node = i % 2 == 0 ? fixture.vertx() : fixture.vertx(1);
      sends.add(node.eventBus().request(Address.CHAT_MESSAGE_SEND, text(chatId, "racing " + i),
        new DeliveryOptions().addHeader(Headers.USER_ID, bob.id().toString())));
      if (i == 20) {
        sends.add(fixture.vertx(1).eventBus().request(Address.CHAT_MEMBER_REMOVE,
          ChatFixture.chat(chatId).put("userId", bob.id().toString()),
          new DeliveryOptions().addHeader(Headers.USER_ID, owner.id().toString())));
      }
    }
    Future.join(sends).otherwiseEmpty().await();

    long removal = (Long) fixture.scalar("SELECT left_seq FROM chat_members WHERE chat_id = $1 AND user_id = $2", chatId, bob.id());
    long refused = sends.stream().filter(Future::failed).count();
    assertThat(fixture.count("SELECT count(*) FROM messages WHERE chat_id = $1 AND sender_id = $2 AND seq > $3",
      chatId, bob.id(), removal)).isZero();
    assertThat(fixture.count("SELECT count(*) FROM messages WHERE chat_id = $1 AND sender_id = $2 AND kind = 'text'",
      chatId, bob.id())).isEqualTo(60 - refused);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(1 + (60 - refused) + 1);
  }

  @Test
  void concurrentRetriesOfOneSendStoreItOnce() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    JsonObject request = text(chatId, "sent from a flaky network");

    List<Future<Message<JsonObject>>> retries = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Vertx node = i % 2 == 0 ? fixture.vertx() : fixture.vertx(1);
      retries.add(node.eventBus().request(Address.CHAT_MESSAGE_SEND, request,
        new DeliveryOptions().addHeader(Headers.USER_ID, alice.id().toString())));
    }
    Future.all(retries).await();

    assertThat(retries.stream().map(retry -> retry.result().body().getString("id")).distinct()).hasSize(1);
    assertThat(retries.stream().filter(retry -> retry.result().headers().get(Headers.REPLY_STATUS) == null)).hasSize(1);
    assertThat(fixture.count("SELECT count(*) FROM messages WHERE chat_id = $1 AND kind = 'text'", chatId)).isOne();
    assertThat(fixture.lastSeq(chatId)).isEqualTo(2);
  }

  @Test
  void aBurstIntoOneChatCommitsInFewTransactionsAndEachSenderHearsItsOwnNumber() {
    User owner = fixture.user("owner");
    List<User> senders = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      senders.add(fixture.user("burst"));
    }
    UUID chatId = fixture.group(owner, senders.toArray(User[]::new));

    List<Future<Message<JsonObject>>> sends = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      sends.add(fixture.request(senders.get(i % senders.size()), Address.CHAT_MESSAGE_SEND, text(chatId, "burst " + i)));
    }
    Future.all(sends).await();

    // Two service instances, each writing a batch while the next one gathers: a handful of commits, not 80.
    assertThat(fixture.count("SELECT count(DISTINCT xmin::text) FROM messages WHERE chat_id = $1 AND kind = 'text'", chatId))
      .isLessThanOrEqualTo(20);
    for (Future<Message<JsonObject>> send : sends) {
      JsonObject acknowledged = send.result().body();
      assertThat(fixture.scalar("SELECT text FROM messages WHERE chat_id = $1 AND seq = $2", chatId, acknowledged.getLong("seq")))
        .isEqualTo(acknowledged.getString("text"));
    }
    assertThat(fixture.count("SELECT count(*) FROM chat_changes WHERE chat_id = $1 AND type = 'message.sent'", chatId))
      .isEqualTo(80);
    assertThat(fixture.count("SELECT count(*) FROM outbox WHERE aggregate_id = $1 AND envelope->>'type' = 'message.sent'",
      chatId.toString())).isEqualTo(80);
  }

  @Test
  void sendsToManyChatsAtOnceShareCommitsAndEachChatIsNumberedWithoutGaps() {
    User owner = fixture.user("owner");
    List<User> members = new ArrayList<>();
    List<UUID> chats = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      User member = fixture.user("member");
      members.add(member);
      chats.add(fixture.group(owner, member));
    }

    List<Future<Message<JsonObject>>> sends = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < chats.size(); i++) {
        sends.add(fixture.request(members.get(i), Address.CHAT_MESSAGE_SEND, text(chats.get(i), "round " + round)));
      }
    }
    Future.all(sends).await();

    long transactions = fixture.count("SELECT count(DISTINCT xmin::text) FROM messages WHERE chat_id = ANY ($1) AND kind = 'text'",
      (Object) chats.toArray(UUID[]::new));
    assertThat(transactions).as("commits for 60 sends to 12 chats").isLessThan(30);
    for (int i = 0; i < chats.size(); i++) {
      List<JsonObject> history = fixture.history(owner, chats.get(i));
      assertThat(history).extracting(message -> message.getLong("seq"))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 6).boxed().toList());
      assertThat(history.subList(1, 6)).extracting(message -> message.getString("text"))
        .containsExactlyInAnyOrder("round 0", "round 1", "round 2", "round 3", "round 4");
    }
  }

  @Test
  void aConnectionsPipelinedSendsAreStoredInTheirOrderEachWithItsOwnOutcome() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    UUID elsewhere = fixture.group(bob, fixture.user("carol"));
    long first = fixture.send(alice, chatId, "the first").getLong("seq");

    JsonArray sends = new JsonArray()
      .add(text(chatId, "one"))
      // A reply is checked before it is stored (the message replied to), a plain text is not:
      // the order must hold all the same.
      .add(text(chatId, "two").put("replyTo", first))
      .add(new JsonObject().put("chatId", chatId.toString()).put("kind", "text").put("text", "no client id"))
      .add(text(chatId, "three"))
      .add(text(elsewhere, "not a member here"))
      .add(text(chatId, "four"));
    JsonArray results = fixture.call(alice, Address.CHAT_MESSAGE_SEND_BATCH, new JsonObject().put("messages", sends))
      .getJsonArray("results");

    assertThat(results).hasSize(6);
    assertThat(results.getJsonObject(2).getInteger("status")).isEqualTo(422);
    assertThat(results.getJsonObject(2).getJsonObject("error").getString("code")).isEqualTo(ChatErrors.INVALID_CLIENT_ID.code());
    assertThat(results.getJsonObject(4).getJsonObject("error").getString("code")).isEqualTo("chat.not_found");
    List<Long> stored = List.of(0, 1, 3, 5).stream()
      .map(i -> results.getJsonObject(i).getJsonObject("message").getLong("seq")).toList();
    assertThat(stored).containsExactly(first + 1, first + 2, first + 3, first + 4);
    assertThat(fixture.history(bob, chatId)).extracting(message -> message.getString("text"))
      .endsWith("the first", "one", "two", "three", "four");
  }

  @Test
  void aBatchThatIsNotAListOfOneToAHundredSendsIsRefusedAndStoresNothing() {
    User alice = fixture.user("alice");
    UUID chatId = fixture.group(alice, fixture.user("bob"));
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 101; i++) {
      tooMany.add(text(chatId, "one of too many"));
    }
    for (JsonObject body : List.of(new JsonObject(), new JsonObject().put("messages", "text"),
        new JsonObject().put("messages", new JsonArray()), new JsonObject().put("messages", tooMany))) {
      fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND_BATCH, body, "request.invalid", 400);
    }
    Throwable anonymous = fixture.vertx().eventBus()
      .request(Address.CHAT_MESSAGE_SEND_BATCH, new JsonObject().put("messages", new JsonArray().add(text(chatId, "who?"))))
      .map(reply -> (Throwable) null).otherwise(failure -> failure).await();
    assertThat(BusErrors.fromReply((ReplyException) anonymous).errorCode().status()).as("no signed-in caller").isEqualTo(401);
    assertThat(fixture.lastSeq(chatId)).as("only the creation").isEqualTo(1);
  }

  @Test
  void aRefusedSendInABatchIsRefusedAloneAndTheOthersAreStored() {
    User owner = fixture.user("owner");
    User reader = fixture.user("reader");
    User stranger = fixture.user("stranger");
    UUID channel = fixture.channel(owner, reader);

    List<Future<Message<JsonObject>>> owners = new ArrayList<>();
    List<Future<Message<JsonObject>>> readers = new ArrayList<>();
    List<Future<Message<JsonObject>>> strangers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      owners.add(fixture.request(owner, Address.CHAT_MESSAGE_SEND, text(channel, "news " + i)));
      readers.add(fixture.request(reader, Address.CHAT_MESSAGE_SEND, text(channel, "reader " + i)));
      strangers.add(fixture.request(stranger, Address.CHAT_MESSAGE_SEND, text(channel, "stranger " + i)));
    }
    Future.join(concat(owners, readers, strangers)).otherwiseEmpty().await();

    assertThat(owners).allMatch(Future::succeeded);
    assertThat(readers).allSatisfy(send -> assertThat(code(send)).isEqualTo("chat.not_allowed"));
    assertThat(strangers).allSatisfy(send -> assertThat(code(send)).isEqualTo("chat.not_found"));
    long first = fixture.lastSeq(channel) - 29;
    assertThat(owners.stream().map(send -> send.result().body().getLong("seq")).sorted().toList())
      .containsExactlyElementsOf(LongStream.rangeClosed(first, first + 29).boxed().toList());
    assertThat(fixture.count("SELECT count(*) FROM messages WHERE chat_id = $1 AND kind = 'text'", channel)).isEqualTo(30);
  }

  @Test
  void threadRepliesStoredTogetherAreAllCountedOnTheirRoot() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    long root = fixture.send(alice, chatId, "a thread").getLong("seq");

    List<Future<Message<JsonObject>>> replies = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      replies.add(fixture.request(i % 2 == 0 ? alice : bob, Address.CHAT_MESSAGE_SEND,
        text(chatId, "reply " + i).put("threadRoot", root)));
    }
    Future.all(replies).await();

    long lastReply = replies.stream().mapToLong(reply -> reply.result().body().getLong("seq")).max().orElseThrow();
    assertThat(fixture.scalar("SELECT thread_reply_count FROM messages WHERE chat_id = $1 AND seq = $2", chatId, root))
      .isEqualTo(24);
    assertThat(fixture.scalar("SELECT thread_last_seq FROM messages WHERE chat_id = $1 AND seq = $2", chatId, root))
      .isEqualTo(lastReply);
  }

  private static String code(Future<?> refused) {
    return BusErrors.fromReply((ReplyException) refused.cause()).errorCode().code();
  }

  @SafeVarargs
  private static <T> List<Future<T>> concat(List<Future<T>>... lists) {
    List<Future<T>> all = new ArrayList<>();
    for (List<Future<T>> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
