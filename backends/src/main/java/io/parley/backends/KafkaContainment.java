package io.parley.backends;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an in-JVM Kafka broker from taking its host process down. Kafka ends the JVM through
 * {@link Exit} when it meets a failure it cannot recover from (all log directories failed, a fatal
 * controller error); for a broker embedded in a Parley node that would stop the node and cut off
 * every client on it. Here those calls restart the brokers of this JVM instead.
 *
 * <p>Measured choice over a child process: a contained in-JVM broker starts in about 2 s and costs
 * no second JVM (heap, JIT, startup) per node, and the file-descriptor reserve the gateway keeps
 * ({@code http.fdReserve}) means a connection flood no longer starves it in the first place.
 */
final class KafkaContainment {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaContainment.class);
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static final Set<EmbeddedKafka> BROKERS = ConcurrentHashMap.newKeySet();

  private KafkaContainment() {
  }

  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      Exit.setHaltProcedure((status, message) -> contain("halt", status, message));
      Exit.setExitProcedure((status, message) -> contain("exit", status, message));
    }
  }

  static void watch(EmbeddedKafka broker) {
    BROKERS.add(broker);
  }

  static void unwatch(EmbeddedKafka broker) {
    BROKERS.remove(broker);
  }

  private static void contain(String what, int status, String message) {
    LOG.error("Embedded Kafka asked to {} the JVM (status {}: {}); the node stays up and the broker restarts",
        what, status, message);
    for (EmbeddedKafka broker : BROKERS) {
      Thread restart = new Thread(broker::restartAfterFatal, "embedded-kafka-restart");
      restart.setDaemon(true);
      restart.start();
    }
  }
}
