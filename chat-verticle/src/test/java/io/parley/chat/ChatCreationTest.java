package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatCreationTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_MAX_GROUP_MEMBERS, 4).build();

  private static JsonObject directWith(User other) {
    return new JsonObject().put("type", "direct").put("userId", other.id().toString());
  }

  @Test
  void openingADirectChatTwiceReturnsTheSameChatWith200() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");

    ChatFixture.Answer first = fixture.answer(alice, Address.CHAT_CREATE, directWith(bob));
    ChatFixture.Answer again = fixture.answer(bob, Address.CHAT_CREATE, directWith(alice));

    assertThat(first.status()).isNull();
    assertThat(again.status()).isEqualTo("200");
    assertThat(again.body().getString("id")).isEqualTo(first.body().getString("id"));
    assertThat(first.body().getString("type")).isEqualTo("direct");
    assertThat(first.body().getString("title")).isEqualTo("bob");
    assertThat(first.body().getJsonObject("peer").getString("userId")).isEqualTo(bob.id().toString());
    assertThat(first.body().getInteger("memberCount")).isEqualTo(2);
    assertThat(first.body().getLong("lastSeq")).isEqualTo(1);
  }

  @Test
  void concurrentOpensOfTheSamePairMakeOneChat() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    List<Future<Message<JsonObject>>> opens = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      opens.add(i % 2 == 0 ? fixture.request(alice, Address.CHAT_CREATE, directWith(bob))
        : fixture.request(bob, Address.CHAT_CREATE, directWith(alice)));
    }
    Future.all(opens).await();

    assertThat(opens.stream().map(open -> open.result().body().getString("id")).distinct()).hasSize(1);
    assertThat(fixture.count("SELECT count(*) FROM chats WHERE direct_user_low = least($1::uuid, $2::uuid)"
      + " AND direct_user_high = greatest($1::uuid, $2::uuid)", alice.id(), bob.id())).isEqualTo(1);
    assertThat(opens.stream().filter(open -> open.result().headers().get("x-parley-status") == null)).hasSize(1);
  }

  @Test
  void nobodyOpensADirectChatAcrossABlock() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    fixture.block(bob, alice);
    fixture.block(alice, carol);

    fixture.assertRefused(alice, Address.CHAT_CREATE, directWith(bob), "chat.blocked", 403);
    fixture.assertRefused(bob, Address.CHAT_CREATE, directWith(alice), "chat.blocked", 403);
    fixture.assertRefused(carol, Address.CHAT_CREATE, directWith(alice), "chat.blocked", 403);
    assertThat(fixture.count("SELECT count(*) FROM chat_members WHERE user_id = $1", alice.id())).isZero();
  }

  @Test
  void aDirectChatNeedsSomeoneElseWhoExists() {
    User alice = fixture.user("alice");
    fixture.assertRefused(alice, Address.CHAT_CREATE, directWith(alice), "chat.self_chat", 422);
    fixture.assertRefused(alice, Address.CHAT_CREATE,
      new JsonObject().put("type", "direct").put("userId", UUID.randomUUID().toString()), "chat.user_not_found", 404);
    fixture.assertRefused(alice, Address.CHAT_CREATE,
      new JsonObject().put("type", "direct").put("userId", "not-an-id"), "request.invalid", 400);
    fixture.assertRefused(alice, Address.CHAT_CREATE, new JsonObject().put("type", "party"), "chat.unknown_type", 422);
  }

  @Test
  void aGroupStartsWithItsOwnerItsMembersAndASystemMessage() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");

    JsonObject group = fixture.call(owner, Address.CHAT_CREATE, new JsonObject().put("type", "group")
      .put("title", "  Climbing  ").put("memberIds", new JsonArray().add(bob.id().toString()).add(carol.id().toString())));

    UUID chatId = UUID.fromString(group.getString("id"));
    assertThat(group.getString("title")).isEqualTo("Climbing");
    assertThat(group.getString("role")).isEqualTo("owner");
    assertThat(group.getInteger("memberCount")).isEqualTo(3);
    assertThat(group.getBoolean("public")).isFalse();
    assertThat(fixture.call(bob, Address.CHAT_GET, chat(chatId)).getString("role")).isEqualTo("member");
    JsonObject created = fixture.history(bob, chatId).get(0);
    assertThat(created.getString("kind")).isEqualTo("system");
    assertThat(created.getLong("seq")).isEqualTo(1);
    assertThat(created.getJsonObject("system").getString("action")).isEqualTo("created");
    // A new member has nothing unread: the history before joining is not news to them.
    assertThat(fixture.call(carol, Address.CHAT_GET, chat(chatId)).getLong("unreadCount")).isZero();
  }

  @Test
  void groupTitlesAndSizesHaveLimits() {
    User owner = fixture.user("owner");
    List<User> many = List.of(fixture.user("a"), fixture.user("b"), fixture.user("c"), fixture.user("d"));
    JsonArray ids = new JsonArray(many.stream().map(user -> user.id().toString()).toList());

    fixture.assertRefused(owner, Address.CHAT_CREATE, new JsonObject().put("type", "group").put("title", "   "),
      "chat.invalid_title", 422);
    fixture.assertRefused(owner, Address.CHAT_CREATE, new JsonObject().put("type", "group").put("title", "x".repeat(129)),
      "chat.invalid_title", 422);
    fixture.assertRefused(owner, Address.CHAT_CREATE, new JsonObject().put("type", "group").put("title", "Big")
      .put("memberIds", ids), "chat.too_many_members", 422);
    fixture.assertRefused(owner, Address.CHAT_CREATE, new JsonObject().put("type", "group").put("title", "Ghost")
      .put("memberIds", new JsonArray().add(UUID.randomUUID().toString())), "chat.user_not_found", 404);
    assertThat(fixture.count("SELECT count(*) FROM chats WHERE created_by = $1", owner.id())).isZero();
  }

  @Test
  void someoneWhoBlockedMeCannotBeAddedByMe() {
    User owner = fixture.user("owner");
    User blocker = fixture.user("blocker");
    fixture.block(blocker, owner);

    fixture.assertRefused(owner, Address.CHAT_CREATE, new JsonObject().put("type", "group").put("title", "Hi")
      .put("memberIds", new JsonArray().add(blocker.id().toString())), "chat.blocked", 403);
    UUID chatId = fixture.group(owner);
    fixture.assertRefused(owner, Address.CHAT_MEMBERS_ADD, chat(chatId)
      .put("userIds", new JsonArray().add(blocker.id().toString())), "chat.blocked", 403);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(1);
  }

  @Test
  void requestsWithoutAStampedUserAreUnauthenticated() {
    var refused = fixture.vertx().eventBus().request(Address.CHAT_LIST, new JsonObject());
    assertThat(refused.otherwiseEmpty().await()).isNull();
    assertThat(refused.failed()).isTrue();
    assertThat(((io.vertx.core.eventbus.ReplyException) refused.cause()).failureCode()).isEqualTo(401);
  }
}
