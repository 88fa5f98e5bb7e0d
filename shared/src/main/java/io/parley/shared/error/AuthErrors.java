package io.parley.shared.error;

/**
 * Errors of accounts, sessions, profiles, blocks and contacts (the auth service). Field-shape problems
 * (a missing field, a wrong type, a value over its length limit) are
 * {@link CommonErrors#INVALID_REQUEST} with a {@code field} detail; the codes here are the
 * domain's own refusals.
 */
public final class AuthErrors {

  /** The username is taken, in any letter case. */
  public static final ErrorCode USERNAME_TAKEN = new ErrorCode("auth.username_taken", 409);
  /** An account with this email exists. */
  public static final ErrorCode EMAIL_TAKEN = new ErrorCode("auth.email_taken", 409);
  /** The username breaks the rules (length, allowed characters). */
  public static final ErrorCode INVALID_USERNAME = new ErrorCode("auth.invalid_username", 400);
  /** The email address is not a plausible address. */
  public static final ErrorCode INVALID_EMAIL = new ErrorCode("auth.invalid_email", 400);
  /** The new password breaks the password policy; the {@code rule} detail says which rule. */
  public static final ErrorCode WEAK_PASSWORD = new ErrorCode("auth.weak_password", 422);
  /**
   * Sign-in refused. The same code and message whether the account exists or not, so the
   * answer never tells which accounts exist.
   */
  public static final ErrorCode INVALID_CREDENTIALS = new ErrorCode("auth.invalid_credentials", 401);
  /**
   * The current password given to confirm a change (new password, account deletion) is wrong.
   * 403 rather than 401: the access token is fine, and a client must not sign out over it.
   */
  public static final ErrorCode WRONG_PASSWORD = new ErrorCode("auth.wrong_password", 403);
  /** The refresh token is unknown, expired, revoked or was already used: sign in again. */
  public static final ErrorCode REFRESH_INVALID = new ErrorCode("auth.refresh_invalid", 401);
  /** The access token is valid but its device session was revoked (or the account deleted). */
  public static final ErrorCode SESSION_REVOKED = new ErrorCode("auth.session_revoked", 401);
  /** No such active session among the caller's own. */
  public static final ErrorCode SESSION_NOT_FOUND = new ErrorCode("auth.session_not_found", 404);

  /**
   * Sign-in refused: a moderator suspended the account; the {@code until} detail says until when.
   * Only answered after the password was right, so it tells nothing to someone without it.
   */
  public static final ErrorCode ACCOUNT_SUSPENDED = new ErrorCode("auth.account_suspended", 403);
  /** Sign-in refused: the account is banned from this server. */
  public static final ErrorCode ACCOUNT_BANNED = new ErrorCode("auth.account_banned", 403);
  /** Sign-up refused: the server takes no new accounts. */
  public static final ErrorCode REGISTRATION_CLOSED = new ErrorCode("auth.registration_closed", 403);
  /** Sign-up refused: this server signs people up with an invite code only, and none (or no valid one) was given. */
  public static final ErrorCode INVITE_REQUIRED = new ErrorCode("auth.invite_required", 403);
  /** Sign-up refused: the server holds as many accounts as its administrator allows. */
  public static final ErrorCode ACCOUNT_LIMIT = new ErrorCode("auth.account_limit_reached", 403);

  /** No such user (or the account was deleted, where that matters). */
  public static final ErrorCode USER_NOT_FOUND = new ErrorCode("user.not_found", 404);
  /** Blocking oneself makes no sense. */
  public static final ErrorCode CANNOT_BLOCK_SELF = new ErrorCode("user.cannot_block_self", 400);

  /**
   * A phone number that cannot be read as an international (E.164) number: it must start with
   * {@code +} (or {@code 00}) and an assigned country code, and have 7 to 15 digits in all.
   */
  public static final ErrorCode INVALID_PHONE = new ErrorCode("auth.invalid_phone", 400);
  /** Adding oneself to one's own contacts makes no sense. */
  public static final ErrorCode CANNOT_ADD_SELF = new ErrorCode("contact.cannot_add_self", 400);
  /** The caller already has {@code auth.maxContacts} contacts. */
  public static final ErrorCode TOO_MANY_CONTACTS = new ErrorCode("contact.too_many", 422);

  private AuthErrors() {
  }
}
