package io.parley.auth;

import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.UUID;

/**
 * Reads typed fields from request bodies. A missing field, a wrong type or a value over its
 * length limit answers 400 {@code request.invalid} with the field's name in a {@code field}
 * detail, so a client can point at the input to fix.
 */
final class Fields {

  /**
   * Bound for fields whose real limit is a domain rule checked afterwards (usernames, passwords):
   * past this they are not worth reading, and it bounds the work (hashing) one request can ask for.
   */
  static final int SANITY_MAX = 1024;

  private Fields() {
  }

  /** A string that must be present and not blank. */
  static String required(JsonObject body, String field, int maxLength) {
    String value = optional(body, field, maxLength);
    if (value == null || value.isBlank()) {
      throw invalid(field, field + " is required");
    }
    return value;
  }

  /** A string, or null when the field is absent or JSON null. */
  static String optional(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw invalid(field, field + " must be a string");
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      throw invalid(field, field + " must be at most " + maxLength + " characters");
    }
    return text;
  }

  /** The field's value if it is a string, else null (for ids the gateway copies from the path). */
  static String string(JsonObject body, String field) {
    return body.getValue(field) instanceof String value ? value : null;
  }

  /** A user-facing text: NFC-normalised, trimmed, without control characters (line breaks only where allowed). */
  static String text(String value, String field, boolean multiline) {
    String trimmed = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) && !(multiline && c == '\n'))) {
      throw invalid(field, field + " must not contain control characters");
    }
    return trimmed;
  }

  /** An id from the request path; a malformed one answers 400 {@code request.invalid_parameter}. */
  static UUID id(String value, String field) {
    UUID id = parseId(value);
    if (id == null) {
      throw CommonErrors.INVALID_PARAMETER.exception(field + " must be an id", new JsonObject().put("field", field));
    }
    return id;
  }

  /** An id in a body field (a string); a malformed one answers 400 {@code request.invalid}. */
  static UUID bodyId(String value, String field) {
    UUID id = parseId(value);
    if (id == null) {
      throw invalid(field, field + " must be an id");
    }
    return id;
  }

  private static UUID parseId(String value) {
    try {
      return value != null && value.length() == 36 ? UUID.fromString(value) : null;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  /** An integer query parameter within bounds, or the fallback when absent. */
  static int integer(Object value, String field, int fallback, int min, int max) {
    if (value == null || value.toString().isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.toString());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException malformed) {
      // answered below
    }
    throw CommonErrors.INVALID_PARAMETER.exception(field + " must be a number from " + min + " to " + max,
      new JsonObject().put("field", field));
  }

  static ParleyException invalid(String field, String message) {
    return CommonErrors.INVALID_REQUEST.exception(message, new JsonObject().put("field", field));
  }
}
