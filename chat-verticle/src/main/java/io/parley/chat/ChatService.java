package io.parley.chat;

import io.parley.chat.ChatListStore.Position;
import io.parley.chat.ChatStore.NewChat;
import io.parley.chat.Transactions.Written;
import io.parley.shared.Ids;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Chats themselves: creating direct chats, groups and channels, the chat list, one chat, its
 * title and description, joining public ones and a member's private settings (pin, mute,
 * archive). Membership changes are {@link MemberService}'s.
 */
final class ChatService {

  private final Pool pool;
  private final ChatStore chats;
  private final ChatListStore lists;
  private final MessageStore messages;
  private final ChangeStore changes;
  private final PrivateChangeStore privateChanges;
  private final Transactions transactions;
  private final ChatEvents events;
  private final ChatLimits limits;
  private final Ids ids;
  private final Clock clock;

  ChatService(Pool pool, ChatStore chats, ChatListStore lists, MessageStore messages, ChangeStore changes,
              PrivateChangeStore privateChanges, Transactions transactions, ChatEvents events, ChatLimits limits,
              Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.lists = lists;
    this.messages = messages;
    this.changes = changes;
    this.privateChanges = privateChanges;
    this.transactions = transactions;
    this.events = events;
    this.limits = limits;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  Future<Reply> create(BusRequest request) {
    ChatType type = ChatType.of(Fields.string(request.body(), "type"));
    return type == ChatType.DIRECT ? openDirect(request) : createGroup(request, type);
  }

  /** Opens the direct chat with someone: the existing one (200) or a new one (201), never two. */
  private Future<Reply> openDirect(BusRequest request) {
    UUID me = request.userId();
    UUID other = Fields.uuid(request.body(), "userId");
    if (other.equals(me)) {
      throw ChatErrors.SELF_CHAT.exception("A direct chat needs someone else");
    }
    // PostgreSQL orders uuids by their bytes, which is the order of their canonical strings
    // (UUID.compareTo compares signed longs and would disagree).
    UUID low = me.toString().compareTo(other.toString()) < 0 ? me : other;
    UUID high = low.equals(me) ? other : me;
    return chats.existingUsers(pool, List.of(other))
      .compose(found -> found.isEmpty()
        ? Future.failedFuture(ChatErrors.USER_NOT_FOUND.exception("No such user"))
        : chats.blockedBetween(pool, me, List.of(other)))
      .compose(blocked -> blocked.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(ChatErrors.BLOCKED.exception("You cannot chat with this user")))
      .compose(allowed -> chats.findDirect(pool, low, high))
      .compose(existing -> existing != null ? Future.succeededFuture(new Opened(existing, false))
        : insertDirect(me, other, low, high))
      .compose(created -> lists.one(pool, created.chatId(), me).map(chat ->
        created.isNew() ? Reply.of(chat) : Reply.existing(chat)));
  }

  private record Opened(UUID chatId, boolean isNew) {
  }

  private Future<Opened> insertDirect(UUID me, UUID other, UUID low, UUID high) {
    Instant now = now();
    NewChat chat = new NewChat(ids.next(), ChatType.DIRECT, "", "", false, me, now, 2, low, high);
    return transactions.write(tx -> chats.insertChat(tx, chat).compose(inserted -> {
      if (inserted == null) {
        // Someone opened the same pair a moment ago: theirs is the chat.
        return chats.findDirect(tx, low, high).map(existing -> Written.unchanged(new Opened(existing, false)));
      }
      JsonObject data = new JsonObject().put("action", "created").put("chatType", chat.type().wire())
        .put("memberIds", new JsonArray().add(me.toString()).add(other.toString()));
      Change created = new Change(chat.id(), 1, Change.CHAT_CREATED, me, now, null, data, null);
      return chats.addMembers(tx, chat.id(), List.of(me, other), Role.MEMBER, 1, now)
        .compose(added -> changes.record(tx, created))
        .map(recorded -> new Written<>(new Opened(chat.id(), true), List.of(events.of(created))));
    }));
  }

  Future<Reply> createGroup(BusRequest request, ChatType type) {
    UUID me = request.userId();
    JsonObject body = request.body();
    String title = title(Fields.string(body, "title"));
    String description = description(Fields.optionalString(body, "description"));
    boolean isPublic = Boolean.TRUE.equals(Fields.optionalBoolean(body, "public"));
    List<UUID> invited = body.getValue("memberIds") == null ? new ArrayList<>()
      : new ArrayList<>(Fields.uuids(body, "memberIds", 0, limits.maxMembersPerRequest()));
    invited.remove(me);
    if (invited.size() + 1 > limits.maxMembers(type)) {
      throw ChatErrors.TOO_MANY_MEMBERS.exception("A " + type.wire() + " has at most " + limits.maxMembers(type) + " members");
    }
    Instant now = now();
    NewChat chat = new NewChat(ids.next(), type, title, description == null ? "" : description, isPublic, me, now,
      invited.size() + 1, null, null);
    return checkInvitable(me, invited)
      .compose(ok -> transactions.write(tx -> insertGroup(tx, chat, invited)))
      .compose(chatId -> lists.one(pool, chatId, me))
      .map(Reply::of);
  }

  private Future<Written<UUID>> insertGroup(SqlConnection tx, NewChat chat, List<UUID> invited) {
    UUID me = chat.createdBy();
    List<String> memberIds = new ArrayList<>(List.of(me.toString()));
    invited.forEach(id -> memberIds.add(id.toString()));
    JsonObject data = new JsonObject().put("action", "created").put("chatType", chat.type().wire())
      .put("title", chat.title()).put("memberIds", new JsonArray(memberIds));
    return chats.insertChat(tx, chat)
      .compose(id -> chats.addMembers(tx, chat.id(), List.of(me), Role.OWNER, 1, chat.createdAt()))
      .compose(owner -> invited.isEmpty() ? Future.succeededFuture()
        : chats.addMembers(tx, chat.id(), invited, Role.MEMBER, 1, chat.createdAt()))
      .compose(members -> messages.insertSystem(tx, ids.next(), chat.id(), 1, me, data, chat.createdAt()))
      .compose(system -> {
        Change created = new Change(chat.id(), 1, Change.CHAT_CREATED, me, chat.createdAt(), 1L, data, system.toJson());
        return changes.record(tx, created).map(done -> new Written<>(chat.id(), List.of(events.of(created))));
      });
  }

  /** Everyone invited exists and none of them blocked the one inviting. */
  Future<Void> checkInvitable(UUID inviter, List<UUID> invited) {
    if (invited.isEmpty()) {
      return Future.succeededFuture();
    }
    return chats.existingUsers(pool, invited)
      .compose(found -> found.size() == invited.size()
        ? chats.blockersOf(pool, inviter, invited)
        : Future.failedFuture(ChatErrors.USER_NOT_FOUND.exception("No such user: "
          + invited.stream().filter(id -> !found.contains(id)).findFirst().orElseThrow())))
      .compose(blockers -> blockers.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(ChatErrors.BLOCKED.exception("Someone you invited does not accept invitations from you")));
  }

  Future<Reply> list(BusRequest request) {
    int limit = Fields.limit(request.body(), 50, ChatLimits.MAX_PAGE);
    Boolean archived = Fields.optionalBoolean(request.body(), "archived");
    Position after = decodePosition(Fields.optionalString(request.body(), "cursor"));
    return lists.list(pool, request.userId(), archived, after, limit + 1).map(items -> {
      JsonObject page = new JsonObject();
      if (items.size() > limit) {
        items.remove(limit);
        page.put("nextCursor", encodePosition(ChatListStore.positionOf(items.getJsonObject(limit - 1))));
      }
      return Reply.of(page.put("items", items));
    });
  }

  Future<Reply> get(BusRequest request) {
    return lists.one(pool, request.chatId(), request.userId()).compose(ChatService::found).map(Reply::of);
  }

  /** Title, description and avatar: owner and admins of groups and channels. */
  Future<Reply> update(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    JsonObject body = request.body();
    String title = body.containsKey("title") ? title(Fields.string(body, "title")) : null;
    String description = description(Fields.optionalString(body, "description"));
    boolean clearAvatar = body.containsKey("avatarMediaId") && body.getValue("avatarMediaId") == null;
    UUID avatar = Fields.optionalUuid(body, "avatarMediaId");
    if (title == null && description == null && avatar == null && !clearAvatar) {
      throw Fields.invalid("title", "or description or avatarMediaId must be given");
    }
    Instant now = now();
    JsonObject data = new JsonObject().put("action", "updated");
    if (title != null) {
      data.put("title", title);
    }
    if (description != null) {
      data.put("description", description);
    }
    if (avatar != null || clearAvatar) {
      data.put("avatarMediaId", avatar == null ? null : avatar.toString());
    }
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me)
        .compose(actor -> {
          MemberService.requireManager(actor);
          return changes.nextSeq(tx, chatId, now);
        })
        .compose(seq -> chats.updateInfo(tx, chatId, title, description, avatar, clearAvatar)
          .compose(updated -> messages.insertSystem(tx, ids.next(), chatId, seq, me, data, now))
          .compose(system -> {
            Change change = new Change(chatId, seq, Change.CHAT_UPDATED, me, now, seq, data, system.toJson());
            return changes.record(tx, change).map(done -> new Written<>(seq, List.of(events.of(change))));
          })))
      .compose(seq -> lists.one(pool, chatId, me))
      .map(Reply::of);
  }

  /**
   * My private settings: pinned (first in my list), muted until a time, archived. A numbered
   * change of my private log, so my other devices get it live and through sync.
   */
  Future<Reply> settings(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    JsonObject body = request.body();
    Boolean pinned = Fields.optionalBoolean(body, "pinned");
    Boolean archived = Fields.optionalBoolean(body, "archived");
    boolean unmute = body.containsKey("mutedUntil") && body.getValue("mutedUntil") == null;
    Instant mutedUntil = Fields.optionalInstant(body, "mutedUntil");
    Instant now = now();
    Future<Void> pinRoom = !Boolean.TRUE.equals(pinned) ? Future.succeededFuture()
      : chats.pinnedCount(pool, me, chatId).compose(count -> count < limits.maxPinnedChats() ? Future.succeededFuture()
        : Future.failedFuture(ChatErrors.TOO_MANY_PINS.exception("At most " + limits.maxPinnedChats() + " chats can be pinned")));
    return pinRoom
      .compose(ok -> transactions.write(tx -> chats.updateSettings(tx, chatId, me, pinned, mutedUntil, unmute, archived, now)
        .compose(ChatService::found)
        .compose(settings -> privateChanges.record(tx, me, PrivateChange.SETTINGS_CHANGED, chatId, null, settings, now))
        .map(change -> new Written<>(change, List.of(events.of(change))))))
      .compose(changed -> lists.one(pool, chatId, me))
      .compose(ChatService::found)
      .map(Reply::of);
  }

  Future<Reply> members(BusRequest request) {
    UUID chatId = request.chatId();
    int limit = Fields.limit(request.body(), 50, ChatLimits.MAX_PAGE);
    UUID after = Fields.optionalUuid(request.body(), "after");
    return chats.membership(pool, chatId, request.userId())
      .compose(ChatService::found)
      .compose(me -> {
        if (me.type() == ChatType.CHANNEL && !me.manages()) {
          return Future.failedFuture(ChatErrors.NOT_ALLOWED.exception("Only admins see who follows a channel"));
        }
        return chats.members(pool, chatId, after == null ? new UUID(0, 0) : after, limit);
      })
      .map(items -> Reply.of(new JsonObject().put("items", items)));
  }

  /** For the realtime edge: the chats the caller is in now, {@code {chatIds}}. */
  Future<Reply> memberships(BusRequest request) {
    return chats.chatIdsOf(pool, request.userId()).map(ids -> Reply.of(new JsonObject()
      .put("chatIds", new JsonArray(ids.stream().map(UUID::toString).toList()))));
  }

  private String title(String title) {
    String stripped = title.strip();
    if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > limits.maxTitleLength()) {
      throw ChatErrors.INVALID_TITLE.exception("A title has 1 to " + limits.maxTitleLength() + " characters");
    }
    return MessageContent.storable(stripped, ChatErrors.INVALID_TITLE.exception("The title contains a NUL character"));
  }

  private String description(String description) {
    if (description == null) {
      return null;
    }
    if (description.codePointCount(0, description.length()) > limits.maxDescriptionLength()) {
      throw ChatErrors.INVALID_DESCRIPTION.exception("A description has at most " + limits.maxDescriptionLength() + " characters");
    }
    return MessageContent.storable(description, ChatErrors.INVALID_DESCRIPTION.exception("The description contains a NUL character"));
  }

  static <T> Future<T> found(T value) {
    return value != null ? Future.succeededFuture(value)
      : Future.failedFuture(ChatErrors.CHAT_NOT_FOUND.exception("No such chat"));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String encodePosition(Position position) {
    String raw = (position.unpinned() ? "u" : "p") + "|" + position.sortTime() + "|" + position.chatId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static Position decodePosition(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (parts.length == 3 && (parts[0].equals("u") || parts[0].equals("p"))) {
        return new Position(parts[0].equals("u"), Instant.parse(parts[1]), UUID.fromString(parts[2]));
      }
    } catch (RuntimeException malformed) {
      // answered below
    }
    throw CommonErrors.INVALID_PARAMETER.exception("cursor is not one this server produced",
      new JsonObject().put("field", "cursor"));
  }
}
