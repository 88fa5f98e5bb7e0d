package io.parley.e2e.faults;

import io.parley.backends.EmbeddedBackends;
import io.parley.backends.EmbeddedKafka;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.FreePorts;
import io.parley.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small cluster of real processes for the fault tests: PostgreSQL and Redis as child processes
 * and Kafka (fixed ports, so it can be stopped and started again) owned by the test JVM, and three
 * nodes, each a {@code java -jar parley.jar} of its own: A a gateway, B a gateway with the auth
 * and chat services, C the auth and chat services only. Every node runs an outbox relay.
 */
final class FaultCluster implements AutoCloseable {

  static final Duration START = Duration.ofSeconds(120);

  final EmbeddedBackends backends;
  final List<NodeProcess> nodes = new ArrayList<>();
  final Path work;
  private final Path kafkaData;
  private final int kafkaPort;
  private final int kafkaControllerPort;
  private EmbeddedKafka kafka;

  private FaultCluster(Path work, EmbeddedBackends backends, Path kafkaData, int kafkaPort, int kafkaControllerPort,
                       EmbeddedKafka kafka) {
    this.work = work;
    this.backends = backends;
    this.kafkaData = kafkaData;
    this.kafkaPort = kafkaPort;
    this.kafkaControllerPort = kafkaControllerPort;
    this.kafka = kafka;
  }

  static FaultCluster start(Path jar, Path work) throws Exception {
    Files.createDirectories(work);
    EmbeddedBackends backends = EmbeddedBackends.start(EmbeddedBackends.Options.in(work.resolve("backends")).withoutKafka());
    int kafkaPort = FreePorts.next();
    int controllerPort = FreePorts.next();
    Path kafkaData = work.resolve("kafka");
    EmbeddedKafka kafka = EmbeddedKafka.start(kafkaData, "127.0.0.1", kafkaPort, controllerPort, EmbeddedKafka.DEFAULT_PARTITIONS);
    FaultCluster cluster = new FaultCluster(work, backends, kafkaData, kafkaPort, controllerPort, kafka);
    try {
      cluster.startNodes(jar);
    } catch (Exception | Error failure) {
      cluster.close();
      throw failure;
    }
    return cluster;
  }

  private void startNodes(Path jar) throws Exception {
    Path keys = work.resolve("keys");
    // Every node of a deployment signs and verifies with the same keys: made once, before any starts.
    SigningKeys.loadOrCreate(keys, Clock.systemUTC());
    Map<String, String> environment = new HashMap<>();
    environment.put(Config.environmentName(ConfigKeys.POSTGRES_URI), backends.postgresUri());
    environment.put(Config.environmentName(ConfigKeys.REDIS_URI), backends.redisUri());
    environment.put(Config.environmentName(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS), kafka.bootstrapServers());
    environment.put(Config.environmentName(ConfigKeys.AUTH_KEY_DIR), keys.toString());
    environment.put(Config.environmentName(ConfigKeys.CLUSTER_NAME), "faults-" + UUID.randomUUID());
    environment.put(Config.environmentName(ConfigKeys.REALTIME_PRESENCE_TTL_MS), "3000");
    environment.put(Config.environmentName(ConfigKeys.AUTH_SIGN_UP_PER_ADDRESS), "1000");
    environment.put(Config.environmentName(ConfigKeys.AUTH_SIGN_IN_PER_ADDRESS), "1000");
    environment.put(Config.environmentName(ConfigKeys.CHAT_SEND_RATE_LIMIT), "100000");
    // As on every test node (TestBackends.passwordHashesAtLeastCost).
    environment.put(Config.environmentName(ConfigKeys.AUTH_PASSWORD_HASH_MEMORY_KIB), "8");
    environment.put(Config.environmentName(ConfigKeys.AUTH_PASSWORD_HASH_ITERATIONS), "1");
    List<List<String>> roles = List.of(List.of("gateway"), List.of("gateway", "auth", "chat"), List.of("auth", "chat"));
    List<String> names = List.of("A", "B", "C");
    List<String> members = new ArrayList<>();
    int[] clusterPorts = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    for (int port : clusterPorts) {
      members.add("127.0.0.1:" + port);
    }
    for (int i = 0; i < roles.size(); i++) {
      // The first alone; the others together, each dialling only the first (already listening) and
      // itself: a dial to a port where nobody listens yet retries for seconds (see TestCluster).
      List<String> joins = i == 0 ? members.subList(0, 1) : List.of(members.get(0), members.get(i));
      nodes.add(new NodeProcess(names.get(i), roles.get(i), FreePorts.next(), clusterPorts[i], joins, jar, work, environment));
    }
    nodes.get(0).start();
    Poll.until(nodes.get(0)::ready, START);
    for (NodeProcess node : nodes.subList(1, nodes.size())) {
      node.start();
    }
    for (NodeProcess node : nodes) {
      Poll.until(node::ready, START);
    }
    allMembers = List.copyOf(members);
  }

