package io.parley.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void environmentNamesFollowTheKeyPath() {
    assertThat(Config.environmentName(ConfigKeys.HTTP_BODY_LIMIT)).isEqualTo("PARLEY_HTTP_BODY_LIMIT");
    assertThat(Config.environmentName(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("PARLEY_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void environmentOverridesKeepTheTypeOfTheDefault() {
    JsonObject config = new JsonObject()
      .put("http", new JsonObject().put("port", 8080))
      .put("cluster", new JsonObject().put("enabled", false).put("members", new JsonArray()))
      .put("postgres", new JsonObject().put("uri", ""));

    Config.withEnvironment(config, Map.of(
      "PARLEY_HTTP_PORT", "9090",
      "PARLEY_CLUSTER_ENABLED", "true",
      "PARLEY_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701",
      "PARLEY_POSTGRES_URI", "postgresql://db/parley",
      "UNRELATED", "ignored"));

    assertThat(Config.integer(config, ConfigKeys.HTTP_PORT, 0)).isEqualTo(9090);
    assertThat(Config.bool(config, ConfigKeys.CLUSTER_ENABLED, false)).isTrue();
    assertThat(Config.strings(config, ConfigKeys.CLUSTER_MEMBERS)).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
    assertThat(Config.string(config, ConfigKeys.POSTGRES_URI)).isEqualTo("postgresql://db/parley");
  }

  @Test
  void blankValuesCountAsUnset() {
    JsonObject config = new JsonObject().put("redis", new JsonObject().put("uri", "  "));
    assertThat(Config.string(config, ConfigKeys.REDIS_URI)).isNull();
    assertThat(Config.string(config, ConfigKeys.REDIS_URI, "fallback")).isEqualTo("fallback");
  }
}
