package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.event.EventSchemas;
import io.parley.shared.event.Topics;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docs/asyncapi.yaml} against the code it describes: a channel for every Kafka topic, every
 * address a client may register and every bridge command, nothing else; a message for every event
 * type with a schema; and every file it points at exists.
 */
class AsyncApiDocumentTest {

  private static final Path DOCS = Path.of("..", "docs");

  private final JsonObject document = load();

  @Test
  void itHasAChannelForEveryTopicEveryClientAddressAndEveryBridgeCommandAndNoOther() {
    Set<String> expected = new HashSet<>(Topics.ALL);
    expected.addAll(List.of(Address.CLIENT_EVENTS, Address.CLIENT_ANNOUNCEMENTS,
      Address.REALTIME_AUTH, Address.REALTIME_TYPING, Address.REALTIME_PRESENCE, Address.REALTIME_LOCATION));
    expected.addAll(Address.BRIDGE_SERVICE_COMMANDS);
    Set<String> addresses = new HashSet<>();
    document.getJsonObject("channels").forEach(channel -> addresses.add(((JsonObject) channel.getValue()).getString("address")));
    assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyEventTypeWithASchemaIsAMessageAndPointsAtItsSchemaFile() {
    JsonObject messages = document.getJsonObject("components").getJsonObject("messages");
    Set<String> named = new HashSet<>();
    messages.forEach(message -> named.add(((JsonObject) message.getValue()).getString("name")));
    assertThat(named).containsAll(EventSchemas.load().payloads().keySet());
    String text = document.encode();
    for (String type : EventSchemas.load().payloads().keySet()) {
      assertThat(text).contains("schemas/events/" + type + "/v1.json");
    }
  }

  @Test
  void everyFileItPointsAtExists() {
    Matcher ref = Pattern.compile("\"\\$ref\":\"(\\.\\./[^\"#]+)\"").matcher(document.encode());
    List<String> missing = new ArrayList<>();
    while (ref.find()) {
      if (!Files.isRegularFile(DOCS.resolve(ref.group(1)))) {
        missing.add(ref.group(1));
      }
    }
    assertThat(missing).isEmpty();
    assertThat(document.getString("asyncapi")).isEqualTo("3.0.0");
    Set<String> kafkaTypes = new HashSet<>();
    Topics.ALL.forEach(channel ->
      kafkaTypes.addAll(document.getJsonObject("channels").getJsonObject(channel).getJsonObject("messages").fieldNames()));
    assertThat(kafkaTypes).doesNotContain("LocationUpdated");
  }

  private static JsonObject load() {
    try {
      return new JsonObject(Json.encode(new Yaml().load(Files.readString(DOCS.resolve("asyncapi.yaml")))));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
