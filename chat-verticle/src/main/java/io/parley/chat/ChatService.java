package io.parley.chat;

import io.parley.chat.ChatRequests.Create;
import io.parley.chat.ChatRequests.Direct;
import io.parley.chat.ChatRequests.Group;
import io.parley.chat.ChatRequests.InfoUpdate;
import io.parley.chat.ChatRequests.ListPage;
import io.parley.chat.ChatRequests.MembersPage;
import io.parley.chat.ChatRequests.SettingsUpdate;
import io.parley.chat.ChatStore.NewChat;
import io.parley.chat.Transactions.Written;
import io.parley.shared.Ids;
import io.parley.shared.db.DbTime;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.media.MediaClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Chats themselves: creating direct chats, groups and channels, the chat list, one chat, its
 * title and description, and a member's private settings (pin, mute, archive). Membership
 * changes are {@link MemberService}'s.
 */
final class ChatService {

  private final Pool pool;
  private final ChatStore chats;
  private final ChatListStore lists;
  private final MessageStore messages;
  private final ChangeStore changes;
  private final PrivateChangeStore privateChanges;
  private final SystemChanges systemChanges;
  private final MemberService members;
  private final Transactions transactions;
  private final ChatEvents events;
  private final MediaClient media;
  private final ChatLimits limits;
  private final Ids ids;
  private final Clock clock;

  ChatService(Pool pool, ChatStore chats, ChatListStore lists, MessageStore messages, ChangeStore changes,
              PrivateChangeStore privateChanges, SystemChanges systemChanges, MemberService members,
              Transactions transactions, ChatEvents events, MediaClient media, ChatLimits limits, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.lists = lists;
    this.messages = messages;
    this.changes = changes;
    this.privateChanges = privateChanges;
    this.systemChanges = systemChanges;
    this.members = members;
    this.transactions = transactions;
    this.events = events;
    this.media = media;
    this.limits = limits;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /** A direct chat opened (new, or the existing one), or a new group or channel: the chat as I see it. */
  Future<Created> create(UUID me, Create request) {
    return request instanceof Direct direct ? openDirect(me, direct.userId()) : createGroup(me, (Group) request);
  }

  /** Opens the direct chat with someone: the existing one or a new one, never two. */
  private Future<Created> openDirect(UUID me, UUID other) {
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
      .compose(opened -> lists.one(pool, opened.chatId(), me)
        .map(chat -> opened.isNew() ? Created.fresh(chat) : Created.existing(chat)));
  }

  private record Opened(UUID chatId, boolean isNew) {
  }

  private Future<Opened> insertDirect(UUID me, UUID other, UUID low, UUID high) {
    Instant now = DbTime.now(clock);
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

  private Future<Created> createGroup(UUID me, Group request) {
    List<UUID> invited = new ArrayList<>(request.memberIds());
    invited.remove(me);
    int maxMembers = limits.maxMembers(request.type());
    if (invited.size() + 1 > maxMembers) {
      throw ChatErrors.TOO_MANY_MEMBERS.exception("A " + request.type().wire() + " has at most " + maxMembers + " members");
    }
    Instant now = DbTime.now(clock);
    NewChat chat = new NewChat(ids.next(), request.type(), request.title(),
      request.description() == null ? "" : request.description(), request.isPublic(), me, now, invited.size() + 1,
      null, null);
    return members.checkInvitable(me, invited)
      .compose(ok -> transactions.write(tx -> insertGroup(tx, chat, invited)))
      .compose(chatId -> lists.one(pool, chatId, me))
      .map(Created::fresh);
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
      .compose(added -> messages.insertSystem(tx, ids.next(), chat.id(), 1, me, data, chat.createdAt()))
      .compose(system -> {
        Change created = new Change(chat.id(), 1, Change.CHAT_CREATED, me, chat.createdAt(), 1L, data, system.toJson());
        return changes.record(tx, created).map(done -> new Written<>(chat.id(), List.of(events.of(created))));
      });
  }

  /** {@code {items, nextCursor?}}: pinned chats first, then by last activity. */
  Future<JsonObject> list(UUID me, ListPage page) {
    return lists.list(pool, me, page.archived(), page.after(), page.limit() + 1)
      .map(found -> PageCursor.page(found, page.limit(), chat -> chat, last -> ChatListStore.positionOf(last).cursor()));
  }

  Future<JsonObject> get(UUID me, UUID chatId) {
    return lists.one(pool, chatId, me);
  }

  /**
   * Title, description and avatar (owner and admins of groups and channels): a numbered change with
   * a system message. A new avatar is one of my ready images (asked of the media service first).
   */
  Future<JsonObject> update(UUID me, InfoUpdate update) {
    UUID chatId = update.chatId();
    Future<JsonObject> avatar = update.avatar() == null ? Future.succeededFuture()
      : media.attach(me, update.avatar(), "image");
    return avatar.compose(checked -> transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        actor.requireManager();
        return systemChanges.record(tx, chatId, me, Change.CHAT_UPDATED, update.data(), (seq, at) ->
          chats.updateInfo(tx, chatId, update.title(), update.description(), update.avatar(), update.clearAvatar()));
      })))
      .compose(seq -> lists.one(pool, chatId, me));
  }

  /**
   * My private settings: pinned (first in my list), muted until a time, archived. A numbered
   * change of my private log, so my other devices get it live and through sync.
   */
  Future<JsonObject> settings(UUID me, SettingsUpdate update) {
    UUID chatId = update.chatId();
    Instant now = DbTime.now(clock);
    Future<Void> pinRoom = !Boolean.TRUE.equals(update.pinned()) ? Future.succeededFuture()
      : chats.pinnedCount(pool, me, chatId).compose(count -> count < limits.maxPinnedChats() ? Future.succeededFuture()
        : Future.failedFuture(ChatErrors.TOO_MANY_PINS.exception("At most " + limits.maxPinnedChats() + " chats can be pinned")));
    return pinRoom
      .compose(ok -> transactions.write(tx -> chats.updateSettings(tx, chatId, me, update.pinned(), update.mutedUntil(),
          update.unmute(), update.archived(), now)
        .map(ChatStore::found)
        .compose(settings -> privateChanges.record(tx, me, PrivateChange.SETTINGS_CHANGED, chatId, null, settings, now))
        .map(change -> new Written<>(change, List.of(events.of(change))))))
      .compose(changed -> lists.one(pool, chatId, me));
  }

  /** {@code {items}}: a page of the chat's members, by user id. */
  Future<JsonObject> members(UUID me, MembersPage page) {
    return chats.membership(pool, page.chatId(), me)
      .compose(member -> {
        member.requireSeeMembers();
        return chats.members(pool, page.chatId(), page.after() == null ? new UUID(0, 0) : page.after(), page.limit());
      })
      .map(items -> new JsonObject().put("items", items));
  }

  /** For the realtime edge: the chats the caller is in now, {@code {chatIds}}. */
  Future<JsonObject> memberships(UUID me) {
    return chats.chatIdsOf(pool, me).map(chatIds -> new JsonObject()
      .put("chatIds", new JsonArray(chatIds.stream().map(UUID::toString).toList())));
  }
}
