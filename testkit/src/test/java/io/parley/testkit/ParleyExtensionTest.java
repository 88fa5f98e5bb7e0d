package io.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ParleyExtensionTest {

  private static final String CONFIG = "test.config";
  private static final AtomicInteger ONCE = new AtomicInteger();
  private static final ParleyExtension.Step COUNT_ONCE = (vertx, config) -> Future.succeededFuture(ONCE.incrementAndGet());

  @RegisterExtension
  static final ParleyExtension parley = ParleyExtension.onSharedBackends()
      .config("chat.maxGroupMembers", 4)
      .config(new JsonObject().put("chat", new JsonObject().put("maxTextLength", 50)))
      .httpOnFreePort()
      .prepare((vertx, config) -> Future.succeededFuture(config.put("prepared", true)))
      .deploy(ConfigEcho::new, 2)
      .build();

  /** Answers with the configuration it was deployed with. */
  static final class ConfigEcho extends VerticleBase {
    @Override
    public Future<?> start() {
      return vertx.eventBus().consumer(CONFIG, message -> message.reply(config())).completion();
    }
  }

  private static JsonObject deployedConfig(Vertx on) {
    return on.eventBus().<JsonObject>request(CONFIG, "").await().body();
  }

  @Test
  void deployedVerticlesSeeTheSharedBackendsTheOverridesAFreePortAndWhatStepsChanged() {
    JsonObject config = deployedConfig(parley.vertx());

    assertThat(config.getJsonObject("postgres").getString("uri")).isEqualTo(TestBackends.shared().postgresUri());
    assertThat(config.getJsonObject("chat")).isEqualTo(new JsonObject().put("maxGroupMembers", 4).put("maxTextLength", 50));
    assertThat(config.getJsonObject("http").getString("host")).isEqualTo("127.0.0.1");
    assertThat(config.getJsonObject("http").getInteger("port")).isPositive();
    assertThat(config.getBoolean("prepared")).isTrue();
    assertThat(config).isEqualTo(parley.config());
  }

  @Test
  void aStepPreparedOnceRunsOncePerJvmWhileEachExtensionGetsItsOwnPortAndVertx() throws Exception {
    List<ParleyExtension> classes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      classes.add(ParleyExtension.onSharedBackends().httpOnFreePort().prepareOnce(COUNT_ONCE).build());
    }
    try {
      classes.get(0).start("first");
      classes.get(1).start("second");

      assertThat(ONCE.get()).isEqualTo(1);
      assertThat(classes.get(0).vertx()).isNotSameAs(classes.get(1).vertx());
      assertThat(classes.get(0).config().getJsonObject("http").getInteger("port"))
          .isNotEqualTo(classes.get(1).config().getJsonObject("http").getInteger("port"));
    } finally {
      classes.get(1).stop("second");
      classes.get(0).stop("first");
    }
  }

  @Test
  void everyNodeGetsTheVerticlesARestartSeesNewConfigAndClosingHappensAfterTheClassWhichMayStartAgain() throws Exception {
    ParleyExtension twoNodes = ParleyExtension.onSharedBackends().nodes(2).deploy(ConfigEcho::new).build();
    AtomicInteger closed = new AtomicInteger();
    twoNodes.start("nodes");
    try {
      assertThat(deployedConfig(twoNodes.vertx(1)).getJsonObject("redis"))
          .isEqualTo(deployedConfig(twoNodes.vertx(0)).getJsonObject("redis"));
      twoNodes.config().put("restarted", true);
      twoNodes.undeploy();
      twoNodes.deploy();
      assertThat(deployedConfig(twoNodes.vertx(1)).getBoolean("restarted")).isTrue();
      twoNodes.closing(closed::incrementAndGet);
      assertThat(closed).hasValue(0);
    } finally {
      twoNodes.stop("nodes");
    }
    assertThat(closed).hasValue(1);

    twoNodes.start("the next class");
    try {
      assertThat(deployedConfig(twoNodes.vertx(1)).containsKey("restarted")).isFalse();
    } finally {
      twoNodes.stop("the next class");
    }
  }
}
