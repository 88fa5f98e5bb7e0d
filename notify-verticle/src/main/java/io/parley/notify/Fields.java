package io.parley.notify;

import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads typed fields from request bodies. A missing field or a wrong type answers 400
 * {@code request.invalid} with the field's name in a {@code field} detail; a malformed path or
 * query parameter 400 {@code request.invalid_parameter}.
 */
final class Fields {

  private Fields() {
  }

  static String requiredString(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid(field, field + " is required");
    }
    if (text.length() > maxLength) {
      throw invalid(field, field + " must be at most " + maxLength + " characters");
    }
    return text;
  }

  static JsonObject requiredObject(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof JsonObject object)) {
      throw invalid(field, field + " must be an object");
    }
    return object;
  }

  static Boolean optionalBoolean(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean flag)) {
      throw invalid(field, field + " must be true or false");
    }
    return flag;
  }

  /** An ISO-8601 instant, or null when absent or JSON null. */
  static Instant optionalInstant(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse((String) value);
    } catch (ClassCastException | DateTimeParseException malformed) {
      throw invalid(field, field + " must be a time like 2030-01-01T00:00:00Z");
    }
  }

  static JsonArray optionalArray(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(field, field + " must be an array");
    }
    return array;
  }

  /** An id in a body field (a string); a malformed one answers 400 {@code request.invalid}. */
  static UUID bodyId(Object value, String field) {
    UUID id = value instanceof String text ? parseId(text) : null;
    if (id == null) {
      throw invalid(field, field + " must be an id");
    }
    return id;
  }

  /** An id from the path or the query; a malformed one answers 400 {@code request.invalid_parameter}. */
  static UUID parameterId(Object value, String field) {
    UUID id = value instanceof String text ? parseId(text) : null;
    if (id == null) {
      throw parameter(field, field + " must be an id");
    }
    return id;
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
    throw parameter(field, field + " must be a number from " + min + " to " + max);
  }

  static ParleyException invalid(String field, String message) {
    return CommonErrors.INVALID_REQUEST.exception(message, new JsonObject().put("field", field));
  }

  private static ParleyException parameter(String field, String message) {
    return CommonErrors.INVALID_PARAMETER.exception(message, new JsonObject().put("field", field));
  }

  private static UUID parseId(String value) {
    try {
      return value.length() == 36 ? UUID.fromString(value) : null;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
