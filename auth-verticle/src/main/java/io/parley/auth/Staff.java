package io.parley.auth;

import io.parley.shared.Caller;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ModerationErrors;
import java.util.Set;
import java.util.UUID;

/**
 * A signed-in caller with their server roles, as the moderation service found them while checking
 * the session: the rules of who may moderate, administer and sanction whom, as pure methods.
 */
record Staff(Caller caller, Set<ServerRole> roles) {

  Staff {
    roles = Set.copyOf(roles);
  }

  UUID userId() {
    return caller.userId();
  }

  boolean isAdmin() {
    return roles.contains(ServerRole.ADMIN);
  }

  /** Admins moderate as well. */
  boolean isModerator() {
    return isAdmin() || roles.contains(ServerRole.MODERATOR);
  }

  /** The report queue and sanctions: moderators and admins. */
  Staff requireModerator() {
    if (!isModerator()) {
      throw CommonErrors.FORBIDDEN.exception("Only moderators do this");
    }
    return this;
  }

  /** Roles, settings, invite codes, announcements, the audit log: admins. */
  Staff requireAdmin() {
    if (!isAdmin()) {
      throw CommonErrors.FORBIDDEN.exception("Only administrators do this");
    }
    return this;
  }

  /**
   * Sanctioning {@code target} (who holds {@code targetRoles}): never oneself, never an admin; a
   * moderator only plain users, an admin moderators as well.
   */
  void requireMaySanction(UUID target, Set<ServerRole> targetRoles) {
    requireModerator();
    if (userId().equals(target)) {
      throw ModerationErrors.SELF.exception("You cannot act on your own account");
    }
    if (targetRoles.contains(ServerRole.ADMIN)) {
      throw ModerationErrors.TARGET_PROTECTED.exception("Administrators cannot be sanctioned");
    }
    if (targetRoles.contains(ServerRole.MODERATOR) && !isAdmin()) {
      throw ModerationErrors.TARGET_PROTECTED.exception("Only an administrator sanctions a moderator");
    }
  }

  /** Taking a role away: admins, but not their own admin role (a server must keep a way in). */
  void requireMayRevoke(UUID target, ServerRole role) {
    requireAdmin();
    if (userId().equals(target) && role == ServerRole.ADMIN) {
      throw ModerationErrors.LAST_DOOR.exception("You cannot take your own admin role; another admin can");
    }
  }
}
