package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static io.parley.chat.ChatFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every operation on a group or channel, what each kind of caller gets: the owner, an admin,
 * a member, someone who never was a member, and a member who was removed. Every refusal leaves
 * the chat's sequence where it was.
 */
class AuthorizationMatrixTest {

  private static final String OK = "ok";
  private static final String NOT_FOUND = "chat.not_found";
  private static final String FORBIDDEN = "chat.not_allowed";

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  /** A chat with one person in each position, a member and an admin to act upon, and a message by that member. */
  record Scene(UUID chatId, User owner, User admin, User member, User outsider, User removed, User target,
               User targetAdmin, long targetMessage, long removal) {

    User as(String role) {
      return switch (role) {
        case "owner" -> owner;
        case "admin" -> admin;
        case "member" -> member;
        case "non-member" -> outsider;
        case "removed" -> removed;
        default -> throw new IllegalArgumentException(role);
      };
    }
  }

  private static Scene scene(String type) {
    User owner = fixture.user("owner");
    User admin = fixture.user("admin");
    User member = fixture.user("member");
    User removed = fixture.user("removed");
    User target = fixture.user("target");
    User targetAdmin = fixture.user("targetadmin");
    UUID chatId = UUID.fromString(fixture.call(owner, Address.CHAT_CREATE, new JsonObject().put("type", type)
      .put("title", "matrix").put("memberIds", ChatFixture.ids(admin, member, removed, target, targetAdmin))).getString("id"));
    for (User promoted : List.of(admin, targetAdmin, target)) {
      fixture.call(owner, Address.CHAT_MEMBER_ROLE, chat(chatId).put("userId", promoted.id().toString()).put("role", "admin"));
    }
    long message = fixture.send(target, chatId, "a message to act on").getLong("seq");
    fixture.call(owner, Address.CHAT_MEMBER_ROLE, chat(chatId).put("userId", target.id().toString()).put("role", "member"));
    long removal = fixture.call(owner, Address.CHAT_MEMBER_REMOVE, chat(chatId).put("userId", removed.id().toString()))
      .getLong("seq");
    return new Scene(chatId, owner, admin, member, fixture.user("outsider"), removed, target, targetAdmin, message, removal);
  }

  /** An operation: its address and request in a scene. */
  record Operation(String name, String chatType, String address, Function<Scene, JsonObject> request) {

    @Override
    public String toString() {
      return name;
    }
  }

  private static Operation op(String name, String address, Function<Scene, JsonObject> request) {
    return new Operation(name, "group", address, request);
  }

  private static final List<Operation> OPERATIONS = List.of(
    op("read history", Address.CHAT_MESSAGE_HISTORY, scene -> chat(scene.chatId())),
    op("see the chat", Address.CHAT_GET, scene -> chat(scene.chatId())),
    // A removed member syncs up to the change that removed them (see SyncTest), nothing after it.
    op("sync the chat after the removal", Address.CHAT_CHANGES, scene -> chat(scene.chatId()).put("after", scene.removal())),
    op("send in a group", Address.CHAT_MESSAGE_SEND, scene -> text(scene.chatId(), "hello")),
    new Operation("send in a channel", "channel", Address.CHAT_MESSAGE_SEND, scene -> text(scene.chatId(), "hello")),
    op("mark read", Address.CHAT_READ, scene -> chat(scene.chatId()).put("seq", 1)),
    op("add a member", Address.CHAT_MEMBERS_ADD, scene -> chat(scene.chatId())
      .put("userIds", new JsonArray().add(fixture.user("newcomer").id().toString()))),
    op("remove a member", Address.CHAT_MEMBER_REMOVE, scene -> chat(scene.chatId()).put("userId", scene.target().id().toString())),
    op("remove an admin", Address.CHAT_MEMBER_REMOVE, scene -> chat(scene.chatId()).put("userId", scene.targetAdmin().id().toString())),
    op("promote a member", Address.CHAT_MEMBER_ROLE, scene -> chat(scene.chatId())
      .put("userId", scene.target().id().toString()).put("role", "admin")),
    op("demote an admin", Address.CHAT_MEMBER_ROLE, scene -> chat(scene.chatId())
      .put("userId", scene.targetAdmin().id().toString()).put("role", "member")),
    op("transfer ownership", Address.CHAT_OWNER_TRANSFER, scene -> chat(scene.chatId()).put("userId", scene.target().id().toString())),
    op("rename the chat", Address.CHAT_UPDATE, scene -> chat(scene.chatId()).put("title", "renamed")),
    op("edit someone else's message", Address.CHAT_MESSAGE_EDIT, scene -> chat(scene.chatId())
      .put("seq", scene.targetMessage()).put("text", "edited")),
    op("delete someone else's message for everyone", Address.CHAT_MESSAGE_DELETE, scene -> chat(scene.chatId())
      .put("seq", scene.targetMessage()).put("scope", "everyone")),
    op("see the receipts of someone else's message", Address.CHAT_MESSAGE_RECEIPTS, scene -> chat(scene.chatId())
      .put("seq", scene.targetMessage())),
    op("create an invite link", Address.CHAT_INVITE_CREATE, scene -> chat(scene.chatId())),
    op("list invite links", Address.CHAT_INVITES, scene -> chat(scene.chatId())),
    op("revoke an invite link", Address.CHAT_INVITE_REVOKE, scene -> chat(scene.chatId()).put("token",
      fixture.call(scene.owner(), Address.CHAT_INVITE_CREATE, chat(scene.chatId())).getString("token"))),
    op("move someone else's live location", Address.CHAT_LOCATION_UPDATE, scene ->
      ChatFixture.position(scene.chatId(), liveLocationOf(scene), 1, 1)),
    op("stop someone else's live location", Address.CHAT_LOCATION_STOP, scene ->
      chat(scene.chatId()).put("messageSeq", liveLocationOf(scene))));

