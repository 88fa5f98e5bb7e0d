package io.parley.chat;

import io.parley.chat.Transactions.Written;
import io.parley.shared.Ids;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

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
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final long MAX_USES = 1_000_000;

  private final Pool pool;
  private final ChatStore chats;
  private final InviteStore invites;
  private final SystemChanges systemChanges;
  private final MemberService members;
  private final ChatService chatService;
  private final Transactions transactions;
  private final Ids ids;
  private final Clock clock;

  InviteService(Pool pool, ChatStore chats, InviteStore invites, SystemChanges systemChanges, MemberService members,
                ChatService chatService, Transactions transactions, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.invites = invites;
    this.systemChanges = systemChanges;
    this.members = members;
    this.chatService = chatService;
    this.transactions = transactions;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /** {@code {chatId, expiresAt?, maxUses?}} → the new link (owner and admins). */
  Future<Reply> create(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    Instant now = now();
    Instant expiresAt = Fields.optionalInstant(request.body(), "expiresAt");
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw Fields.invalid("expiresAt", "must be in the future");
    }
    Long maxUses = Fields.param(request.body(), "maxUses", 1, MAX_USES);
    Invite invite = new Invite(newToken(), ids.next(), chatId, me, now, expiresAt,
      maxUses == null ? null : maxUses.intValue(), 0, null);
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        MemberService.requireManager(actor);
        return systemChanges.record(tx, chatId, me, Change.INVITE_CHANGED, action("created", invite),
          (seq, at) -> invites.insert(tx, invite));
      }))
      .map(seq -> Reply.of(invite.toJson(now)));
  }

  /** {@code {chatId, limit?}} → the chat's links, newest first, with their state (owner and admins). */
  Future<Reply> list(BusRequest request) {
    UUID chatId = request.chatId();
    int limit = Fields.limit(request.body(), 50, ChatLimits.MAX_PAGE);
    return chats.membership(pool, chatId, request.userId())
      .compose(actor -> {
        MemberService.requireManager(actor);
        return invites.ofChat(pool, chatId, limit);
      })
      .map(found -> {
        Instant now = now();
        return Reply.of(new JsonObject().put("items", new JsonArray(found.stream().map(invite -> invite.toJson(now)).toList())));
      });
  }

  /** {@code {chatId, token}}: the link stops working (owner and admins); revoking twice changes nothing. */
  Future<Reply> revoke(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    String token = token(request.body());
    return transactions.write(tx -> chats.lockMembership(tx, chatId, me).compose(actor -> {
        MemberService.requireManager(actor);
        return invites.lock(tx, token);
      }).compose(invite -> {
        if (invite == null || !invite.chatId().equals(chatId)) {
          throw ChatErrors.INVITE_NOT_FOUND.exception("No such invite link in this chat");
        }
        if (invite.revokedAt() != null) {
          return Future.succeededFuture(Written.unchanged(invite));
        }
        Instant now = now();
        Invite revoked = new Invite(invite.token(), invite.id(), chatId, invite.createdBy(), invite.createdAt(),
          invite.expiresAt(), invite.maxUses(), invite.uses(), now);
        return systemChanges.record(tx, chatId, me, Change.INVITE_CHANGED, action("revoked", invite),
            (seq, at) -> invites.revoke(tx, token, now))
          .map(written -> new Written<>(revoked, written.events()));
      }))
      .map(invite -> Reply.of(invite.toJson(now())));
  }

  /** {@code {token}} → {@code {title, type, memberCount}} of the link's chat, for anyone signed in. */
  Future<Reply> preview(BusRequest request) {
    String token = token(request.body());
    return invites.preview(pool, token).map(found -> {
      usable(found == null ? null : found.invite());
      return Reply.of(found.chat());
    });
  }

  /** {@code {token}} → the chat, now with me in it. Already a member: the chat, and the link is not used up. */
  Future<Reply> join(BusRequest request) {
    UUID me = request.userId();
    String token = token(request.body());
    return transactions.write(tx -> invites.lock(tx, token).compose(invite -> {
        usable(invite);
        return chats.chat(tx, invite.chatId())
          .compose(chat -> members.admit(tx, invite.chatId(), chat, me, invite.id()))
          .compose(written -> written.events().isEmpty() ? Future.succeededFuture(written)
            : invites.countUse(tx, token).map(written))
          .map(written -> new Written<>(invite.chatId(), written.events()));
      }))
      .compose(chatId -> chatService.get(new BusRequest(me, new JsonObject().put("chatId", chatId.toString()))));
  }

  /** Refuses a missing link (404) and one that was revoked, expired or used up (410). */
  private void usable(Invite invite) {
    if (invite == null) {
      throw ChatErrors.INVITE_NOT_FOUND.exception("No such invite link");
    }
    RuntimeException refusal = invite.refusal(now());
    if (refusal != null) {
      throw refusal;
    }
  }

  /** The token of a request; a malformed one cannot name a link, so it is answered like an unknown one. */
  private static String token(JsonObject body) {
    String token = Fields.optionalString(body, "token");
    if (token == null || !TOKEN.matcher(token).matches()) {
      throw ChatErrors.INVITE_NOT_FOUND.exception("No such invite link");
    }
    return token;
  }

  private static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static JsonObject action(String action, Invite invite) {
    return new JsonObject().put("action", action).put("inviteId", invite.id().toString());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
