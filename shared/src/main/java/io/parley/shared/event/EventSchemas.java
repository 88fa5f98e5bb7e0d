package io.parley.shared.event;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schemas of the domain events, kept in {@code schemas/events/} on the class path: the
 * {@code envelope.json} every event shares, and one JSON Schema (2020-12) per event type and
 * payload version, {@code <type>/v<version>.json}, listed in {@code INDEX}. An event is valid when
 * its envelope matches and its payload matches the schema of its type and version; an event of a
 * type or version without a schema is not.
 *
 * <p>With the system property {@value #CHECK_PROPERTY} set to {@code true} (the build sets it for
 * every test run), {@link Outbox#append} refuses an event that breaks its schema, so every event
 * a test produces is checked where it is written.
 */
public final class EventSchemas {

  public static final String ROOT = "schemas/events/";
  public static final String CHECK_PROPERTY = "parley.checkEventSchemas";
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions()
    .setDraft(Draft.DRAFT202012).setBaseUri("https://parley.invalid/").setOutputFormat(OutputFormat.Basic);

  private static volatile EventSchemas shared;

  private final Validator envelope;
  private final Map<String, Map<Integer, JsonObject>> payloads;
  private final Map<String, Validator> validators = new LinkedHashMap<>();

  private EventSchemas(JsonObject envelope, Map<String, Map<Integer, JsonObject>> payloads) {
    this.envelope = Validator.create(JsonSchema.of(envelope), OPTIONS);
    this.payloads = payloads;
    payloads.forEach((type, versions) -> versions.forEach((version, schema) ->
      validators.put(type + "/" + version, Validator.create(JsonSchema.of(schema), OPTIONS))));
  }

  /** The schemas of this build, read from the class path once. */
  public static EventSchemas load() {
    EventSchemas loaded = shared;
    if (loaded == null) {
      Map<String, Map<Integer, JsonObject>> payloads = new TreeMap<>();
      for (String line : read(ROOT + "INDEX").split("\n")) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        String[] parts = entry.split("\\s+");
        Map<Integer, JsonObject> versions = new TreeMap<>();
        Arrays.stream(parts).skip(1).map(Integer::valueOf)
          .forEach(version -> versions.put(version, new JsonObject(read(ROOT + parts[0] + "/v" + version + ".json"))));
        payloads.put(parts[0], versions);
      }
      loaded = new EventSchemas(new JsonObject(read(ROOT + "envelope.json")), payloads);
      shared = loaded;
    }
    return loaded;
  }

  /** Whether this JVM checks every event it writes (the tests do). */
  public static boolean checkedHere() {
    return Boolean.getBoolean(CHECK_PROPERTY);
  }

  /** With {@link #checkedHere()}, throws when the event breaks its schema; else does nothing. */
  public static void checkInTests(EventEnvelope event) {
    if (checkedHere()) {
      load().requireValid(event.toJson());
    }
  }

  /** Every type, with its payload schemas by version. */
  public Map<String, Map<Integer, JsonObject>> payloads() {
    return Collections.unmodifiableMap(payloads);
  }

  /** What is wrong with an event as it travels (its envelope's JSON): nothing when it is valid. */
  public List<String> problems(JsonObject event) {
    List<String> problems = new ArrayList<>();
    errors(envelope.validate(event), "envelope", problems);
    String type = event.getValue("type") instanceof String text ? text : null;
    Object version = event.getValue("version");
    Validator payload = validators.get(type + "/" + version);
    if (payload == null) {
      problems.add("no schema for " + type + " version " + version);
    } else if (event.getValue("payload") instanceof JsonObject body) {
      errors(payload.validate(body), type + " v" + version, problems);
    }
    return problems;
  }

  /** Throws when the event breaks its schema, naming what is wrong. */
  public void requireValid(JsonObject event) {
    List<String> problems = problems(event);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Event " + event.getString("type") + " breaks its schema: " + problems + " in " + event.encode());
    }
  }

  /**
   * Why {@code next} may not follow {@code previous} as a newer version of one payload: a newer
   * version only adds optional fields, so a consumer of the older one reads it unchanged. Nothing
   * when it is compatible.
   */
  public static List<String> incompatibilities(JsonObject previous, JsonObject next) {
    List<String> problems = new ArrayList<>();
    List<Object> requiredBefore = previous.getJsonArray("required", new io.vertx.core.json.JsonArray()).getList();
    List<Object> requiredAfter = next.getJsonArray("required", new io.vertx.core.json.JsonArray()).getList();
    requiredAfter.stream().filter(field -> !requiredBefore.contains(field))
      .forEach(field -> problems.add("newly required: " + field));
    requiredBefore.stream().filter(field -> !requiredAfter.contains(field))
      .forEach(field -> problems.add("no longer required: " + field));
    JsonObject before = previous.getJsonObject("properties", new JsonObject());
    JsonObject after = next.getJsonObject("properties", new JsonObject());
    for (String field : before.fieldNames()) {
      if (!after.containsKey(field)) {
        problems.add("removed: " + field);
      } else if (!before.getValue(field).equals(after.getValue(field))) {
        problems.add("changed: " + field);
      }
    }
    if (Boolean.FALSE.equals(next.getValue("additionalProperties")) || Boolean.FALSE.equals(previous.getValue("additionalProperties"))) {
      problems.add("closed to additional fields");
    }
    if (!Optional.ofNullable(previous.getValue("type")).equals(Optional.ofNullable(next.getValue("type")))) {
      problems.add("changed: type");
    }
    return problems;
  }

  private static void errors(OutputUnit result, String where, List<String> problems) {
    if (Boolean.TRUE.equals(result.getValid())) {
      return;
    }
    if (result.getErrors() == null || result.getErrors().isEmpty()) {
      problems.add(where + ": " + result.getError());
      return;
    }
    result.getErrors().forEach(error -> problems.add(where + " " + error.getInstanceLocation() + ": " + error.getError()));
  }

  private static String read(String resource) {
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing from the class path: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