  /** A live location the scene's target member shares. */
  private static long liveLocationOf(Scene scene) {
    return fixture.call(scene.target(), Address.CHAT_MESSAGE_SEND, ChatFixture.liveLocation(scene.chatId(), 0, 0,
      java.time.Instant.now().plusSeconds(600))).getLong("seq");
  }

  /** Expected outcome per operation, for owner, admin, member; non-members and removed members always get 404. */
  private static final List<List<String>> EXPECTED = List.of(
    List.of(OK, OK, OK),
    List.of(OK, OK, OK),
    List.of(OK, OK, OK),
    List.of(OK, OK, OK),
    List.of(OK, OK, FORBIDDEN),
    List.of(OK, OK, OK),
    List.of(OK, OK, FORBIDDEN),
    List.of(OK, OK, FORBIDDEN),
    List.of(OK, FORBIDDEN, FORBIDDEN),
    List.of(OK, OK, FORBIDDEN),
    List.of(OK, FORBIDDEN, FORBIDDEN),
    List.of(OK, FORBIDDEN, FORBIDDEN),
    List.of(OK, OK, FORBIDDEN),
    List.of("message.not_sender", "message.not_sender", "message.not_sender"),
    List.of(OK, OK, "message.not_sender"),
    List.of("message.not_sender", "message.not_sender", "message.not_sender"),
    List.of(OK, OK, FORBIDDEN),
    List.of(OK, OK, FORBIDDEN),
    List.of(OK, OK, FORBIDDEN),
    List.of("message.not_sender", "message.not_sender", "message.not_sender"),
    List.of("message.not_sender", "message.not_sender", "message.not_sender"));

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    List<String> roles = List.of("owner", "admin", "member");
    for (int i = 0; i < OPERATIONS.size(); i++) {
      for (int r = 0; r < roles.size(); r++) {
        cells.add(Arguments.of(OPERATIONS.get(i), roles.get(r), EXPECTED.get(i).get(r)));
      }
      cells.add(Arguments.of(OPERATIONS.get(i), "non-member", NOT_FOUND));
      cells.add(Arguments.of(OPERATIONS.get(i), "removed", NOT_FOUND));
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{1}: {0} -> {2}")
  @MethodSource("cells")
  void eachCallerGetsWhatTheirPlaceAllows(Operation operation, String role, String expected) {
    Scene scene = scene(operation.chatType());
    User actor = scene.as(role);
    JsonObject request = operation.request().apply(scene);
    long before = fixture.lastSeq(scene.chatId());

    if (expected.equals(OK)) {
      fixture.call(actor, operation.address(), request);
    } else {
      assertThat(fixture.refusal(actor, operation.address(), request).errorCode().code()).isEqualTo(expected);
      assertThat(fixture.lastSeq(scene.chatId())).isEqualTo(before);
    }
  }

  @Test
  void blocksStopDirectChatsAndInvitationsBothWays() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID existing = fixture.direct(alice, bob);
    UUID group = fixture.group(alice);
    fixture.block(bob, alice);

    fixture.assertRefused(alice, Address.CHAT_CREATE, new JsonObject().put("type", "direct")
      .put("userId", bob.id().toString()), "chat.blocked", 403);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(existing, "hi"), "chat.blocked", 403);
    fixture.assertRefused(alice, Address.CHAT_MEMBERS_ADD, chat(group).put("userIds", ChatFixture.ids(bob)), "chat.blocked", 403);
    // The blocker may still add the person they blocked to a group they run.
    UUID bobsGroup = fixture.group(bob);
    fixture.call(bob, Address.CHAT_MEMBERS_ADD, chat(bobsGroup).put("userIds", ChatFixture.ids(alice)));
  }
}
