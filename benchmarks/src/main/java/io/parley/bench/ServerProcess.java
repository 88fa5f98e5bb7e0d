package io.parley.bench;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Parley node under test in a process of its own, run as operators run it ({@code java -jar
 * parley.jar}) with its embedded PostgreSQL, Redis and Kafka, so that what it costs is measured
 * apart from the load client: {@link #cpuSeconds()} counts the node's JVM (embedded Kafka runs
 * inside it) and every backend process under its data directory.
 *
 * <p>With {@code -Dkafka=apart} the embedded backends run instead in a {@code parley backends}
 * process of their own beside the node, as the local cluster runs them: the same PostgreSQL and
 * Redis processes, and Kafka in a JVM of its own rather than inside the node's. That process is
 * under the node's data directory, so its CPU is counted too.
 */
final class ServerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  /** Kafka's JVM when it runs apart: a small heap, as a broker holding a benchmark's few topics needs. */
  private static final List<String> KAFKA_APART_JVM = List.of("-Xms256m", "-Xmx256m");

  private final Process process;
  private final Process backends;
  private final Path dataDir;
  private final int httpPort;
  private final int postgresPort;

  private ServerProcess(Process process, Process backends, Path dataDir, int httpPort, int postgresPort) {
    this.process = process;
    this.backends = backends;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.postgresPort = postgresPort;
  }

  /** Whether this run puts Kafka in a process of its own ({@code -Dkafka=apart}) or inside the node (the default). */
  static boolean kafkaApart() {
    return "apart".equals(System.getProperty("kafka", "inside"));
  }

  /**
   * The fat jar the build makes: {@code node/target/parley.jar}, from the repository root or from
   * {@code benchmarks/}; or the one named by {@code -Dparley.jar}, to measure another build (an
   * earlier commit's, for a before-and-after) with the same benchmark.
   */
  static Path jar() {
    String chosen = System.getProperty("parley.jar");
    if (chosen != null) {
      return Path.of(chosen);
    }
    for (Path candidate : List.of(Path.of("node/target/parley.jar"), Path.of("../node/target/parley.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException("node/target/parley.jar is missing: run ./mvnw -q install -DskipTests first");
  }

  /** Starts a node with every role (or {@code roles}) and waits until it is ready; {@code jvmOptions} go first. */
  static ServerProcess start(Vertx vertx, Path work, List<String> jvmOptions, Map<String, String> environment,
                             String... roles) throws Exception {
    Path dataDir = Files.createDirectories(work.resolve("node-" + UUID.randomUUID().toString().substring(0, 8)));
    int httpPort = FreePorts.next();
    int postgresPort = FreePorts.next();
    ProcessBuilder builder = new ProcessBuilder(javaJar(jvmOptions, "--http-port", String.valueOf(httpPort),
      "--data-dir", dataDir.toString(), "--roles", roles.length == 0 ? "all" : String.join(",", roles))).redirectErrorStream(true)
      .redirectOutput(dataDir.resolve("node.log").toFile());
    Map<String, String> backendPorts = Map.of("PARLEY_POSTGRES_EMBEDDED_PORT", String.valueOf(postgresPort),
      "PARLEY_REDIS_EMBEDDED_PORT", String.valueOf(FreePorts.next()), "PARLEY_KAFKA_EMBEDDED_PORT", "0");
    Process backends = null;
    if (kafkaApart() && !environment.containsKey("PARLEY_POSTGRES_URI")) {
      backends = startBackends(dataDir.resolve("backends"), backendPorts);
      builder.environment().putAll(backendsEnvironment(backends, dataDir.resolve("backends")));
    } else {
      builder.environment().putAll(backendPorts);
    }
    // A benchmark measures throughput, not abuse protection: no limit on sends per user, nor on a
    // connection's frames (20 a second by default; a busy group's sender sends more).
    builder.environment().put("PARLEY_CHAT_SEND_RATE_LIMIT", "100000000");
    builder.environment().put(Config.environmentName(ConfigKeys.REALTIME_FRAMES_PER_SECOND), "100000");
    builder.environment().put(Config.environmentName(ConfigKeys.REALTIME_FRAME_BURST), "100000");
    // No load balancer needs time to see the node go unready when a benchmark stops it: 5 s saved.
    builder.environment().put(Config.environmentName(ConfigKeys.DRAIN_UNREADY_DELAY_MS), "0");
    builder.environment().putAll(environment);
    ServerProcess server = new ServerProcess(builder.start(), backends, dataDir, httpPort, postgresPort);
    server.awaitReady(vertx);
    log.info("Node under test: pid {}, HTTP port {}, PostgreSQL port {}, data in {}", server.pid(), httpPort, postgresPort, dataDir);
    return server;
  }

  /** {@code parley backends} in {@code directory}: PostgreSQL, Redis and, in this JVM, Kafka. */
  private static Process startBackends(Path directory, Map<String, String> ports) throws IOException {
    Files.createDirectories(directory);
    ProcessBuilder builder = new ProcessBuilder(javaJar(KAFKA_APART_JVM, "backends", "--data-dir", directory.toString())).redirectErrorStream(true)
      .redirectOutput(directory.resolve("backends.log").toFile());
    builder.environment().putAll(ports);
    return builder.start();
  }

  /** {@code java <jvmOptions> -jar parley.jar <arguments>}, on the JVM running this. */
  private static List<String> javaJar(List<String> jvmOptions, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(arguments));
    return command;
  }

  /** The variables {@code parley backends} writes once its servers are up (a minute at most). */
  private static Map<String, String> backendsEnvironment(Process backends, Path directory) throws Exception {
    Path file = directory.resolve("backends.env");
    for (int attempt = 0; attempt < 240 && !Files.exists(file); attempt++) {
      if (!backends.isAlive()) {
        throw new IllegalStateException("The backends exited; see " + directory.resolve("backends.log"));
      }
      Thread.sleep(250);
    }
    Map<String, String> environment = new java.util.HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        environment.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return environment;
  }

  private void awaitReady(Vertx vertx) throws Exception {
    awaitReady(vertx, process, httpPort, dataDir.resolve("node.log"));
  }

  /**
   * Waits until {@code process} answers {@code GET /ready} on {@code port} with 200 (a minute at
   * most); fails at once if it exits. {@code log} is where its output goes, named in the failure.
   */
  private static final long PROBE_TIMEOUT_MS = 2_000;

  static void awaitReady(Vertx vertx, Process process, int port, Path log) throws Exception {
    WebClient http = WebClient.create(vertx);
    try {
      for (int attempt = 0; attempt < 240; attempt++) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The server exited; see " + log);
        }
        try {
          // A probe can go unanswered (a connection the server dropped while it started): never wait on one for long.
          if (http.get(port, "127.0.0.1", "/ready").timeout(PROBE_TIMEOUT_MS).send().await().statusCode() == 200) {
            return;
          }
        } catch (Exception notYet) {
          // still starting
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException("The server did not become ready; see " + log);
    } finally {
      http.close();
    }
  }

  int httpPort() {
    return httpPort;
  }

  long pid() {
    return process.pid();
  }

  /** A pool on the node's embedded PostgreSQL, to set up users and chats directly. */
  Pool postgres(Vertx vertx) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
      .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(postgresPort).setUser("parley").setDatabase("parley"))
      .using(vertx).build();
  }

  /** The node's embedded PostgreSQL, for a second node that shares it. */
  String postgresUri() {
    return "postgresql://parley@127.0.0.1:" + postgresPort + "/parley";
  }

  /** Where the node keeps its token signing keys, for a second node that must accept its tokens. */
  Path keyDirectory() {
    return dataDir.resolve("keys");
  }

  /**
   * How many client connections the node accepts, as it logged at start: its file descriptor
   * limit less a reserve for its own files, unless {@code http.maxConnections} says otherwise.
   */
  int connectionCap() throws IOException {
    java.util.regex.Pattern line = java.util.regex.Pattern.compile("Accepting at most (\\d+) client connections");
    for (String logged : Files.readAllLines(dataDir.resolve("node.log"))) {
      java.util.regex.Matcher cap = line.matcher(logged);
      if (cap.find()) {
        return Integer.parseInt(cap.group(1));
      }
    }
    throw new IllegalStateException("The node did not log its connection cap; see " + dataDir.resolve("node.log"));
  }

  /** Tokens signed with the node's own keys, as if it had issued them at sign-in. */
  JWTAuth tokens(Vertx vertx) throws Exception {
    JsonObject config = new JsonObject().put("auth", new JsonObject()
      .put("keys", SigningKeys.loadOrCreate(keyDirectory(), Clock.systemUTC())));
    return SigningKeys.jwtAuth(vertx, config);
  }

  static String token(JWTAuth tokens, String userId) {
    return tokens.generateToken(new JsonObject().put("sub", userId).put("sid", UUID.randomUUID().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(3600));
  }

  /**
   * CPU time so far of the node's JVM and of every backend process it started: those whose
   * command line names the node's data directory (PostgreSQL's postmaster, Redis) and their
   * children (PostgreSQL's backends, which name only their client).
   */
  double cpuSeconds() throws IOException {
    String marker = dataDir.toString();
    Map<Long, Long> parents = new java.util.HashMap<>();
    java.util.Set<Long> backends = new java.util.HashSet<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path proc : processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        long pid = Long.parseLong(proc.getFileName().toString());
        parents.put(pid, parentOf(pid));
        if (pid != process.pid() && commandLine(proc).contains(marker)) {
          backends.add(pid);
        }
      }
    }
    long ticks = ticksOf(process.pid());
    for (Map.Entry<Long, Long> entry : parents.entrySet()) {
      if (backends.contains(entry.getKey()) || backends.contains(entry.getValue())) {
        ticks += ticksOf(entry.getKey());
      }
    }
    return ticks / (double) CLOCK_TICKS_PER_SECOND;
  }

  private static long parentOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  /** CPU time so far of the node's JVM alone. */
  double jvmCpuSeconds() throws IOException {
    return cpuSecondsOf(process.pid());
  }

  /** CPU time so far of one process, as {@link #ticksOf} counts it, in seconds. */
  static double cpuSecondsOf(long pid) {
    return ticksOf(pid) / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** Resident memory of the node's JVM, in bytes. */
  long jvmRssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }

  private static String commandLine(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }

  /**
   * CPU time of a process in clock ticks (100 a second): user and system, and its exited
   * children's (PostgreSQL's backends come and go); 0 for a process gone.
   */
  static long ticksOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
    if (backends != null) {
      stop(backends);
    }
  }

  private static void stop(Process running) throws InterruptedException {
    running.destroy();
    if (!running.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      running.destroyForcibly().waitFor();
    }
  }
}
