package io.parley.backends;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker, in this JVM: one KRaft node that is both broker and controller, started
 * the way {@code kafka-server-start.sh} starts it (a formatted log directory, then
 * {@link KafkaRaftServer}), not through Kafka's test kit. Its log directory belongs to the caller
 * and is formatted only once, so topics and records survive a restart.
 *
 * <p>The controller listener always stays on loopback: only this broker talks to it.
 *
 * <p>The broker shares the node's JVM, and Kafka answers some failures (every log directory
 * failed, say because the process ran out of file descriptors) by halting the JVM: that would take
 * the whole node, and every client on it, down with the broker. So the broker runs contained: its
 * calls to halt or exit the JVM are caught ({@link KafkaContainment}), logged, and answered by
 * restarting the broker on the same ports and log directory, again until it comes back.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** Partitions of an automatically created topic, unless the caller says otherwise. */
  public static final int DEFAULT_PARTITIONS = 8;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConfig config;
  private final String bootstrapServers;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile KafkaRaftServer server;

  private EmbeddedKafka(KafkaConfig config, String bootstrapServers) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.server = new KafkaRaftServer(config, Time.SYSTEM);
  }

  /**
   * Starts the broker on {@code bindHost:port} and its controller on
   * {@code 127.0.0.1:controllerPort} (0 = a free port, for either), keeping its log in
   * {@code logDirectory}. Returns once a client reaches the broker and finds it registered.
   */
  public static EmbeddedKafka start(Path logDirectory, String bindHost, int port, int controllerPort,
                                    int partitions) throws IOException {
    Files.createDirectories(logDirectory);
    int brokerPort = Endpoints.portOrFree(port);
    KafkaConfig config = KafkaConfig.fromProps(
        properties(logDirectory, bindHost, brokerPort, Endpoints.portOrFree(controllerPort), partitions),
        false);
    formatIfNew(logDirectory);

    KafkaContainment.install();
    EmbeddedKafka kafka = new EmbeddedKafka(config, Endpoints.connectHost(bindHost) + ":" + brokerPort);
    try {
      kafka.server.startup();
      kafka.awaitBrokerRegistered();
    } catch (IOException | RuntimeException e) {
      kafka.close();
      throw e;
    }
    KafkaContainment.watch(kafka);
    LOG.info("Embedded Kafka {} listening on {}:{} (data: {}, {} partitions per new topic)",
        AppInfoParser.getVersion(), bindHost, brokerPort, logDirectory.toAbsolutePath(), partitions);
    return kafka;
  }

  /** {@code HOST:PORT}, for the {@code bootstrap.servers} of any Kafka client. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** How often the broker was restarted after it tried to halt or exit the JVM. */
  public int restarts() {
    return restarts.get();
  }

  /** Shuts the broker and controller down and waits until they have. Safe to call twice. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    KafkaContainment.unwatch(this);
    shutDown(server);
    LOG.info("Embedded Kafka on {} stopped", bootstrapServers);
  }

  /**
   * The broker asked to halt or exit the JVM: it is in no state to go on. Shut it down and start
   * it again (with a pause between attempts while the cause, such as descriptor exhaustion, lasts),
   * until it is back or closed. Runs on a thread of its own, never on the broker's.
   */
  synchronized void restartAfterFatal() {
    long pauseMs = 1_000;
    while (!closed.get()) {
      shutDown(server);
      try {
        KafkaRaftServer fresh = new KafkaRaftServer(config, Time.SYSTEM);
        server = fresh;
        fresh.startup();
        awaitBrokerRegistered();
        LOG.warn("Embedded Kafka on {} restarted after a fatal error (restart {})", bootstrapServers, restarts.incrementAndGet());
        return;
      } catch (IOException | RuntimeException failure) {
        LOG.error("Embedded Kafka on {} could not restart: {}; trying again in {} ms", bootstrapServers, failure.toString(), pauseMs);
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pauseMs = Math.min(pauseMs * 2, 30_000);
    }
  }

  private static void shutDown(KafkaRaftServer broker) {
    try {
      broker.shutdown();
      broker.awaitShutdown();
    } catch (RuntimeException failure) {
      LOG.warn("Embedded Kafka did not shut down cleanly: {}", failure.toString());
    }
  }

  private static Properties properties(Path logDirectory, String bindHost, int port, int controllerPort,
                                       int partitions) {
    String controller = Endpoints.LOOPBACK + ":" + controllerPort;
    Properties props = new Properties();
    props.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@" + controller),
        Map.entry("controller.listener.names", CONTROLLER_LISTENER),
        Map.entry("listeners", "PLAINTEXT://" + bindHost + ":" + port + "," + CONTROLLER_LISTENER + "://" + controller),
        // A wildcard bind cannot be advertised; clients are told the address they can dial.
        Map.entry("advertised.listeners", "PLAINTEXT://" + Endpoints.connectHost(bindHost) + ":" + port),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
        Map.entry("log.dirs", logDirectory.toAbsolutePath().toString()),
        // One broker: every replication factor and in-sync minimum is 1, or nothing could be written.
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        // 50 partitions (the default) of consumer offsets buy a single broker nothing and make
        // the first consumer group wait while they are all created.
        Map.entry("offsets.topic.num.partitions", String.valueOf(partitions)),
        // No other members can be on their way to join a group: rebalance at once.
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("auto.create.topics.enable", "true"),
        Map.entry("num.partitions", String.valueOf(partitions))));
    return props;
  }

  /**
   * Writes meta.properties and the bootstrap metadata, as {@code kafka-storage.sh format} does,
   * unless an earlier start already did: reformatting would give the cluster a new id and make
   * the existing log unreadable.
   */
  private static void formatIfNew(Path logDirectory) throws IOException {
    if (Files.exists(logDirectory.resolve("meta.properties"))) {
      return;
    }
    String directory = logDirectory.toAbsolutePath().toString();
    // The formatter reports on a PrintStream (System.out by default); keep that out of stdout.
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(directory)
          .setMetadataLogDirectory(directory)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Could not format the Kafka log directory " + directory, e);
    }
    LOG.debug("kafka storage: {}", report.toString(StandardCharsets.UTF_8).trim());
  }

  /**
   * KafkaRaftServer.startup() already waits until the broker is unfenced; this asks the way a
   * client would, through the advertised listener, so a broker that cannot be reached as
   * configured fails here rather than in the first producer. describeCluster lists only
   * registered, unfenced brokers.
   */
  private void awaitBrokerRegistered() throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      while (true) {
        try {
          boolean registered = !admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000))
              .nodes().get(2, TimeUnit.SECONDS).isEmpty();
          if (registered) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          LOG.debug("Embedded Kafka not ready yet", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("Embedded Kafka did not become ready within " + READY_TIMEOUT);
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for embedded Kafka");
    }
  }
}
