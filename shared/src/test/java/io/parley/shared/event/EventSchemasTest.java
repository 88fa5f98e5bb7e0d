package io.parley.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The event schemas as files, as validators and as a rule for new versions. */
class EventSchemasTest {

  private final EventSchemas schemas = EventSchemas.load();

  @Test
  void everySchemaFileIsListedAndEveryListedOneNamesItsTypeAndVersion() throws IOException, URISyntaxException {
    Path root = Path.of(EventSchemasTest.class.getClassLoader().getResource(EventSchemas.ROOT + "INDEX").toURI()).getParent();
    List<String> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(path -> path.toString().endsWith(".json") && !path.endsWith("envelope.json"))
        .map(path -> root.relativize(path).toString().replace('\\', '/')).sorted().toList();
    }
    List<String> listed = schemas.payloads().entrySet().stream()
      .flatMap(type -> type.getValue().keySet().stream().map(version -> type.getKey() + "/v" + version + ".json")).sorted().toList();
    assertThat(files).isEqualTo(listed);
    schemas.payloads().forEach((type, versions) -> versions.forEach((version, schema) -> {
      assertThat(schema.getString("$id")).endsWith("/schemas/events/" + type + "/v" + version + ".json");
      assertThat(schema.getString("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.getValue("additionalProperties")).as(type + ": open to added fields").isNotEqualTo(false);
    }));
  }

  @Test
  void eachNewVersionOfAPayloadOnlyAddsOptionalFields() {
    schemas.payloads().forEach((type, versions) -> {
      List<Integer> numbers = versions.keySet().stream().sorted().toList();
      assertThat(numbers.get(0)).as(type).isEqualTo(1);
      for (int i = 1; i < numbers.size(); i++) {
        assertThat(numbers.get(i)).as(type + ": versions count up by one").isEqualTo(numbers.get(i - 1) + 1);
        assertThat(EventSchemas.incompatibilities(versions.get(numbers.get(i - 1)), versions.get(numbers.get(i))))
          .as(type + " v" + numbers.get(i)).isEmpty();
      }
    });
  }

  @Test
  void theCompatibilityRuleRefusesEveryOtherChange() {
    JsonObject v1 = payload(new JsonArray().add("userId"), new JsonObject().put("userId", string()).put("note", string()));
    assertThat(EventSchemas.incompatibilities(v1, payload(new JsonArray().add("userId"),
      new JsonObject().put("userId", string()).put("note", string()).put("added", string())))).isEmpty();
    assertThat(EventSchemas.incompatibilities(v1, payload(new JsonArray().add("userId").add("note"),
      new JsonObject().put("userId", string()).put("note", string())))).containsExactly("newly required: note");
    assertThat(EventSchemas.incompatibilities(v1, payload(new JsonArray().add("userId"),
      new JsonObject().put("userId", string())))).containsExactly("removed: note");
    assertThat(EventSchemas.incompatibilities(v1, payload(new JsonArray().add("userId"),
      new JsonObject().put("userId", string()).put("note", new JsonObject().put("type", "integer"))))).containsExactly("changed: note");
    assertThat(EventSchemas.incompatibilities(v1, payload(new JsonArray(), new JsonObject().put("userId", string())
      .put("note", string())))).containsExactly("no longer required: userId");
    assertThat(EventSchemas.incompatibilities(v1, payload(new JsonArray().add("userId"), new JsonObject().put("userId", string())
      .put("note", string())).put("additionalProperties", false))).containsExactly("closed to additional fields");
  }

  @Test
  void anEventMatchingItsSchemaPassesAndEachWayOfBreakingItIsNamed() {
    String userId = UUID.randomUUID().toString();
    JsonObject registered = new EventEnvelope(UUID.randomUUID().toString(), "user.registered", Instant.now(), userId,
      new JsonObject().put("userId", userId).put("username", "ada").put("displayName", "Ada").put("createdAt", Instant.now().toString()), 1)
      .toJson();
    assertThat(schemas.problems(registered)).isEmpty();

    JsonObject noUser = registered.copy();
    noUser.getJsonObject("payload").remove("userId");
    assertThat(schemas.problems(noUser)).singleElement().asString().startsWith("user.registered v1");
    assertThat(schemas.problems(registered.copy().put("version", 2))).containsExactly("no schema for user.registered version 2");
    assertThat(schemas.problems(registered.copy().put("type", "user.teleported"))).contains("no schema for user.teleported version 1");
    assertThat(schemas.problems(registered.copy().put("id", "not-an-id"))).isNotEmpty().allSatisfy(problem -> assertThat(problem).startsWith("envelope #/id"));
  }

  @Test
  void theOutboxRefusesAnEventThatBreaksItsSchemaWhileTestsRun() {
    assertThat(EventSchemas.checkedHere()).as("the build sets " + EventSchemas.CHECK_PROPERTY).isTrue();
    EventEnvelope broken = new EventEnvelope(UUID.randomUUID().toString(), "user.deleted", Instant.now(),
      UUID.randomUUID().toString(), new JsonObject().put("userId", 42), 1);
    // Refused before any statement: the transaction is never touched.
    assertThat(Outbox.append(null, Topics.USERS, broken).failed()).isTrue();
    assertThatThrownBy(() -> EventSchemas.checkInTests(broken)).hasMessageContaining("user.deleted");
    assertThat(Map.copyOf(schemas.payloads())).containsKeys("message.sent", "user.registered", "chat.member.changed");
  }

  private static JsonObject payload(JsonArray required, JsonObject properties) {
    return new JsonObject().put("type", "object").put("required", required).put("properties", properties);
  }

  private static JsonObject string() {
    return new JsonObject().put("type", "string");
  }
}
