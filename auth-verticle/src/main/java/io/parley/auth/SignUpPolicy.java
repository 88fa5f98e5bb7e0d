package io.parley.auth;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who may sign up (the admin's registration policy and account limit), and the accounts the
 * configuration names as admins ({@code auth.adminEmails}): they may always sign up, so a closed
 * server still gets its first admin, and get the admin role when they sign up or sign in.
 */
final class SignUpPolicy {

  private final Set<String> adminEmails;

  SignUpPolicy(JsonObject config) {
    this.adminEmails = Arrays.stream(Config.string(config, ConfigKeys.AUTH_ADMIN_EMAILS, "").split(","))
      .map(email -> email.strip().toLowerCase(Locale.ROOT))
      .filter(email -> !email.isEmpty())
      .collect(Collectors.toUnmodifiableSet());
  }

  boolean isAdminEmail(String email) {
    return email != null && adminEmails.contains(email.toLowerCase(Locale.ROOT));
  }

  /**
   * Why a sign-up is refused, or null when it is admitted: a closed server takes nobody, an
   * invite-only one nobody without a code (whether the code is good is checked when it is used),
   * a full one nobody; the configured admins are always admitted.
   */
  static ErrorCode refusal(ServerSettings settings, boolean configuredAdmin, boolean hasInviteCode, long liveAccounts) {
    if (configuredAdmin) {
      return null;
    }
    if (ServerSettings.CLOSED.equals(settings.registration())) {
      return AuthErrors.REGISTRATION_CLOSED;
    }
    if (ServerSettings.INVITE.equals(settings.registration()) && !hasInviteCode) {
      return AuthErrors.INVITE_REQUIRED;
    }
    if (settings.maxAccounts() != null && liveAccounts >= settings.maxAccounts()) {
      return AuthErrors.ACCOUNT_LIMIT;
    }
    return null;
  }

  /** In the sign-up's transaction, before the account is written: the settings (locked), or the refusal. */
  Future<ServerSettings> admit(SqlConnection tx, RegisterRequest request) {
    boolean admin = isAdminEmail(request.email());
    return SettingsStore.lockForSignUp(tx).compose(settings -> (settings.maxAccounts() == null
        ? Future.succeededFuture(0L) : SettingsStore.liveAccounts(tx))
      .compose(accounts -> {
        ErrorCode refused = refusal(settings, admin, request.inviteCode() != null, accounts);
        return refused == null ? Future.succeededFuture(settings) : Future.failedFuture(refused.exception(message(refused)));
      }));
  }

  /** After the account is written, in the same transaction: the invite code used up, the configured admin made one. */
  Future<Void> welcome(SqlConnection tx, UUID userId, RegisterRequest request, ServerSettings settings, Instant now) {
    Future<Void> invite = Future.succeededFuture();
    if (ServerSettings.INVITE.equals(settings.registration()) && !isAdminEmail(request.email())) {
      invite = SettingsStore.useInvite(tx, RefreshTokens.hash(request.inviteCode()), userId, now)
        .compose(used -> used ? Future.succeededFuture()
          : Future.failedFuture(AuthErrors.INVITE_REQUIRED.exception("This invite code is unknown, used or expired")));
    }
    return invite.compose(done -> grantConfiguredAdmin(tx, userId, request.email(), now)).mapEmpty();
  }

  /** Completes with whether the account just became an admin because the configuration names its email. */
  Future<Boolean> grantConfiguredAdmin(SqlConnection tx, UUID userId, String email, Instant now) {
    return isAdminEmail(email) ? StaffStore.grant(tx, userId, ServerRole.ADMIN, null, now) : Future.succeededFuture(false);
  }

  private static String message(ErrorCode refused) {
    if (refused == AuthErrors.REGISTRATION_CLOSED) {
      return "This server does not take new accounts";
    }
    if (refused == AuthErrors.INVITE_REQUIRED) {
      return "This server signs people up with an invite code; ask an administrator for one";
    }
    return "This server holds as many accounts as its administrator allows";
  }
}
