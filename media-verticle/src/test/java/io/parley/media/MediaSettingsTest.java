package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaSettingsTest {

  private static JsonObject shippedDefaults() throws Exception {
    return new JsonObject(Files.readString(Path.of("..", "conf", "parley.json")));
  }

  private static List<String> mediaKeys() throws IllegalAccessException {
    List<String> keys = new ArrayList<>();
    for (Field field : ConfigKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
        && ((String) field.get(null)).startsWith("media.")) {
        keys.add((String) field.get(null));
      }
    }
    return keys;
  }

  @Test
  void theShippedConfigurationHoldsTheBuiltInDefaultsAndEveryKey() throws Exception {
    JsonObject conf = shippedDefaults();
    assertThat(MediaSettings.from(conf)).isEqualTo(MediaSettings.from(new JsonObject()));
    assertThat(mediaKeys()).hasSize(25).allSatisfy(key -> assertThat(Config.get(conf, key)).as(key).isNotNull());
    assertThat(ConfigKeys.ALL).containsAll(mediaKeys());
  }

  @Test
  void limitsCanBeSetFromTheEnvironment() throws Exception {
    JsonObject conf = Config.withEnvironment(shippedDefaults(), Map.of(
      "PARLEY_MEDIA_MAX_BYTES_VIDEO", "1000",
      "PARLEY_MEDIA_STORE", "s3",
      "PARLEY_MEDIA_S3_PATH_STYLE", "true"));
    assertThat(MediaSettings.from(conf).maxBytes(MediaKind.VIDEO)).isEqualTo(1000L);
    assertThat(Config.string(conf, ConfigKeys.MEDIA_STORE)).isEqualTo("s3");
    assertThat(Config.bool(conf, ConfigKeys.MEDIA_S3_PATH_STYLE, false)).isTrue();
  }
}
