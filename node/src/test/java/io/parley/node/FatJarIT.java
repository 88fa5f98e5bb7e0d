package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.FreePorts;
import io.parley.testkit.Poll;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar, run as an operator would: {@code java -jar parley.jar}, nothing else installed. */
class FatJarIT {

  // The request timeout below ends at the answer's headers: a body that never ends is cut by the
  // future's own timeout instead, so a stuck answer fails the test rather than hanging the build.
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void jarStartsWithEmbeddedBackendsAnswersHealthAndStopsCleanly() throws Exception {
    Path jar = Path.of(System.getProperty("parley.jar"));
    Path work = Files.createDirectories(Path.of(System.getProperty("parley.test.workDir")));
    Path dataDir = Files.createTempDirectory(work, "jar-");
    int httpPort = FreePorts.next();
    int postgresPort = FreePorts.next();

    ProcessBuilder builder = new ProcessBuilder(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
      "--http-port", String.valueOf(httpPort), "--data-dir", dataDir.toString())
      .redirectErrorStream(true)
      .redirectOutput(work.resolve("jar-node.log").toFile());
    builder.environment().put("PARLEY_POSTGRES_EMBEDDED_PORT", String.valueOf(postgresPort));
    builder.environment().put("PARLEY_REDIS_EMBEDDED_PORT", String.valueOf(FreePorts.next()));
    builder.environment().put("PARLEY_KAFKA_EMBEDDED_PORT", "0");
    int metricsPort = FreePorts.next();
    builder.environment().put("PARLEY_METRICS_PORT", String.valueOf(metricsPort));
    builder.environment().put("PARLEY_CLUSTER_PORT", String.valueOf(FreePorts.next()));
    Process node = builder.start();
    try {
      Poll.until(() -> status(httpPort, "/health") == 200, Duration.ofSeconds(60));
      assertThat(status(httpPort, "/ready")).isEqualTo(200);
      assertThat(status(httpPort, "/metrics")).as("not on the API port without a token").isEqualTo(404);
      assertThat(status(metricsPort, "/metrics")).as("on the management port").isEqualTo(200);
      // The JDK's client asks for an h2c upgrade: the management port answers in HTTP/1.1, whole.
      HttpResponse<String> scrape = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
      assertThat(scrape.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(scrape.body()).contains("jvm_memory_used_bytes").hasSizeGreaterThan(10_000);
    } finally {
      node.destroy();
    }
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node stops within 30 s of SIGTERM").isTrue();
    assertThat(portOpen(postgresPort)).as("embedded PostgreSQL stopped with the node").isFalse();
  }

  private int status(int port, String path) {
    try {
      return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).get(10, TimeUnit.SECONDS).statusCode();
    } catch (Exception notYet) {
      return -1;
    }
  }

  private static boolean portOpen(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (Exception closed) {
      return false;
    }
  }
}
