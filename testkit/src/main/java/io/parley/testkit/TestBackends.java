package io.parley.testkit;

import io.parley.backends.EmbeddedBackends;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One set of real embedded backends (PostgreSQL, Redis, Kafka) per test JVM. Starting them costs
 * seconds, so the first test that asks pays once and every later test class shares them; tests
 * keep out of each other's way with their own ids, topics and keys, not their own servers.
 *
 * <p>The backends live in a fresh directory under the system property {@code parley.test.workDir}
 * (the build sets it to {@code target/test-work}; otherwise {@code java.io.tmpdir}) and are
 * closed, and their directory deleted, when the JVM exits.
 */
public final class TestBackends {

  private static final Logger LOG = LoggerFactory.getLogger(TestBackends.class);

  private static EmbeddedBackends shared;
  private static Path mediaDirectory;
  /** The local media store's HMAC key for this JVM: the gateway and the media service of a test share it. */
  private static final String MEDIA_SECRET = randomSecret();

  private TestBackends() {
  }

  /** The JVM's backends, started on first call on free ports. */
  public static synchronized EmbeddedBackends shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /**
   * Node configuration pointing at the shared backends, to merge into a verticle's or node's
   * config: {@code {"postgres":{"uri":…},"redis":{"uri":…},"kafka":{"bootstrapServers":…},
   * "media":{"local":{"dir":…,"secret":…}}}}: the local media store's directory and key are the
   * JVM's too, as a node's data directory would hold them. The paths are those of
   * {@code ConfigKeys.POSTGRES_URI}, {@code REDIS_URI}, {@code KAFKA_BOOTSTRAP_SERVERS},
   * {@code MEDIA_LOCAL_DIR} and {@code MEDIA_LOCAL_SECRET} in parley-shared, which this module sits below.
   */
  public static JsonObject config() {
    EmbeddedBackends backends = shared();
    return new JsonObject()
        .put("postgres", new JsonObject().put("uri", backends.postgresUri()))
        .put("redis", new JsonObject().put("uri", backends.redisUri()))
        .put("kafka", new JsonObject().put("bootstrapServers", backends.kafkaBootstrapServers()))
        // Every REST answer of every test is checked against the OpenAPI document (ConfigKeys.HTTP_CHECK_RESPONSES).
        .put("http", new JsonObject().put("checkResponses", true))
        .put("media", new JsonObject().put("local", new JsonObject()
            .put("dir", mediaDirectory.toString())
            .put("secret", MEDIA_SECRET)))
        .mergeIn(passwordHashesAtLeastCost(), true);
  }

  /**
   * Argon2id at the least cost it allows (8 KiB, one pass; ConfigKeys.AUTH_PASSWORD_HASH_*): the
   * suites sign up and in thousands of times, and at the production cost (19 MiB, two passes) that
   * was a seventh of a test JVM's CPU. The hashing code is the same; auth's PasswordHasherTest
   * checks the production cost.
   */
  public static JsonObject passwordHashesAtLeastCost() {
    return new JsonObject().put("auth", new JsonObject()
        .put("passwordHash", new JsonObject().put("memoryKib", 8).put("iterations", 1)));
  }

  private static String randomSecret() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static EmbeddedBackends start() {
    try {
      Path workDir = Path.of(System.getProperty("parley.test.workDir", System.getProperty("java.io.tmpdir")));
      Files.createDirectories(workDir);
      Path dataDirectory = Files.createTempDirectory(workDir, "backends-");
      mediaDirectory = Files.createDirectories(dataDirectory.resolve("media"));
      // Throwaway data: commits need not wait for the disk. The durability tests use a node's settings.
      EmbeddedBackends.Options options = EmbeddedBackends.Options.in(dataDirectory).throwawayCommits();
      // The build names one pristine PostgreSQL cluster for all its test JVMs to copy (see the root pom).
      String template = System.getProperty("parley.test.postgresTemplate");
      if (template != null) {
        options.postgresTemplate(Path.of(template));
      }
      EmbeddedBackends backends = EmbeddedBackends.start(options);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        backends.close();
        deleteRecursively(dataDirectory);
      }, "parley-test-backends-shutdown"));
      return backends;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded test backends", e);
    }
  }

  /** A PostgreSQL cluster is tens of megabytes; leaving one per test run behind adds up. */
  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete the test backends' data in {}", directory, e);
    }
  }
}
