package io.parley.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBackendsTest {

  @TempDir
  Path dataDirectory;

  @Test
  void startsAllThreeAndEachAnswersItsOwnClient() throws Exception {
    try (EmbeddedBackends backends = EmbeddedBackends.start(EmbeddedBackends.Options.in(dataDirectory))) {
      assertThat(backends.postgresUri()).matches("postgresql://parley@127\\.0\\.0\\.1:\\d+/parley");
      assertThat(backends.redisUri()).matches("redis://127\\.0\\.0\\.1:\\d+");
      assertThat(backends.kafkaBootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");

      try (Connection connection = DriverManager.getConnection(backends.postgres().jdbcUrl());
           Statement statement = connection.createStatement();
           ResultSet result = statement.executeQuery("SELECT 1")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getInt(1)).isEqualTo(1);
      }

      assertThat(Probes.redisPing(backends.redisUri())).isEqualTo("+PONG");

      KafkaProbe kafka = new KafkaProbe(backends.kafkaBootstrapServers());
      kafka.createTopic("greetings", 1);
      kafka.send("greetings", "alice", "hello");
      assertThat(kafka.consume("greetings", "readers", 1)).containsExactly("hello");

      assertThat(dataDirectory.resolve("postgres/PG_VERSION")).exists();
      assertThat(dataDirectory.resolve("kafka/meta.properties")).exists();
      assertThat(dataDirectory.resolve("redis")).isDirectory();
    }
  }

  @Test
  void keepsPostgresRowsAndKafkaRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
    EmbeddedBackends.Options options = EmbeddedBackends.Options.in(dataDirectory).withoutRedis();
    try (EmbeddedBackends first = EmbeddedBackends.start(options)) {
      execute(first.postgres().jdbcUrl(), "CREATE TABLE notes (body text)");
      execute(first.postgres().jdbcUrl(), "INSERT INTO notes VALUES ('written before the restart')");
      new KafkaProbe(first.kafkaBootstrapServers()).send("journal", "k", "sent before the restart");
    }

    try (EmbeddedBackends second = EmbeddedBackends.start(options)) {
      try (Connection connection = DriverManager.getConnection(second.postgres().jdbcUrl());
           Statement statement = connection.createStatement();
           ResultSet result = statement.executeQuery("SELECT body FROM notes")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo("written before the restart");
      }
      assertThat(new KafkaProbe(second.kafkaBootstrapServers()).consume("journal", "after-restart", 1))
          .containsExactly("sent before the restart");
    }
  }

  @Test
  void redisRefusesConnectionsWhileStoppedAndAnswersAgainAfterStart() throws Exception {
    try (EmbeddedBackends backends = EmbeddedBackends.start(
        EmbeddedBackends.Options.in(dataDirectory).withoutPostgres().withoutKafka())) {
      String uri = backends.redisUri();

      backends.redis().stop();
      assertThat(backends.redis().isRunning()).isFalse();
      assertThatThrownBy(() -> Probes.redisPing(uri)).isInstanceOf(ConnectException.class);

      backends.redis().start();
      assertThat(backends.redisUri()).isEqualTo(uri);
      assertThat(Probes.redisPing(uri)).isEqualTo("+PONG");
    }
  }

  @Test
  void startsOnlyTheBackendsAskedFor() throws Exception {
    try (EmbeddedBackends backends = EmbeddedBackends.start(
        EmbeddedBackends.Options.in(dataDirectory).withoutPostgres().withoutKafka())) {
      assertThat(backends.postgresUri()).isNull();
      assertThat(backends.kafkaBootstrapServers()).isNull();
      assertThat(backends.redisUri()).isNotNull();
      assertThat(dataDirectory.resolve("postgres")).doesNotExist();
      assertThat(dataDirectory.resolve("kafka")).doesNotExist();
    }
  }

  @Test
  void closingStopsEveryBackendAndClosingAgainDoesNothing() throws Exception {
    EmbeddedBackends backends = EmbeddedBackends.start(EmbeddedBackends.Options.in(dataDirectory));
    URI postgres = URI.create(backends.postgresUri());
    URI redis = URI.create(backends.redisUri());
    String kafka = backends.kafkaBootstrapServers();

    backends.close();
    backends.close();

    assertThat(Probes.accepts(postgres.getHost(), postgres.getPort())).isFalse();
    assertThat(Probes.accepts(redis.getHost(), redis.getPort())).isFalse();
    assertThat(Probes.accepts(kafka)).isFalse();
  }

  @Test
  void listensOnFixedPortsWhenGivenThem() throws Exception {
    int postgresPort = Endpoints.portOrFree(0);
    int redisPort = Endpoints.portOrFree(0);
    try (EmbeddedBackends backends = EmbeddedBackends.start(EmbeddedBackends.Options.in(dataDirectory)
        .withoutKafka()
        .postgresPort(postgresPort)
        .redisPort(redisPort))) {
      assertThat(backends.postgresUri()).isEqualTo("postgresql://parley@127.0.0.1:" + postgresPort + "/parley");
      assertThat(backends.redisUri()).isEqualTo("redis://127.0.0.1:" + redisPort);
    }
  }

  @Test
  void aBackendThatCannotStartFailsTheStartAndStopsTheOthers() throws Exception {
    int postgresPort = Endpoints.portOrFree(0);
    int kafkaPort = Endpoints.portOrFree(0);
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EmbeddedBackends.Options options = EmbeddedBackends.Options.in(dataDirectory)
          .postgresPort(postgresPort)
          .kafkaPort(kafkaPort)
          .redisPort(squatter.getLocalPort());

      assertThatThrownBy(() -> EmbeddedBackends.start(options))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("Redis");
    }
    assertThat(Probes.accepts("127.0.0.1", postgresPort)).isFalse();
    assertThat(Probes.accepts("127.0.0.1", kafkaPort)).isFalse();
  }

  private static void execute(String jdbcUrl, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