  private List<String> allMembers;

  NodeProcess node(String name) {
    return nodes.stream().filter(node -> node.name.equals(name)).findFirst().orElseThrow();
  }

  /**
   * Starts a killed node again, as systemd would, knowing every member; waits until it serves and
   * every live node counts it as a member, so the next fault meets a whole cluster (one fault at a time).
   */
  void restart(NodeProcess killed) throws Exception {
    killed.members(allMembers);
    killed.start();
    Poll.until(killed::ready, START);
    List<NodeProcess> live = nodes.stream().filter(NodeProcess::alive).toList();
    Poll.until(() -> live.stream().allMatch(node -> node.readiness().contains("\"clusterMembers\":" + live.size())), START);
  }

  List<NodeProcess> liveGateways() {
    return nodes.stream().filter(NodeProcess::isGateway).filter(NodeProcess::alive).toList();
  }

  String kafkaBootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  void stopKafka() {
    kafka.close();
  }

  void startKafka() throws IOException {
    kafka = EmbeddedKafka.start(kafkaData, "127.0.0.1", kafkaPort, kafkaControllerPort, EmbeddedKafka.DEFAULT_PARTITIONS);
  }

  /** The node whose outbox relay holds the relay's advisory lock right now, by its connection's application name. */
  String relayHolder() throws SQLException {
    try (Connection connection = DriverManager.getConnection(backends.postgres().jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("""
           SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.granted""")) {
      return rows.next() ? rows.getString(1).replace("parley ", "") : null;
    }
  }

  /** The seqs of this chat's {@code message.sent} events still waiting in the outbox (for a failure's diagnosis). */
  String outboxSeqs(String chat) {
    try (Connection connection = DriverManager.getConnection(backends.postgres().jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT envelope->'payload'->>'seq' FROM outbox WHERE aggregate_id = '"
           + UUID.fromString(chat) + "' AND envelope->>'type' = 'message.sent' ORDER BY position")) {
      List<String> seqs = new ArrayList<>();
      while (rows.next()) {
        seqs.add(rows.getString(1));
      }
      return seqs.toString();
    } catch (SQLException failure) {
      return "unknown (" + failure.getMessage() + ")";
    }
  }

  /** Kills one PostgreSQL backend of the parley database: the postmaster resets every connection and replays its log. */
  long crashPostgres() throws SQLException {
    try (Connection connection = DriverManager.getConnection(backends.postgres().jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("""
           SELECT pid FROM pg_stat_activity WHERE datname = 'parley' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
           LIMIT 1""")) {
      if (!rows.next()) {
        throw new IllegalStateException("No PostgreSQL backend to kill");
      }
      long pid = rows.getLong(1);
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      return pid;
    }
  }

  long redisPid() throws IOException {
    return Long.parseLong(Files.readAllLines(work.resolve("backends").resolve("redis").resolve("redis.pid")).get(0).trim());
  }

  /** Starts Redis again on its port after it was killed (empty: Parley keeps nothing there it cannot rebuild). */
  void restartRedis() throws IOException {
    backends.redis().stop();
    backends.redis().start();
  }

  /** Whether every live gateway sees {@code count} cluster members (the healed one among them). */
  boolean seesMembers(NodeProcess healed, int count) {
    return healed.alive() && liveGateways().stream().allMatch(gateway -> gateway.readiness().contains("\"clusterMembers\":" + count));
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess node : nodes) {
      node.stop();
    }
    if (kafka != null) {
      kafka.close();
    }
    backends.close();
  }
}
