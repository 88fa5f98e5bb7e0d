package io.parley.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Reads and writes dotted paths ({@code http.port}) in a JSON configuration. */
public final class Config {

  private Config() {
  }

  public static Object get(JsonObject config, String path) {
    String[] parts = path.split("\\.");
    JsonObject section = config;
    for (int i = 0; i < parts.length - 1; i++) {
      section = section.getJsonObject(parts[i]);
      if (section == null) {
        return null;
      }
    }
    return section.getValue(parts[parts.length - 1]);
  }

  public static String string(JsonObject config, String path) {
    Object value = get(config, path);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  public static String string(JsonObject config, String path, String fallback) {
    String value = string(config, path);
    return value == null ? fallback : value;
  }

  public static int integer(JsonObject config, String path, int fallback) {
    Object value = get(config, path);
    return value instanceof Number number ? number.intValue() : fallback;
  }

  public static double decimal(JsonObject config, String path, double fallback) {
    Object value = get(config, path);
    return value instanceof Number number ? number.doubleValue() : fallback;
  }

  public static long longValue(JsonObject config, String path, long fallback) {
    Object value = get(config, path);
    return value instanceof Number number ? number.longValue() : fallback;
  }

  public static boolean bool(JsonObject config, String path, boolean fallback) {
    Object value = get(config, path);
    return value instanceof Boolean flag ? flag : fallback;
  }

  public static List<String> strings(JsonObject config, String path) {
    Object value = get(config, path);
    if (value instanceof JsonArray array) {
      return array.stream().map(String::valueOf).toList();
    }
    return value == null || value.toString().isBlank() ? List.of() : List.of(value.toString().split("\\s*,\\s*"));
  }

  /** Sets a dotted path, creating the sections on the way. */
  public static JsonObject set(JsonObject config, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject section = config;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = section.getJsonObject(parts[i]);
      if (next == null) {
        next = new JsonObject();
        section.put(parts[i], next);
      }
      section = next;
    }
    section.put(parts[parts.length - 1], value);
    return config;
  }

  /** The environment variable that overrides a key: {@code http.bodyLimit} → {@code PARLEY_HTTP_BODY_LIMIT}. */
  public static String environmentName(String path) {
    return "PARLEY_" + path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
  }

  /**
   * Applies environment overrides for every known key. A value is typed after the key's current
   * value (number, boolean, list), so {@code PARLEY_HTTP_PORT=9090} stays a number.
   */
  public static JsonObject withEnvironment(JsonObject config, Map<String, String> environment) {
    for (String path : ConfigKeys.ALL) {
      String raw = environment.get(environmentName(path));
      if (raw != null) {
        set(config, path, typedLike(get(config, path), raw));
      }
    }
    return config;
  }

  static Object typedLike(Object current, String raw) {
    if (current instanceof Double || current instanceof Float) {
      return Double.parseDouble(raw.trim());
    }
    if (current instanceof Number) {
      return Long.parseLong(raw.trim());
    }
    if (current instanceof Boolean) {
      return Boolean.parseBoolean(raw.trim());
    }
    if (current instanceof JsonArray) {
      JsonArray array = new JsonArray();
      for (String item : raw.split("\\s*,\\s*")) {
        if (!item.isBlank()) {
          array.add(item);
        }
      }
      return array;
    }
    return raw;
  }
}
