package io.parley.chat;

import io.parley.chat.MemberRequests.AddMembers;
import io.parley.chat.MemberRequests.MemberTarget;
import io.parley.chat.MemberRequests.RoleChange;
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
 * Who is in a chat and with which role (the rules are {@link Membership}'s): adding, removing,
 * promoting and demoting members, handing over ownership, leaving (an owner who leaves hands the
 * chat to the oldest admin, else the oldest member) and joining. Every change is numbered, shown
 * in the chat as a system message and published as {@code chat.member.changed}.
 *
 * <p>Lock order, as everywhere: the actor's member row, then the target member rows, then the
 * chat row (taking the number), then message rows.
 */
final class MemberService {

  private final Pool pool;
  private final ChatStore chats;
  private final ChatListStore lists;
  private final SystemChanges systemChanges;
  private final Transactions transactions;
  private final ChatLimits limits;

  MemberService(Pool pool, ChatStore chats, ChatListStore lists, SystemChanges systemChanges,
                Transactions transactions, ChatLimits limits) {
    this.pool = pool;
    this.chats = chats;
    this.lists = lists;
    this.systemChanges = systemChanges;
    this.transactions = transactions;
    this.limits = limits;
  }

  /** Adds members (owner and admins); people already in the chat are left as they are. */
  Future<JsonObject> add(UUID me, AddMembers request) {
    UUID chatId = request.chatId();
    List<UUID> invited = request.userIds();
    return chats.membership(pool, chatId, me)
      .compose(actor -> {
        actor.requireManager();
        return checkInvitable(me, invited);
      })
      .compose(ok -> transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        actor.requireManager();
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
      })));
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

  /** Removes a member; naming oneself is leaving. From the commit on, the removed member can neither read nor send. */
  Future<JsonObject> remove(UUID me, MemberTarget request) {
    UUID chatId = request.chatId();
    UUID target = request.userId();
    if (target.equals(me)) {
      return leave(me, chatId);
    }
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        // Before the target is read: a refusal does not tell who is a member.
        actor.requireManager();
        return chats.lockMember(tx, chatId, target).compose(member -> {
          actor.requireRemove(member.role());
          JsonObject data = action("removed", List.of(target));
          return numbered(tx, chatId, me, data, (seq, at) -> chats.markLeft(tx, chatId, target, seq, at, "removed")
            .compose(left -> chats.addToMemberCount(tx, chatId, -1)));
        });
      }))
      .map(seq -> result(chatId, seq, List.of(target)));
  }

  /** Promotes a member to admin or demotes an admin to member; asking for the role they have changes nothing. */
  Future<JsonObject> setRole(UUID me, RoleChange request) {
    UUID chatId = request.chatId();
    UUID target = request.userId();
    Role role = request.role();
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        actor.requireGrant(role);
        return chats.lockMember(tx, chatId, target).compose(member -> {
          actor.requireChangeRole(member.role(), role);
          if (member.role() == role) {
            return Future.succeededFuture(Written.unchanged(actor.lastSeq()));
          }
          JsonObject data = action("role_changed", List.of(target)).put("role", role.wire());
          return numbered(tx, chatId, me, data, (seq, at) -> chats.setRole(tx, chatId, target, role));
        });
      }))
      .map(seq -> result(chatId, seq, List.of(target)).put("role", role.wire()));
  }

  /** The owner makes another member the owner and becomes an admin. */
  Future<JsonObject> transferOwnership(UUID me, MemberTarget request) {
    UUID chatId = request.chatId();
    UUID target = request.userId();
    return transactions.write(tx -> chats.lockOwnMembership(tx, chatId, me).compose(actor -> {
        actor.requireTransferOwnership();
        if (target.equals(me)) {
          return Future.succeededFuture(Written.unchanged(actor.lastSeq()));
        }
        return chats.lockMember(tx, chatId, target).compose(member -> {
          JsonObject data = action("ownership_transferred", List.of(target)).put("previousOwnerId", me.toString());
          return numbered(tx, chatId, me, data, (seq, at) -> chats.setRole(tx, chatId, target, Role.OWNER)
            .compose(done -> chats.setRole(tx, chatId, me, Role.ADMIN)));
        });
      }))
      .map(seq -> result(chatId, seq, List.of(target)));
  }

  /** Leaves a group or channel; an owner hands it to the oldest admin, else the oldest member. */
  Future<JsonObject> leave(UUID me, UUID chatId) {
    return transactions.write(tx -> chats.lockOwnMembership(tx, chatId, me).compose(actor -> {
        actor.requireLeave();
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
      .map(seq -> result(chatId, seq, List.of(me)));
  }

  /** Joins a public group or channel, answered with the chat; a private one answers as if it did not exist. */
  Future<JsonObject> join(UUID me, UUID chatId) {
    return transactions.write(tx -> chats.chat(tx, chatId)
        .compose(chat -> {
          if (chat == null || !chat.getBoolean("is_public")) {
            throw ChatErrors.CHAT_NOT_FOUND.exception("No such chat");
          }
          return admit(tx, chatId, chat, me, null);
        }))
      .compose(seq -> lists.one(pool, chatId, me));
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

  private static JsonObject action(String action, List<UUID> userIds) {
    return new JsonObject().put("action", action).put("userIds", ids(userIds));
  }

  private static JsonObject result(UUID chatId, long seq, List<UUID> userIds) {
    return new JsonObject().put("chatId", chatId.toString()).put("seq", seq).put("userIds", ids(userIds));
  }

  private static JsonArray ids(List<UUID> userIds) {
    return new JsonArray(userIds.stream().map(UUID::toString).toList());
  }
}
