package io.parley.chat;

import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ErrorCode;
import io.parley.shared.error.ParleyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The toolkit the request records parse with: reads request fields, refusing bad shapes with a
 * stable code and the field's name in a {@code field} detail. Body fields are typed JSON; paging
 * parameters may also arrive as the strings of a query string.
 */
final class Fields {

  private Fields() {
  }

  /** The chat a request is about: {@code chatId}, required. */
  static UUID chatId(JsonObject body) {
    return uuid(body, "chatId");
  }

  static UUID uuid(JsonObject body, String field) {
    UUID value = optionalUuid(body, field);
    if (value == null) {
      throw invalid(field, "is required");
    }
    return value;
  }

  static UUID optionalUuid(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException notAnId) {
        // answered below
      }
    }
    throw invalid(field, "must be an id");
  }

  static String string(JsonObject body, String field) {
    String value = optionalString(body, field);
    if (value == null) {
      throw invalid(field, "is required");
    }
    return value;
  }

  static String optionalString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid(field, "must be a string");
  }

  static Boolean optionalBoolean(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.valueOf((String) value);
    }
    throw invalid(field, "must be true or false");
  }

  static JsonObject optionalObject(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw invalid(field, "must be an object");
  }

  static Instant optionalInstant(JsonObject body, String field) {
    String value = optionalString(body, field);
    try {
      Instant instant = value == null ? null : Instant.parse(value);
      if (instant != null && !storable(instant)) {
        throw invalid(field, "must be a time between 1970 and 9999");
      }
      return instant;
    } catch (DateTimeParseException notATime) {
      throw invalid(field, "must be an ISO-8601 UTC time such as 2030-01-01T00:00:00Z");
    }
  }

  /** Earliest and latest times a request may name: well inside PostgreSQL's timestamptz range. */
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** Whether PostgreSQL can store the time (and it is one a person could mean). */
  static boolean storable(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  /** A time read from a cursor this server wrote; anything else throws, for the cursor's own refusal. */
  static Instant cursorInstant(String text) {
    Instant instant = Instant.parse(text);
    if (!storable(instant)) {
      throw new IllegalArgumentException("a time out of range");
    }
    return instant;
  }

  /** Distinct ids, in the order given; between {@code min} and {@code max} of them. */
  static List<UUID> uuids(JsonObject body, String field, int min, int max) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw invalid(field, "must be an array of ids");
    }
    if (array.size() < min || array.size() > max) {
      throw invalid(field, "must hold between " + min + " and " + max + " ids");
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw invalid(field, "must be an array of ids");
      }
      try {
        ids.add(UUID.fromString(text));
      } catch (IllegalArgumentException notAnId) {
        throw invalid(field, "must be an array of ids");
      }
    }
    return new ArrayList<>(ids);
  }

  /** A sequence number in a request body (a receipt, a message): a whole number from 0. */
  static long seq(JsonObject body, String field) {
    Long value = optionalLong(body, field, 0, Long.MAX_VALUE, CommonErrors.INVALID_REQUEST);
    if (value == null) {
      throw invalid(field, "is required");
    }
    return value;
  }

  /** A paging parameter: absent, or a whole number in [min, max]; anything else is 400. */
  static Long param(JsonObject body, String field, long min, long max) {
    return optionalLong(body, field, min, max, CommonErrors.INVALID_PARAMETER);
  }

  static int limit(JsonObject body, int fallback, int max) {
    Long limit = param(body, "limit", 1, max);
    return limit == null ? fallback : limit.intValue();
  }

  private static Long optionalLong(JsonObject body, String field, long min, long max, ErrorCode code) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    long number;
    if (value instanceof Integer || value instanceof Long) {
      number = ((Number) value).longValue();
    } else if (value instanceof String text && text.matches("\\d{1,18}")) {
      number = Long.parseLong(text);
    } else {
      throw code.exception(field + " must be a whole number", new JsonObject().put("field", field));
    }
    if (number < min || number > max) {
      throw code.exception(field + " must be between " + min + " and " + max, new JsonObject().put("field", field));
    }
    return number;
  }

  /** A query parameter that cannot be answered: 400 {@code request.invalid_parameter}. */
  static ParleyException badParameter(String field, String message) {
    return CommonErrors.INVALID_PARAMETER.exception(message, new JsonObject().put("field", field));
  }

  static ParleyException invalid(String field, String problem) {
    return CommonErrors.INVALID_REQUEST.exception(field + " " + problem, new JsonObject().put("field", field));
  }
}
