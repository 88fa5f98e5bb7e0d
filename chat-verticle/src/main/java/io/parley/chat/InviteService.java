package io.parley.chat;

import io.parley.chat.MemberRequests.InviteLink;
import io.parley.chat.MemberRequests.InviteOfChat;
import io.parley.chat.MemberRequests.InvitePage;
import io.parley.chat.MemberRequests.NewInvite;
import io.parley.chat.Transactions.Written;
import io.parley.shared.Ids;
import io.parley.shared.db.DbTime;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Invite links to groups and channels. Owner and admins create them (optionally expiring, or good
 * for a number of uses) and revoke them; creating and revoking are numbered changes the chat shows
 * as system messages, naming the link by its id, never its token. Anyone signed in who has a link
 * may preview it (title, type, member count; nothing else) and join through it, which is a
 * numbered {@code joined} membership change like joining a public chat.
 */
final class InviteService {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** 128 random bits, base64url without padding. */
  private static final int TOKEN_BYTES = 16;

  private final Pool pool;
  private final ChatStore chats;
  private final ChatListStore lists;
  private final InviteStore invites;
  private final SystemChanges systemChanges;
  private final MemberService members;
  private final Transactions transactions;
  private final Ids ids;
  private final Clock clock;

  InviteService(Pool pool, ChatStore chats, ChatListStore lists, InviteStore invites, SystemChanges systemChanges,
                MemberService members, Transactions transactions, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.lists = lists;
    this.invites = invites;
    this.systemChanges = systemChanges;
    this.members = members;
    this.transactions = transactions;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /** The new link (owner and admins). */
  Future<JsonObject> create(UUID me, NewInvite request) {
    UUID chatId = request.chatId();
    Instant now = DbTime.now(clock);
    Invite invite = new Invite(newToken(), ids.next(), chatId, me, now, request.expiresAt(), request.maxUses(), 0, null);
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        actor.requireManager();
        return systemChanges.record(tx, chatId, me, Change.INVITE_CHANGED, action("created", invite),
          (seq, at) -> invites.insert(tx, invite));
      }))
      .map(seq -> invite.toJson(now));
  }

  /** {@code {items}}: the chat's links, newest first, with their state (owner and admins). */
  Future<JsonObject> list(UUID me, InvitePage request) {
    return chats.membership(pool, request.chatId(), me)
      .compose(actor -> {
        actor.requireManager();
        return invites.ofChat(pool, request.chatId(), request.limit());
      })
      .map(found -> {
        Instant now = DbTime.now(clock);
        return new JsonObject().put("items", new JsonArray(found.stream().map(invite -> invite.toJson(now)).toList()));
      });
  }

  /** The link stops working (owner and admins); revoking twice changes nothing. */
  Future<JsonObject> revoke(UUID me, InviteOfChat request) {
    UUID chatId = request.chatId();
    String token = request.token();
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        actor.requireManager();
        return invites.lock(tx, token);
      }).compose(invite -> {
        if (invite == null || !invite.chatId().equals(chatId)) {
          throw ChatErrors.INVITE_NOT_FOUND.exception("No such invite link in this chat");
        }
        if (invite.revokedAt() != null) {
          return Future.succeededFuture(Written.unchanged(invite));
        }
        Instant now = DbTime.now(clock);
        Invite revoked = new Invite(invite.token(), invite.id(), chatId, invite.createdBy(), invite.createdAt(),
          invite.expiresAt(), invite.maxUses(), invite.uses(), now);
        return systemChanges.record(tx, chatId, me, Change.INVITE_CHANGED, action("revoked", invite),
            (seq, at) -> invites.revoke(tx, token, now))
          .map(written -> new Written<>(revoked, written.events()));
      }))
      .map(invite -> invite.toJson(DbTime.now(clock)));
  }

  /** {@code {title, type, memberCount}} of the link's chat, for anyone signed in. */
  Future<JsonObject> preview(InviteLink link) {
    return invites.preview(pool, link.token()).map(found -> {
      usable(found == null ? null : found.invite());
      return found.chat();
    });
  }

  /** The chat, now with me in it. Already a member: the chat, and the link is not used up. */
  Future<JsonObject> join(UUID me, InviteLink link) {
    String token = link.token();
    return transactions.write(tx -> invites.lock(tx, token).compose(invite -> {
        if (invite == null) {
          usable(null);
        }
        // A member is let in whatever the link's state: it grants them nothing they lack.
        return chats.activeMembers(tx, invite.chatId(), List.of(me)).compose(present -> present.isEmpty()
          ? joinThrough(tx, invite, me, token)
          : Future.succeededFuture(Written.unchanged(invite.chatId())));
      }))
      .compose(chatId -> lists.one(pool, chatId, me));
  }

  private Future<Written<UUID>> joinThrough(SqlConnection tx, Invite invite, UUID me, String token) {
        usable(invite);
        return chats.chat(tx, invite.chatId())
          .compose(chat -> members.admit(tx, invite.chatId(), chat, me, invite.id()))
          .compose(written -> written.events().isEmpty() ? Future.succeededFuture(written)
            : invites.countUse(tx, token).map(written))
          .map(written -> new Written<>(invite.chatId(), written.events()));
  }

  /** Refuses a missing link (404) and one that was revoked, expired or used up (410). */
  private void usable(Invite invite) {
    if (invite == null) {
      throw ChatErrors.INVITE_NOT_FOUND.exception("No such invite link");
    }
    RuntimeException refusal = invite.refusal(DbTime.now(clock));
    if (refusal != null) {
      throw refusal;
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static JsonObject action(String action, Invite invite) {
    return new JsonObject().put("action", action).put("inviteId", invite.id().toString());
  }
}
