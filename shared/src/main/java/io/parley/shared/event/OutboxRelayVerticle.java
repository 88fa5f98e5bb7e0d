package io.parley.shared.event;

import io.parley.shared.infra.Connections;
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

  private OutboxRelay relay;
  private KafkaProducer<String, String> producer;

  @Override
  public Future<?> start() {
    Pool pool = Connections.postgres(vertx, config());
    producer = Connections.kafkaProducer(vertx, config());
    relay = new OutboxRelay(vertx, pool, producer);
    relay.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    relay.stop();
    return producer.close();
  }
}
