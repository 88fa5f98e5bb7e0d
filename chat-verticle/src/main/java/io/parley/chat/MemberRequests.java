package io.parley.chat;

import io.parley.shared.Address;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The requests about who is in a chat: members, roles, and the invite links that let people in. */
final class MemberRequests {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final long MAX_USES = 1_000_000;

  private MemberRequests() {
  }

  /** {@link Address#CHAT_MEMBERS_ADD}: {@code {chatId, userIds}}, distinct, at most a request's worth. */
  record AddMembers(UUID chatId, List<UUID> userIds) {
    static AddMembers from(JsonObject body, ChatLimits limits) {
      return new AddMembers(Fields.chatId(body), Fields.uuids(body, "userIds", 1, limits.maxMembersPerRequest()));
    }
  }

  /** {@link Address#CHAT_MEMBER_REMOVE} and {@link Address#CHAT_OWNER_TRANSFER}: {@code {chatId, userId}}. */
  record MemberTarget(UUID chatId, UUID userId) {
    static MemberTarget from(JsonObject body) {
      return new MemberTarget(Fields.chatId(body), Fields.uuid(body, "userId"));
    }
  }

  /** {@link Address#CHAT_MEMBER_ROLE}: {@code {chatId, userId, role}}, the role {@code admin} or {@code member}. */
  record RoleChange(UUID chatId, UUID userId, Role role) {
    static RoleChange from(JsonObject body) {
      UUID chatId = Fields.chatId(body);
      UUID userId = Fields.uuid(body, "userId");
      String wanted = Fields.string(body, "role");
      if (!wanted.equals(Role.ADMIN.wire()) && !wanted.equals(Role.MEMBER.wire())) {
        throw Fields.invalid("role", "must be admin or member (ownership is transferred instead)");
      }
      return new RoleChange(chatId, userId, Role.of(wanted));
    }
  }

  /** {@link Address#CHAT_INVITE_CREATE}: {@code {chatId, expiresAt?, maxUses?}}; {@code now} is when it is asked. */
  record NewInvite(UUID chatId, Instant expiresAt, Integer maxUses) {
    static NewInvite from(JsonObject body, Instant now) {
      UUID chatId = Fields.chatId(body);
      Instant expiresAt = Fields.optionalInstant(body, "expiresAt");
      if (expiresAt != null && !expiresAt.isAfter(now)) {
        throw Fields.invalid("expiresAt", "must be in the future");
      }
      Long maxUses = Fields.param(body, "maxUses", 1, MAX_USES);
      return new NewInvite(chatId, expiresAt, maxUses == null ? null : maxUses.intValue());
    }
  }

  /** {@link Address#CHAT_INVITES}: {@code {chatId, limit?}}. */
  record InvitePage(UUID chatId, int limit) {
    static InvitePage from(JsonObject body) {
      return new InvitePage(Fields.chatId(body), Fields.limit(body, 50, ChatLimits.MAX_PAGE));
    }
  }

  /** {@link Address#CHAT_INVITE_REVOKE}: {@code {chatId, token}}. */
  record InviteOfChat(UUID chatId, String token) {
    static InviteOfChat from(JsonObject body) {
      return new InviteOfChat(Fields.chatId(body), tokenOf(body));
    }
  }

  /** {@link Address#CHAT_INVITE_PREVIEW} and {@link Address#CHAT_INVITE_JOIN}: {@code {token}}. */
  record InviteLink(String token) {
    static InviteLink from(JsonObject body) {
      return new InviteLink(tokenOf(body));
    }
  }

  /** A malformed token cannot name a link, so it is answered like an unknown one. */
  private static String tokenOf(JsonObject body) {
    String token = Fields.optionalString(body, "token");
    if (token == null || !TOKEN.matcher(token).matches()) {
      throw ChatErrors.INVITE_NOT_FOUND.exception("No such invite link");
    }
    return token;
  }
}
