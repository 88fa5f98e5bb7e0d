package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.node.Doctor.Finding;
import io.parley.node.Doctor.Outcome;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The operator commands of the jar, run in-process against the test backends. */
class OperatorCommandsTest {

  @Test
  void theCommandLineKnowsTheCommandsAndRefusesAnUnknownOne() {
    assertThat(CommandLine.parse().command()).isEqualTo("run");
    assertThat(CommandLine.parse("doctor", "--redis", "redis://r:6379").command()).isEqualTo("doctor");
    assertThat(Config.string(CommandLine.parse("rotate-keys", "--key-dir", "/k").flags(), ConfigKeys.AUTH_KEY_DIR)).isEqualTo("/k");
    assertThatThrownBy(() -> CommandLine.parse("explode")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown command");
    assertThatThrownBy(() -> CommandLine.parse("--http-port", "99999")).hasMessageContaining("port");
  }

  @Test
  void doctorFindsEverythingUpOnWorkingBackendsAndAnUpToDateSchema() throws Exception {
    JsonObject config = TestNodes.onSharedBackends();
    migrate(config);
    List<Finding> findings = new Doctor(config, Map.of()).examine();
    assertThat(findings).noneMatch(finding -> finding.outcome() == Outcome.FAIL);
    assertThat(findings).anyMatch(f -> f.check().equals("postgres") && f.outcome() == Outcome.OK);
    assertThat(findings).anyMatch(f -> f.check().equals("schema") && f.detail().equals("up to date"));
    assertThat(findings).anyMatch(f -> f.check().equals("redis") && f.outcome() == Outcome.OK);
    assertThat(findings).anyMatch(f -> f.check().equals("kafka") && f.outcome() == Outcome.OK);
  }

  @Test
  void doctorSaysWhatIsWrongNeverPrintsThePasswordAndExitsWithOne() throws Exception {
    JsonObject config = TestNodes.onSharedBackends();
    int closed = FreePorts.next();
    Config.set(config, ConfigKeys.REDIS_URI, "redis://127.0.0.1:" + closed);
    Config.set(config, ConfigKeys.POSTGRES_URI, "postgresql://parley:hunter2-secret@127.0.0.1:" + closed + "/parley");
    Config.set(config, ConfigKeys.NODE_ROLES, new io.vertx.core.json.JsonArray().add("gateway").add("mailer"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int status = Doctor.run(config, Map.of("PARLEY_POSTGRES_URL", "typo"), new PrintStream(printed, true, StandardCharsets.UTF_8));

    String report = printed.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(1);
    assertThat(report).contains("FAIL  redis").contains("FAIL  postgres").contains("parley:***@")
      .contains("PARLEY_POSTGRES_URL is not a Parley setting").contains("Unknown role 'mailer'")
      .doesNotContain("hunter2-secret");
  }

  @Test
  void rotateKeysWritesANewPairThatSignsNextToTheOldOnes() throws Exception {
    Path keys = Files.createTempDirectory(Path.of(System.getProperty("parley.test.workDir")), "keys-");
    String old = SigningKeys.create(keys, Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(-1)));
    JsonObject config = NodeConfig.defaults();
    Config.set(config, ConfigKeys.AUTH_KEY_DIR, keys.toString());

    assertThat(RotateKeysCommand.run(config, new PrintStream(new ByteArrayOutputStream()))).isZero();

    JsonObject loaded = new JsonObject();
    Config.set(loaded, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(keys, Clock.systemUTC()));
    assertThat(Config.get(loaded, ConfigKeys.AUTH_KEYS).toString()).contains(old);
    assertThat(SigningKeys.signingKid(loaded)).isNotEqualTo(old).isGreaterThan(old);
  }

  @Test
  void migrateAppliesTheSchemaAndRefusesWithoutADatabase() throws Exception {
    assertThat(MigrateCommand.run(TestNodes.onSharedBackends(), new PrintStream(new ByteArrayOutputStream()))).isZero();
    JsonObject none = NodeConfig.defaults();
    assertThat(MigrateCommand.run(none, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
  }

  @Test
  void aNodeThatMayNotStartEmbeddedBackendsRefusesToStartWithoutTheirAddresses() throws Exception {
    JsonObject config = TestNodes.fresh();
    Config.set(config, ConfigKeys.EMBEDDED_ALLOWED, false);
    Config.set(config, ConfigKeys.REDIS_URI, "redis://127.0.0.1:6379");
    assertThatThrownBy(() -> Node.start(config)).isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("postgres.uri").hasMessageContaining("kafka.bootstrapServers").hasMessageNotContaining("redis.uri");
  }

  @Test
  void drainWithoutARunningNodeSaysSo() throws Exception {
    JsonObject config = TestNodes.fresh();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    assertThat(DrainCommand.run(config, new PrintStream(printed, true, StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("No running node");
  }

  private static void migrate(JsonObject config) {
    assertThat(MigrateCommand.run(config, new PrintStream(new ByteArrayOutputStream()))).isZero();
  }
}
