package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.Caller;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.ErrorCode;
import io.parley.shared.error.ParleyException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules of server roles and of who may sign up, as tables. */
class StaffRulesTest {

  private static final UUID ME = UUID.randomUUID();
  private static final UUID OTHER = UUID.randomUUID();

  private static Staff staff(ServerRole... roles) {
    Set<ServerRole> set = roles.length == 0 ? EnumSet.noneOf(ServerRole.class) : EnumSet.of(roles[0], roles);
    return new Staff(Caller.user(ME, UUID.randomUUID(), "test"), set);
  }

  private static String refusal(Runnable rule) {
    try {
      rule.run();
      return null;
    } catch (ParleyException refused) {
      return refused.errorCode().code();
    }
  }

  @Test
  void whoModeratesAdministersAndSanctionsWhom() {
    Set<ServerRole> plain = Set.of();
    Set<ServerRole> moderator = Set.of(ServerRole.MODERATOR);
    Set<ServerRole> admin = Set.of(ServerRole.ADMIN);
    // {caller, target's roles, refusal of a sanction or null}
    Object[][] table = {
      {staff(), plain, "auth.forbidden"},
      {staff(ServerRole.MODERATOR), plain, null},
      {staff(ServerRole.MODERATOR), moderator, "moderation.target_protected"},
      {staff(ServerRole.MODERATOR), admin, "moderation.target_protected"},
      {staff(ServerRole.ADMIN), plain, null},
      {staff(ServerRole.ADMIN), moderator, null},
      {staff(ServerRole.ADMIN), admin, "moderation.target_protected"},
    };
    for (Object[] row : table) {
      Staff caller = (Staff) row[0];
      @SuppressWarnings("unchecked") Set<ServerRole> target = (Set<ServerRole>) row[1];
      assertThat(refusal(() -> caller.requireMaySanction(OTHER, target))).as(caller.roles() + " on " + target).isEqualTo(row[2]);
    }
    assertThat(refusal(() -> staff(ServerRole.ADMIN).requireMaySanction(ME, plain))).isEqualTo("moderation.self");
    assertThat(refusal(() -> staff(ServerRole.MODERATOR).requireAdmin())).isEqualTo("auth.forbidden");
    assertThat(refusal(() -> staff().requireModerator())).isEqualTo("auth.forbidden");
    assertThat(staff(ServerRole.ADMIN).isModerator()).as("admins moderate too").isTrue();
    assertThat(refusal(() -> staff(ServerRole.ADMIN).requireMayRevoke(ME, ServerRole.ADMIN))).isEqualTo("admin.cannot_revoke_own_admin");
    assertThatCode(() -> staff(ServerRole.ADMIN, ServerRole.MODERATOR).requireMayRevoke(ME, ServerRole.MODERATOR)).doesNotThrowAnyException();
    assertThat(refusal(() -> staff(ServerRole.MODERATOR).requireMayRevoke(OTHER, ServerRole.MODERATOR))).isEqualTo("auth.forbidden");
    assertThatThrownBy(() -> ServerRole.of("root")).isInstanceOf(ParleyException.class);
  }

  @Test
  void whoMaySignUp() {
    ServerSettings open = new ServerSettings("open", null, null, null);
    ServerSettings invite = new ServerSettings("invite", null, null, null);
    ServerSettings closed = new ServerSettings("closed", null, null, null);
    ServerSettings full = new ServerSettings("open", 10, null, null);
    // {settings, configured admin, has an invite code, live accounts, refusal}
    Object[][] table = {
      {open, false, false, 5L, null},
      {closed, false, true, 0L, AuthErrors.REGISTRATION_CLOSED},
      {closed, true, false, 0L, null},
      {invite, false, false, 0L, AuthErrors.INVITE_REQUIRED},
      {invite, false, true, 0L, null},
      {full, false, false, 9L, null},
      {full, false, false, 10L, AuthErrors.ACCOUNT_LIMIT},
      {full, true, false, 10L, null},
      {new ServerSettings("invite", 3, null, null), false, true, 3L, AuthErrors.ACCOUNT_LIMIT},
    };
    for (Object[] row : table) {
      ErrorCode refused = SignUpPolicy.refusal((ServerSettings) row[0], (boolean) row[1], (boolean) row[2], (long) row[3]);
      assertThat(refused).as(java.util.Arrays.toString(row)).isEqualTo(row[4]);
    }
  }
}
