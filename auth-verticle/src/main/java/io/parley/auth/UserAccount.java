package io.parley.auth;

import io.parley.shared.error.AuthErrors;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}: everything about one account, including what only its owner may see. */
record UserAccount(UUID id, String username, String email, String displayName, String passwordHash, String bio,
                   String statusText, UUID avatarMediaId, String lastSeenVisibility, String phone,
                   String phoneVisibility, Instant createdAt, Instant deletedAt) {

  boolean deleted() {
    return deletedAt != null;
  }

  /**
   * The account of an authenticated caller. It can be missing or deleted only in a race with
   * its deletion, which revoked the caller's session.
   */
  static UserAccount live(UserAccount user) {
    if (user == null || user.deleted()) {
      throw AuthErrors.SESSION_REVOKED.exception("This account was deleted");
    }
    return user;
  }

  /** The owner's own view ({@code GET /me}, sign-in answers): never the password hash. */
  JsonObject toPrivateJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("username", username)
      .put("displayName", displayName)
      .put("email", email)
      .put("bio", bio)
      .put("statusText", statusText)
      .put("avatarMediaId", avatarMediaId == null ? null : avatarMediaId.toString())
      .put("lastSeenVisibility", lastSeenVisibility)
      .put("phone", phone)
      .put("phoneVisibility", phoneVisibility)
      .put("createdAt", createdAt.toString());
  }

  /**
   * What anyone signed in may see. A deleted account shows only that it was deleted. The phone
   * number is not part of it: who may see it depends on the viewer ({@code ContactStore}).
   */
  JsonObject toPublicJson() {
    if (deleted()) {
      return new JsonObject()
        .put("id", id.toString())
        .put("username", null)
        .put("displayName", AccountRules.DELETED_DISPLAY_NAME)
        .put("bio", "")
        .put("statusText", "")
        .put("avatarMediaId", null)
        .put("deleted", true);
    }
    return new JsonObject()
      .put("id", id.toString())
      .put("username", username)
      .put("displayName", displayName)
      .put("bio", bio)
      .put("statusText", statusText)
      .put("avatarMediaId", avatarMediaId == null ? null : avatarMediaId.toString())
      .put("deleted", false);
  }
}
