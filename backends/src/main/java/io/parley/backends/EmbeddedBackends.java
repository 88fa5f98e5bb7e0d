package io.parley.backends;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL, Redis and Kafka a node runs when no external servers are configured,
 * as one lifecycle: started together, closed together in reverse order.
 *
 * <pre>{@code
 * try (EmbeddedBackends backends = EmbeddedBackends.start(EmbeddedBackends.Options.in(dataDir))) {
 *   connect(backends.postgresUri(), backends.redisUri(), backends.kafkaBootstrapServers());
 * }
 * }</pre>
 *
 * <p>The owner closes it, normally from a shutdown hook registered after starting.
 */
public final class EmbeddedBackends implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackends.class);

  private final EmbeddedPostgres postgres;
  private final EmbeddedRedis redis;
  private final EmbeddedKafka kafka;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedBackends(EmbeddedPostgres postgres, EmbeddedRedis redis, EmbeddedKafka kafka) {
    this.postgres = postgres;
    this.redis = redis;
    this.kafka = kafka;
  }

  /**
   * Starts the requested backends in parallel (they share nothing, so the total wait is the
   * slowest one, not the sum) and returns when all are ready. If any fails, the others are
   * closed again and the first failure is thrown.
   */
  public static EmbeddedBackends start(Options options) throws IOException {
    long started = System.nanoTime();
    Path data = options.dataDirectory();
    String host = options.bindHost();
    ExecutorService starters = Executors.newFixedThreadPool(3, starterThreads());
    try {
      CompletableFuture<EmbeddedPostgres> postgres = startIf(options.startsPostgres(), starters,
          () -> EmbeddedPostgres.start(data.resolve("postgres"), host, options.postgresPort(), options.durableCommits(),
              options.postgresTemplate()));
      CompletableFuture<EmbeddedRedis> redis = startIf(options.startsRedis(), starters,
          () -> EmbeddedRedis.start(data.resolve("redis"), host, options.redisPort()));
      CompletableFuture<EmbeddedKafka> kafka = startIf(options.startsKafka(), starters,
          () -> EmbeddedKafka.start(data.resolve("kafka"), host, options.kafkaPort(),
              options.kafkaControllerPort(), options.kafkaPartitions()));

      awaitAll(List.of(postgres, redis, kafka));
      EmbeddedBackends backends = new EmbeddedBackends(valueOrNull(postgres), valueOrNull(redis), valueOrNull(kafka));
      IOException failure = firstFailure(List.of(postgres, redis, kafka));
      if (failure != null) {
        backends.close();
        throw failure;
      }
      if (options.startsPostgres() || options.startsRedis() || options.startsKafka()) {
        LOG.info("Embedded backends ready in {} ms", (System.nanoTime() - started) / 1_000_000);
      }
      return backends;
    } finally {
      starters.shutdown();
    }
  }

  /** {@code postgresql://parley@HOST:PORT/parley}, or null if PostgreSQL was not started. */
  public String postgresUri() {
    return postgres == null ? null : postgres.uri();
  }

  /** {@code redis://HOST:PORT}, or null if Redis was not started. */
  public String redisUri() {
    return redis == null ? null : redis.uri();
  }

  /** {@code HOST:PORT}, or null if Kafka was not started. */
  public String kafkaBootstrapServers() {
    return kafka == null ? null : kafka.bootstrapServers();
  }

  /** The PostgreSQL server, or null if it was not started. */
  public EmbeddedPostgres postgres() {
    return postgres;
  }

  /** The Redis server, to stop and start it again; null if it was not started. */
  public EmbeddedRedis redis() {
    return redis;
  }

  /** The Kafka broker, or null if it was not started. */
  public EmbeddedKafka kafka() {
    return kafka;
  }

  /**
   * Closes Kafka, then Redis, then PostgreSQL, each even if an earlier one failed. Idempotent,
   * and safe from a shutdown hook: it only stops child processes and in-JVM threads.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(kafka);
    closeQuietly(redis);
    closeQuietly(postgres);
  }

  private static void closeQuietly(AutoCloseable backend) {
    if (backend == null) {
      return;
    }
    try {
      backend.close();
    } catch (Exception e) {
      LOG.warn("{} did not close cleanly", backend.getClass().getSimpleName(), e);
    }
  }

  /** A start step that may throw, unlike {@link java.util.function.Supplier}. */
  @FunctionalInterface
  private interface Starter<T> {
    T start() throws IOException;
  }

  private static <T> CompletableFuture<T> startIf(boolean wanted, ExecutorService executor, Starter<T> starter) {
    if (!wanted) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        result.complete(starter.start());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /**
   * Waits until every start has finished, failed or not, so that none is still coming up when
   * the caller closes the others after a failure.
   */
  private static void awaitAll(List<CompletableFuture<? extends AutoCloseable>> starts) throws InterruptedIOException {
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).exceptionally(error -> null).get();
    } catch (InterruptedException e) {
      // Whatever still comes up is closed as soon as it does, rather than leaked.
      starts.forEach(start -> start.thenAccept(EmbeddedBackends::closeQuietly));
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while starting embedded backends");
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: failures are mapped to null above", e);
    }
  }

  private static <T> T valueOrNull(CompletableFuture<T> start) {
    return start.isCompletedExceptionally() ? null : start.join();
  }

  private static IOException firstFailure(List<CompletableFuture<? extends AutoCloseable>> starts) {
    IOException failure = null;
    for (CompletableFuture<?> start : starts) {
      if (!start.isCompletedExceptionally()) {
        continue;
      }
      Throwable cause = start.handle((value, error) -> error).join();
      if (failure == null) {
        failure = cause instanceof IOException io ? io : new IOException("Embedded backend failed to start", cause);
      } else {
        failure.addSuppressed(cause);
      }
    }
    return failure;
  }

  private static ThreadFactory starterThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "embedded-backends-start-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * What to start and where. By default all three backends start, on free ports, bound to
   * 127.0.0.1, with their data in {@code postgres/}, {@code redis/} and {@code kafka/} under the
   * data directory.
   */
  public static final class Options {

    private final Path dataDirectory;
    private String bindHost = Endpoints.LOOPBACK;
    private boolean postgres = true;
    private int postgresPort;
    private boolean redis = true;
    private int redisPort;
    private boolean kafka = true;
    private int kafkaPort;
    private int kafkaControllerPort;
    private int kafkaPartitions = EmbeddedKafka.DEFAULT_PARTITIONS;
    private boolean durableCommits = true;
    private Path postgresTemplate;

    private Options(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** All three backends with their data under {@code dataDirectory}. */
    public static Options in(Path dataDirectory) {
      return new Options(dataDirectory);
    }

    /** The interface every backend listens on; {@code 0.0.0.0} for all of them. */
    public Options bindHost(String bindHost) {
      this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
      return this;
    }

    /** PostgreSQL's port; 0 = a free one. */
    public Options postgresPort(int port) {
      this.postgresPort = checkPort(port);
      return this;
    }

    /** Redis's port; 0 = a free one. */
    public Options redisPort(int port) {
      this.redisPort = checkPort(port);
      return this;
    }

    /** The Kafka broker's port; 0 = a free one. */
    public Options kafkaPort(int port) {
      this.kafkaPort = checkPort(port);
      return this;
    }

    /** The Kafka controller's port, always on loopback; 0 = a free one. */
    public Options kafkaControllerPort(int port) {
      this.kafkaControllerPort = checkPort(port);
      return this;
    }

    /** Partitions of each topic Kafka creates on first use. */
    public Options kafkaPartitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("Kafka needs at least one partition per topic, not " + partitions);
      }
      this.kafkaPartitions = partitions;
      return this;
    }

    /**
     * PostgreSQL answers commits before flushing their log: for the throwaway backends of a test
     * run only (faster; durability is what a node's backends must have, and what the durability
     * and fault tests prove with the default).
     */
    public Options throwawayCommits() {
      this.durableCommits = false;
      return this;
    }

    public boolean durableCommits() {
      return durableCommits;
    }

    /**
     * A new PostgreSQL cluster is a copy of the pristine one kept in {@code template} (made there
     * on first use) rather than a fresh initdb: for test runs, which start one in every JVM.
     */
    public Options postgresTemplate(Path template) {
      this.postgresTemplate = Objects.requireNonNull(template, "template");
      return this;
    }

    /** Where a pristine cluster to copy is kept, or null: initdb. */
    public Path postgresTemplate() {
      return postgresTemplate;
    }

    /** Leave PostgreSQL out (an external server is configured). */
    public Options withoutPostgres() {
      this.postgres = false;
      return this;
    }

    /** Leave Redis out (an external server is configured). */
    public Options withoutRedis() {
      this.redis = false;
      return this;
    }

    /** Leave Kafka out (an external cluster is configured). */
    public Options withoutKafka() {
      this.kafka = false;
      return this;
    }

    public Path dataDirectory() {
      return dataDirectory;
    }

    public String bindHost() {
      return bindHost;
    }

    public boolean startsPostgres() {
      return postgres;
    }

    public int postgresPort() {
      return postgresPort;
    }

    public boolean startsRedis() {
      return redis;
    }

    public int redisPort() {
      return redisPort;
    }

    public boolean startsKafka() {
      return kafka;
    }

    public int kafkaPort() {
      return kafkaPort;
    }

    public int kafkaControllerPort() {
      return kafkaControllerPort;
    }

    public int kafkaPartitions() {
      return kafkaPartitions;
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Not a TCP port: " + port);
      }
      return port;
    }
  }
}
