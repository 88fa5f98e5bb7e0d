package io.parley.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with {@code kill -9} leaves its embedded PostgreSQL and Redis running. The next
 * start on the same data directory and ports stops them and starts afresh, instead of failing
 * with "Address already in use".
 */
class LeftoverServersTest {

  @TempDir
  Path dataDirectory;

  @Test
  void aStartAfterAKilledNodeStopsTheServersItLeftRunningAndStartsItsOwn() throws Exception {
    int postgresPort = freePort();
    int redisPort = freePort();
    EmbeddedBackends.Options options = EmbeddedBackends.Options.in(dataDirectory).withoutKafka()
        .postgresPort(postgresPort).redisPort(redisPort);

    killNodeAfterStart(postgresPort, redisPort);
    long orphanPostgres = pidOf(dataDirectory.resolve("postgres").resolve(EmbeddedPostgres.PID_FILE), "postgres");
    long orphanRedis = pidOf(dataDirectory.resolve("redis").resolve(EmbeddedRedis.PID_FILE), "redis");
    assertThat(Probes.accepts("127.0.0.1", redisPort)).as("the orphan still holds the port").isTrue();

    try (EmbeddedBackends restarted = EmbeddedBackends.start(options)) {
      assertThat(ProcessHandle.of(orphanPostgres).map(ProcessHandle::isAlive)).as("the leftover PostgreSQL").isIn(Optional.empty(), Optional.of(false));
      assertThat(ProcessHandle.of(orphanRedis).map(ProcessHandle::isAlive)).as("the leftover Redis").isIn(Optional.empty(), Optional.of(false));
      assertThat(pidOf(dataDirectory.resolve("redis").resolve(EmbeddedRedis.PID_FILE), "redis")).isNotEqualTo(orphanRedis);
      try (Connection connection = DriverManager.getConnection(restarted.postgres().jdbcUrl())) {
        assertThat(connection.isValid(2)).isTrue();
      }
      assertThat(Probes.redisPing(restarted.redisUri())).isEqualTo("+PONG");
    }
  }

  /** Starts the backends in a JVM of their own and kills it with SIGKILL: its servers live on. */
  private void killNodeAfterStart(int postgresPort, int redisPort) throws Exception {
    Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KilledNode.class.getName(),
        dataDirectory.toString(), String.valueOf(postgresPort), String.valueOf(redisPort))
        .redirectErrorStream(true)
        .start();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = output.readLine()) != null && !line.equals("READY")) {
        // start-up log lines
      }
      assertThat(line).as("the node started its backends").isEqualTo("READY");
      node.destroyForcibly().waitFor();
    }
  }

  private static long pidOf(Path pidFile, String command) throws Exception {
    assertThat(pidFile).exists();
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    assertThat(Leftovers.running(pidFile, command)).as("a live " + command + " named by " + pidFile).isPresent();
    return pid;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
