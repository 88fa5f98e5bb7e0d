package io.parley.shared.event;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;

/**
 * Runs an {@link OutboxRelay} on this node. Every node deploys one; the relay's lock keeps a
 * single one active in the cluster, and another takes over within a poll interval when that
 * node stops.
 */
public final class OutboxRelayVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelayVerticle.class);

  private static final long LAG_INTERVAL_MS = 10_000;

  private OutboxRelay relay;
  private KafkaProducer<String, String> producer;
  private KafkaAdminClient admin;
  private long lagTimer = -1;

  @Override
  public Future<?> start() {
    Pool pool = Connections.postgres(vertx, config());
    producer = Connections.kafkaProducer(vertx, config());
    relay = new OutboxRelay(vertx, pool, producer);
    admin = KafkaAdminClient.create(vertx, Map.of(
      "bootstrap.servers", Config.string(config(), ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "default.api.timeout.ms", "5000",
      "request.timeout.ms", "5000"));
    lagTimer = new KafkaLagMonitor(admin, NodeServices.of(vertx).metrics()).start(vertx, LAG_INTERVAL_MS);
    // Topics made by the first produce are born while the idempotent producer already sends to
    // them, which can wedge a partition with out-of-order sequence errors: create them first.
    // Best effort: with Kafka down the node starts anyway and the relay waits for it.
    ensureTopics().onComplete(done -> relay.start());
    return Future.succeededFuture();
  }

  private Future<Void> ensureTopics() {
    int partitions = Config.integer(config(), ConfigKeys.KAFKA_TOPIC_PARTITIONS, 8);
    short replication = (short) Config.integer(config(), ConfigKeys.KAFKA_REPLICATION_FACTOR, 1);
    return admin.listTopics()
      .compose(existing -> {
        List<NewTopic> missing = Topics.ALL.stream().filter(topic -> !existing.contains(topic))
          .map(topic -> new NewTopic(topic, partitions, replication)).toList();
        return missing.isEmpty() ? Future.<Void>succeededFuture() : admin.createTopics(missing);
      })
      .recover(failure -> {
        // Another node may have created them a moment ago; anything else, the relay will meet too.
        log.info("Topics not created now ({}); relaying anyway", failure.getMessage());
        return Future.succeededFuture();
      });
  }

  @Override
  public Future<?> stop() {
    relay.stop();
    vertx.cancelTimer(lagTimer);
    return Future.join(producer.close(), admin.close());
  }
}
