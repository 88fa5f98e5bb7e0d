package io.parley.backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the 6.2 binary bundled with codemonstur's embedded-redis) running as a
 * child process. Persistence is off: Parley keeps only fast, rebuildable state in Redis, so a
 * restart that starts empty is correct, and cheap.
 *
 * <p>The server can be stopped and started again on the same port, which is how tests prove
 * that readiness follows Redis going away and coming back.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final Pattern VERSION = Pattern.compile(".*Redis version=([0-9.]+).*");

  private static final int TEXT_FILE_BUSY_ATTEMPTS = 8;
  static final String PID_FILE = "redis.pid";

  private final RedisServer server;
  private final String bindHost;
  private final int port;
  private volatile String version = "";

  private EmbeddedRedis(Path directory, String bindHost, int port) throws IOException {
    this.bindHost = bindHost;
    this.port = port;
    this.server = RedisServer.newRedisServer()
        // Unpack the binary next to the data rather than in a fresh temp folder per start.
        .executableProvider(ExecutableProvider.newJarResourceProvider(directory.toFile()))
        .bind(bindHost)
        .port(port)
        .setting("dir " + directory.toAbsolutePath())
        .setting("save \"\"")
        .setting("appendonly no")
        // Not daemonized, Redis writes a pid file only when told where: the next start on this
        // directory finds a server a killed node left behind by it.
        .setting("pidfile " + directory.resolve(PID_FILE).toAbsolutePath())
        // The library reads stdout only until Redis reports ready; these keep what we see.
        .soutListener(this::onOutput)
        .serrListener(line -> LOG.warn("redis: {}", line))
        .build();
  }

  /** Starts Redis on {@code bindHost:port} (0 = a free port), its working files in {@code directory}. */
  public static EmbeddedRedis start(Path directory, String bindHost, int port) throws IOException {
    Files.createDirectories(directory);
    Leftovers.stop(directory.resolve(PID_FILE), "redis", "an embedded Redis");
    EmbeddedRedis redis = new EmbeddedRedis(directory, bindHost, Endpoints.portOrFree(port));
    redis.start();
    LOG.info("Embedded Redis {} listening on {}:{} (data: {}, persistence off)",
        redis.version, bindHost, redis.port, directory.toAbsolutePath());
    return redis;
  }

  /** {@code redis://HOST:PORT}, the form Vert.x's RedisOptions reads. */
  public String uri() {
    return "redis://" + Endpoints.connectHost(bindHost) + ":" + port;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    return server.isActive();
  }

  /** Starts the server again on the same port after {@link #stop()}; a no-op while running. */
  public void start() throws IOException {
    startProcess();
    // The library returns when Redis logs "ready"; only an answered PING proves a client gets in.
    Endpoints.awaitAnswer(Endpoints.connectHost(bindHost), port, "PING\r\n", "+PONG", java.time.Duration.ofSeconds(10));
  }

  /**
   * Runs the binary, again after a moment when Linux answers ETXTBSY ("Text file busy"): the
   * binary was just unpacked, and a process another thread forked at that instant (PostgreSQL
   * and Kafka start in parallel) may still hold the inherited write descriptor until it execs.
   */
  private void startProcess() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        server.start();
        return;
      } catch (IOException failure) {
        if (attempt == TEXT_FILE_BUSY_ATTEMPTS || !textFileBusy(failure)) {
          throw failure;
        }
        LOG.debug("Redis binary busy (attempt {}), retrying", attempt);
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }
  }

  /** The library wraps the JDK's "error=26, Text file busy" in an exception of its own. */
  private static boolean textFileBusy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains("error=26")) {
        return true;
      }
    }
    return false;
  }

  /** Stops the server process and waits for it to exit; clients then get connection refused. */
  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      // The library only throws here when interrupted while waiting for the process to exit.
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while stopping embedded Redis on port {}", port, e);
    }
  }

  /** Stops the server. Safe to call twice, and after {@link #stop()}. */
  @Override
  public void close() {
    if (server.isActive()) {
      stop();
      LOG.info("Embedded Redis on port {} stopped", port);
    }
  }

  private void onOutput(String line) {
    Matcher matcher = VERSION.matcher(line);
    if (matcher.matches()) {
      version = matcher.group(1);
    }
    LOG.debug("redis: {}", line);
  }
}
