package io.parley.shared.error;

/**
 * Errors of notifications, notification settings and push subscriptions (the notify service).
 * Field-shape problems (a missing field, a wrong type, a mode that is not one of the three) are
 * {@link CommonErrors#INVALID_REQUEST} with a {@code field} detail; a chat the caller is not a
 * member of is {@link ChatErrors#CHAT_NOT_FOUND}, as everywhere else. A refused request changes
 * nothing.
 */
public final class NotifyErrors {

  /** No such notification of mine (or a malformed id). */
  public static final ErrorCode NOTIFICATION_NOT_FOUND = new ErrorCode("notification.not_found", 404);
  /**
   * A push endpoint that is not an absolute {@code https} URL (or an {@code http} one on loopback
   * where the operator allowed it), is too long, or names a private or link-local address.
   */
  public static final ErrorCode INVALID_ENDPOINT = new ErrorCode("push.invalid_endpoint", 400);
  /** {@code keys.p256dh} is not an uncompressed P-256 point, or {@code keys.auth} not a 16-byte secret. */
  public static final ErrorCode INVALID_KEYS = new ErrorCode("push.invalid_keys", 400);
  /** No push subscription of mine has this endpoint. */
  public static final ErrorCode SUBSCRIPTION_NOT_FOUND = new ErrorCode("push.subscription_not_found", 404);
  /** A delivery receipt that this server did not sign, or one that has expired. */
  public static final ErrorCode INVALID_RECEIPT = new ErrorCode("push.invalid_receipt", 401);

  private NotifyErrors() {
  }
}
