package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code conf/parley.json} and {@link ConfigKeys} name the same settings: each has a default, each default a key. */
class ConfigDefaultsTest {

  @Test
  void everyKeyHasADefaultAndEveryDefaultIsAKey() throws Exception {
    JsonObject defaults = NodeConfig.defaults();
    assertThat(ConfigKeys.ALL).allSatisfy(key -> assertThat(Config.get(defaults, key)).as(key).isNotNull());
    assertThat(leaves(defaults, "")).allSatisfy(path -> assertThat(ConfigKeys.ALL).contains(path));
  }

  private static List<String> leaves(JsonObject section, String prefix) {
    List<String> paths = new ArrayList<>();
    section.forEach(entry -> {
      String path = prefix + entry.getKey();
      if (entry.getValue() instanceof JsonObject nested) {
        paths.addAll(leaves(nested, path + "."));
      } else {
        paths.add(path);
      }
    });
    return paths;
  }
}
