package io.parley.shared.error;

import io.vertx.core.json.JsonObject;

/**
 * A failure the caller is meant to see: an {@link ErrorCode} and a safe message. Anything else
 * that goes wrong is logged and answered as {@link CommonErrors#INTERNAL}, so no stack trace or
 * internal detail ever reaches a client.
 */
public class ParleyException extends RuntimeException {

  private final ErrorCode errorCode;
  private final JsonObject details;

  public ParleyException(ErrorCode errorCode, String safeMessage) {
    this(errorCode, safeMessage, null);
  }

  public ParleyException(ErrorCode errorCode, String safeMessage, JsonObject details) {
    super(safeMessage, null, false, false);
    this.errorCode = errorCode;
    this.details = details;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Extra machine-readable fields for the client (for example {@code retryAfterSeconds}), or null. */
  public JsonObject details() {
    return details;
  }

  /** The body every transport uses: {@code {"code":"…","message":"…"}} plus details, if any. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("code", errorCode.code()).put("message", getMessage());
    if (details != null) {
      json.mergeIn(details);
    }
    return json;
  }
}
