package io.parley.media.testing;

import io.parley.testkit.FreePorts;
import io.parley.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real S3-compatible server for the S3-mode tests: Adobe S3Mock's exec jar (fetched from Maven
 * Central by the build into {@code target/s3mock}), run as its own process once per test JVM with
 * one bucket, stopped when the JVM exits. It checks neither signatures nor expiry: the signing is
 * tested on its own (see {@code SigningTest}).
 */
public final class S3Mock {

  public static final String BUCKET = "parley-media";

  private static S3Mock shared;
  private static boolean ready;

  private final Process process;
  private final int port;
  private final Path log;

  private S3Mock(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The JVM's server, started on first call; waits until it answers. */
  public static synchronized S3Mock shared() {
    startInBackground();
    if (!ready) {
      Poll.until(() -> !shared.process.isAlive() || listening(shared.port), Duration.ofSeconds(90));
      if (!shared.process.isAlive()) {
        throw new IllegalStateException("S3Mock stopped at start; see " + shared.log);
      }
      ready = true;
    }
    return shared;
  }

  /**
   * Launches the JVM's server without waiting for it: Spring Boot takes seconds to come up, which
   * a test class spends starting its other backends if it calls this first.
   */
  public static synchronized void startInBackground() {
    if (shared == null) {
      shared = start();
    }
  }

  /** {@code http://127.0.0.1:<port>}: use path-style URLs. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private static S3Mock start() {
    String jar = System.getProperty("parley.s3mock.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("No S3Mock jar at " + jar + ": run the tests through Maven, which fetches it");
    }
    try {
      Path dir = Files.createDirectories(Path.of(System.getProperty("parley.test.workDir",
        System.getProperty("java.io.tmpdir")))).resolve("s3mock-" + ProcessHandle.current().pid());
      Files.createDirectories(dir.resolve("store"));
      int port = FreePorts.next();
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
        "--com.adobe.testing.s3mock.http-port=" + port, "--server.port=" + FreePorts.next(), "--server.address=127.0.0.1")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("s3mock.log").toFile());
      builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", BUCKET);
      builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", dir.resolve("store").toString());
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "parley-s3mock-shutdown"));
      return new S3Mock(process, port, dir.resolve("s3mock.log"));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start S3Mock", e);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
