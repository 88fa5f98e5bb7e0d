package io.parley.shared.error;

/**
 * Errors of server roles, reports, moderation actions and server administration (the auth
 * service's moderation part). A plain user calling a moderator or admin operation gets
 * {@link CommonErrors#FORBIDDEN}; the sign-in refusals of a suspended or banned account are in
 * {@link AuthErrors}.
 */
public final class ModerationErrors {

  /** No such report. */
  public static final ErrorCode REPORT_NOT_FOUND = new ErrorCode("moderation.report_not_found", 404);
  /** The report was already resolved or dismissed. */
  public static final ErrorCode REPORT_CLOSED = new ErrorCode("moderation.report_closed", 409);
  /** The same person already has an open report about the same message or user. */
  public static final ErrorCode ALREADY_REPORTED = new ErrorCode("moderation.already_reported", 409);
  /** Reporting oneself, or acting on oneself. */
  public static final ErrorCode SELF = new ErrorCode("moderation.self", 400);
  /** The action does not fit the report (deleting the message of a report about a user). */
  public static final ErrorCode ACTION_NOT_APPLICABLE = new ErrorCode("moderation.action_not_applicable", 422);
  /** Moderators never sanction staff of their rank or above; nobody sanctions an admin. */
  public static final ErrorCode TARGET_PROTECTED = new ErrorCode("moderation.target_protected", 403);
  /** An admin may not take their own admin role away (the server would lose its last door). */
  public static final ErrorCode LAST_DOOR = new ErrorCode("admin.cannot_revoke_own_admin", 409);

  private ModerationErrors() {
  }
}
