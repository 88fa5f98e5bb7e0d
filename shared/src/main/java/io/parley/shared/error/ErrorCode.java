package io.parley.shared.error;

import java.util.Objects;

/**
 * A stable, machine-readable error: a dotted string code that clients may switch on (never an
 * ordinal) and the HTTP status it maps to. The same pair travels on the event bus (as the
 * failure code and inside the failure message), over REST and through the bridge.
 *
 * <p>Codes are declared once, in the {@code *Errors} classes of this package, one per domain.
 */
public record ErrorCode(String code, int status) {

  public ErrorCode {
    Objects.requireNonNull(code, "code");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("An error status is 4xx or 5xx, not " + status);
    }
  }

  /** A failure carrying this code and a message that is safe to show to the caller. */
  public ParleyException exception(String safeMessage) {
    return new ParleyException(this, safeMessage);
  }

  /** The same, with machine-readable details merged into the error body. */
  public ParleyException exception(String safeMessage, io.vertx.core.json.JsonObject details) {
    return new ParleyException(this, safeMessage, details);
  }
}
