package io.parley.chat;

import io.parley.chat.Transactions.Written;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;

/**
 * Who is in a chat and with which role. Owner and admins add and remove members and promote
 * members to admin; only the owner demotes admins and transfers ownership; anyone leaves (an
 * owner who leaves hands the chat to the oldest admin, else the oldest member). Every change is
 * numbered, shown in the chat as a system message and published as {@code chat.member.changed}.
 *
 * <p>Lock order, as everywhere: the actor's member row, then the target member rows, then the
 * chat row (taking the number), then message rows.
 */
final class MemberService {

  private final Pool pool;
  private final ChatStore chats;
  private final SystemChanges systemChanges;
  private final Transactions transactions;
  private final ChatService chatService;
  private final ChatLimits limits;

  MemberService(Pool pool, ChatStore chats, SystemChanges systemChanges, Transactions transactions,
                ChatService chatService, ChatLimits limits) {
    this.pool = pool;
    this.chats = chats;
    this.systemChanges = systemChanges;
    this.transactions = transactions;
    this.chatService = chatService;
    this.limits = limits;
  }

  /** Adds members (owner and admins); people already in the chat are left as they are. */
  Future<Reply> add(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    List<UUID> invited = Fields.uuids(request.body(), "userIds", 1, limits.maxMembersPerRequest());
    return chats.membership(pool, chatId, me)
      .compose(ChatService::found)
      .compose(actor -> {
        requireManager(actor);
        return chatService.checkInvitable(me, invited);
      })
      .compose(ok -> transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        requireManager(actor);
        return chats.activeMembers(tx, chatId, invited).compose(present -> {
          List<UUID> newcomers = invited.stream().filter(id -> !present.contains(id)).toList();
          if (newcomers.isEmpty()) {
            return Future.succeededFuture(Written.unchanged(result(chatId, actor.lastSeq(), newcomers)));
          }
          if (actor.memberCount() + newcomers.size() > limits.maxMembers(actor.type())) {
            return Future.failedFuture(ChatErrors.TOO_MANY_MEMBERS.exception(
              "A " + actor.type().wire() + " has at most " + limits.maxMembers(actor.type()) + " members"));
          }
          JsonObject data = action("added", newcomers);
          return numbered(tx, chatId, me, data, (seq, at) -> chats.addMembers(tx, chatId, newcomers, Role.MEMBER, seq, at)
            .compose(added -> chats.addToMemberCount(tx, chatId, newcomers.size())))
            .map(written -> new Written<>(result(chatId, written.value(), newcomers), written.events()));
        });
      })))
      .map(Reply::of);
  }

  /**
   * Removes a member: the owner removes anyone, admins remove members. Naming oneself is leaving.
   * From the commit on, the removed member can neither read nor send.
   */
  Future<Reply> remove(BusRequest request) {
    UUID me = request.userId();
    UUID target = Fields.uuid(request.body(), "userId");
    if (target.equals(me)) {
      return leave(request);
    }
    UUID chatId = request.chatId();
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        requireManager(actor);
        return chats.lockMemberForUpdate(tx, chatId, target).compose(member -> {
          if (member == null) {
            throw ChatErrors.MEMBER_NOT_FOUND.exception("That user is not a member of this chat");
          }
          if (member.role() == Role.OWNER) {
            throw ChatErrors.OWNER_IMMUTABLE.exception("The owner cannot be removed");
          }
          if (member.role() == Role.ADMIN && actor.role() != Role.OWNER) {
            throw ChatErrors.NOT_ALLOWED.exception("Only the owner removes admins");
          }
          JsonObject data = action("removed", List.of(target));
          return numbered(tx, chatId, me, data, (seq, at) -> chats.markLeft(tx, chatId, target, seq, at, "removed")
            .compose(left -> chats.addToMemberCount(tx, chatId, -1)));
        });
      }))
      .map(seq -> Reply.of(result(chatId, seq, List.of(target))));
  }

  /** Promotes a member to admin (owner and admins) or demotes an admin to member (owner only). */
  Future<Reply> setRole(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    UUID target = Fields.uuid(request.body(), "userId");
    String wanted = Fields.string(request.body(), "role");
    if (!wanted.equals(Role.ADMIN.wire()) && !wanted.equals(Role.MEMBER.wire())) {
      throw Fields.invalid("role", "must be admin or member (ownership is transferred instead)");
    }
    Role role = Role.of(wanted);
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        requireManager(actor);
        if (role == Role.MEMBER && actor.role() != Role.OWNER) {
          throw ChatErrors.NOT_ALLOWED.exception("Only the owner demotes admins");
        }
        return chats.lockMemberForUpdate(tx, chatId, target).compose(member -> {
          if (member == null) {
            throw ChatErrors.MEMBER_NOT_FOUND.exception("That user is not a member of this chat");
          }
          if (member.role() == Role.OWNER) {
            throw ChatErrors.OWNER_IMMUTABLE.exception("The owner's role changes only by transferring ownership");
          }
          if (member.role() == role) {
            return Future.succeededFuture(Written.unchanged(actor.lastSeq()));
          }
          JsonObject data = action("role_changed", List.of(target)).put("role", role.wire());
          return numbered(tx, chatId, me, data, (seq, at) -> chats.setRole(tx, chatId, target, role));
        });
      }))
      .map(seq -> Reply.of(result(chatId, seq, List.of(target)).put("role", role.wire())));
  }

  /** The owner makes another member the owner and becomes an admin. */
  Future<Reply> transferOwnership(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    UUID target = Fields.uuid(request.body(), "userId");
    return transactions.write(tx -> chats.lockMemberForUpdate(tx, chatId, me).compose(actor -> {
        if (actor == null) {
          throw ChatErrors.CHAT_NOT_FOUND.exception("No such chat");
        }
        if (actor.role() != Role.OWNER) {
          throw ChatErrors.NOT_ALLOWED.exception("Only the owner transfers ownership");
        }
        if (target.equals(me)) {
          return Future.succeededFuture(Written.unchanged(actor.lastSeq()));
        }
        return chats.lockMemberForUpdate(tx, chatId, target).compose(member -> {
          if (member == null) {
            throw ChatErrors.MEMBER_NOT_FOUND.exception("That user is not a member of this chat");
          }
          JsonObject data = action("ownership_transferred", List.of(target)).put("previousOwnerId", me.toString());
          return numbered(tx, chatId, me, data, (seq, at) -> chats.setRole(tx, chatId, target, Role.OWNER)
            .compose(done -> chats.setRole(tx, chatId, me, Role.ADMIN)));
        });
      }))
      .map(seq -> Reply.of(result(chatId, seq, List.of(target))));
  }

  /** Leaves a group or channel; an owner hands it to the oldest admin, else the oldest member. */
  Future<Reply> leave(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    return transactions.write(tx -> chats.lockMemberForUpdate(tx, chatId, me).compose(actor -> {
        if (actor == null) {
          throw ChatErrors.CHAT_NOT_FOUND.exception("No such chat");
        }
        if (actor.type() == ChatType.DIRECT) {
          throw ChatErrors.DIRECT_CHAT_FIXED.exception("A direct chat cannot be left; archive it instead");
        }
        Future<UUID> heir = actor.role() == Role.OWNER ? chats.lockSuccessor(tx, chatId, me) : Future.succeededFuture();
        return heir.compose(successor -> {
          JsonObject data = action("left", List.of(me));
          if (successor != null) {
            data.put("newOwnerId", successor.toString());
          }
          return numbered(tx, chatId, me, data, (seq, at) -> chats.markLeft(tx, chatId, me, seq, at, "left")
            .compose(left -> chats.addToMemberCount(tx, chatId, -1))
            .compose(counted -> successor == null ? Future.succeededFuture()
              : chats.setRole(tx, chatId, successor, Role.OWNER)));
        });
      }))
      .map(seq -> Reply.of(result(chatId, seq, List.of(me))));
  }

  /** Joins a public group or channel; a private one answers as if it did not exist. */
  Future<Reply> join(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    return transactions.write(tx -> chats.chat(tx, chatId)
        .compose(chat -> {
          if (chat == null || !chat.getBoolean("is_public")) {
            throw ChatErrors.CHAT_NOT_FOUND.exception("No such chat");
          }
          return admit(tx, chatId, chat, me, null);
        }))
      .compose(seq -> chatService.get(new BusRequest(me, new JsonObject().put("chatId", chatId.toString()))));
  }

  /**
   * Makes {@code me} a member by their own act ({@code joined}): joining a public chat, or through
   * the invite link {@code inviteId}. Someone already in the chat stays as they are (unchanged).
   *
   * @param chat the chat's row ({@link ChatStore#chat})
   */
  Future<Written<Long>> admit(SqlConnection tx, UUID chatId, Row chat, UUID me, UUID inviteId) {
    ChatType type = ChatType.of(chat.getString("type"));
    return chats.activeMembers(tx, chatId, List.of(me)).compose(present -> {
      if (!present.isEmpty()) {
        return Future.succeededFuture(Written.unchanged(chat.getLong("last_seq")));
      }
      if (chat.getInteger("member_count") + 1 > limits.maxMembers(type)) {
        throw ChatErrors.TOO_MANY_MEMBERS.exception("This " + type.wire() + " is full");
      }
      JsonObject data = action("joined", List.of(me));
      if (inviteId != null) {
        data.put("inviteId", inviteId.toString());
      }
      return numbered(tx, chatId, me, data, (seq, at) -> chats.addMembers(tx, chatId, List.of(me), Role.MEMBER, seq, at)
        .compose(added -> chats.addToMemberCount(tx, chatId, 1)));
    });
  }

  /** A membership change: numbered, shown as a system message, published as chat.member.changed. */
  private Future<Written<Long>> numbered(SqlConnection tx, UUID chatId, UUID actorId, JsonObject data,
                                        SystemChanges.Mutation mutation) {
    return systemChanges.record(tx, chatId, actorId, Change.MEMBER_CHANGED, data, mutation);
  }

  /** Refuses anyone but the owner and admins of a group or channel. */
  static void requireManager(Membership actor) {
    if (actor == null) {
      throw ChatErrors.CHAT_NOT_FOUND.exception("No such chat");
    }
    if (actor.type() == ChatType.DIRECT) {
      throw ChatErrors.DIRECT_CHAT_FIXED.exception("A direct chat has exactly its two people");
    }
    if (!actor.manages()) {
      throw ChatErrors.NOT_ALLOWED.exception("Only the owner and admins do this");
    }
  }

  private static JsonObject action(String action, List<UUID> userIds) {
    return new JsonObject().put("action", action)
      .put("userIds", new JsonArray(userIds.stream().map(UUID::toString).toList()));
  }

  private static JsonObject result(UUID chatId, long seq, List<UUID> userIds) {
    return new JsonObject().put("chatId", chatId.toString()).put("seq", seq)
      .put("userIds", new JsonArray(userIds.stream().map(UUID::toString).toList()));
  }
}
