package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatLimitsTest {

  private static JsonObject shippedDefaults() throws IOException {
    return new JsonObject(Files.readString(Path.of("..", "conf", "parley.json")));
  }

  private static List<String> chatKeys() throws IllegalAccessException {
    List<String> keys = new ArrayList<>();
    for (Field field : ConfigKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
        && ((String) field.get(null)).startsWith("chat.")) {
        keys.add((String) field.get(null));
      }
    }
    return keys;
  }

  @Test
  void theShippedConfigurationHoldsTheBuiltInDefaults() throws Exception {
    JsonObject conf = shippedDefaults();

    assertThat(ChatLimits.from(conf)).isEqualTo(ChatLimits.from(new JsonObject()));
    assertThat(chatKeys()).hasSize(13).allSatisfy(key -> assertThat(Config.get(conf, key)).as(key).isInstanceOf(Number.class));
  }

  @Test
  void everyLimitCanBeSetFromTheEnvironment() throws Exception {
    assertThat(ConfigKeys.ALL).containsAll(chatKeys());
    JsonObject conf = Config.withEnvironment(shippedDefaults(), Map.of(
      "PARLEY_CHAT_MAX_TEXT_LENGTH", "10",
      "PARLEY_CHAT_MAX_LIVE_LOCATION_SECONDS", "600",
      "PARLEY_CHAT_SEND_RATE_LIMIT", "3",
      "PARLEY_CHAT_SEND_RATE_WINDOW_SECONDS", "60"));

    ChatLimits limits = ChatLimits.from(conf);

    assertThat(limits.maxTextLength()).isEqualTo(10);
    assertThat(limits.maxLiveLocation()).isEqualTo(Duration.ofMinutes(10));
    assertThat(limits.sendLimit()).isEqualTo(3);
    assertThat(limits.sendWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(limits.maxTitleLength()).isEqualTo(128);
  }
}
