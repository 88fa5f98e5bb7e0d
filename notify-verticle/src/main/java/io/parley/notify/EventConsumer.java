package io.parley.notify;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.Topics;
import io.parley.shared.tracing.KafkaTracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify role's Kafka consumer: {@code parley.chats} and {@code parley.users} in the
 * consumer group {@code notify.consumerGroup}, so the partitions are spread over every consumer
 * of every node running the role, and move to the others when one stops.
 *
 * <p>At least once, effects exactly once: poll a batch, apply it (its effects and its event ids
 * commit in one transaction, see {@link EventProcessor}), then commit the offsets. A consumer
 * that dies between the two, or loses its partitions to a rebalance, leaves offsets behind its
 * effects; whoever reads those events again finds their ids and changes nothing. Nothing is
 * auto-committed, and a fresh group starts at the earliest record (old events are recognised by
 * age, see {@code notify.maxEventAgeSeconds}).
 *
 * <p>A batch is handled in one {@code CONSUMER} span that continues the trace of its first traced
 * record and links the others ({@link KafkaTracing#consumeBatch}), so the planning, the
 * transaction and the cache work of a message's event show in the message's trace.
 */
final class EventConsumer {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long LAG_EVERY_MS = 1_000;
  private static final long AFTER_FAILURE_MS = 1_000;

  private final Vertx vertx;
  private final EventProcessor processor;
  private final NotifyMetrics metrics;
  private final KafkaReadStream<String, String> stream;
  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
  private long lagMeasuredAt;
  private boolean stopped;

  EventConsumer(Vertx vertx, JsonObject config, NotifyConfig settings, EventProcessor processor, NotifyMetrics metrics,
                String clientId) {
    this.vertx = vertx;
    this.processor = processor;
    this.metrics = metrics;
    Map<String, Object> kafka = new HashMap<>();
    kafka.put("bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS));
    kafka.put("group.id", settings.consumerGroup());
    kafka.put("client.id", clientId);
    kafka.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    kafka.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    kafka.put("enable.auto.commit", "false");
    kafka.put("auto.offset.reset", "earliest");
    kafka.put("max.poll.records", String.valueOf(settings.batchSize()));
    // Moves only the partitions that change owner when a node joins or leaves, so the others keep going.
    kafka.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    this.stream = KafkaReadStream.create(vertx, kafka);
  }

  /** Completes once subscribed; partitions arrive with the group's first rebalance. */
  Future<Void> start() {
    stream.partitionsAssignedHandler(partitions -> {
      assigned.addAll(partitions);
      log.info("Notify consumer got {} partitions ({} in all)", partitions.size(), assigned.size());
    });
    stream.partitionsRevokedHandler(partitions -> {
      assigned.removeAll(partitions);
      log.info("Notify consumer gave up {} partitions ({} left)", partitions.size(), assigned.size());
    });
    return stream.subscribe(Set.of(Topics.CHATS, Topics.USERS)).onSuccess(subscribed -> loop());
  }

  /** The partitions this consumer holds now. */
  Set<TopicPartition> assigned() {
    return Set.copyOf(assigned);
  }

  /**
   * Leaves the group at once, without committing what is in flight: as after a crash, whoever
   * takes the partitions reads those records again and the event ids make that harmless.
   */
  Future<Void> stop() {
    stopped = true;
    return stream.close();
  }

  private void loop() {
    if (stopped) {
      return;
    }
    stream.poll(POLL)
      .compose(this::handle)
      .compose(handled -> measureLag())
      .onComplete(done -> {
        if (done.succeeded()) {
          loop();
        } else if (!stopped) {
          log.warn("Notify consumer round failed, polling again in {} ms: {}", AFTER_FAILURE_MS, done.cause().toString());
          vertx.setTimer(AFTER_FAILURE_MS, later -> loop());
        }
      });
  }

  private Future<Void> handle(ConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<InboundEvent> events = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, String>> ofPartition = records.records(partition);
      ofPartition.forEach(record -> events.add(InboundEvent.of(record)));
      offsets.put(partition, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
    }
    return KafkaTracing.consumeBatch(vertx, records, () -> processor.handle(events)).compose(applied -> stopped ? Future.succeededFuture() : stream.commit(offsets)
      .<Void>mapEmpty()
      .recover(refused -> {
        // A rebalance took partitions meanwhile: their new owner repeats these events harmlessly.
        log.info("Offsets not committed ({}); the events will be read again", refused.toString());
        return Future.succeededFuture();
      }));
  }

  /** Lag = records in the held partitions not yet handled (offsets are committed right after handling). */
  private Future<Void> measureLag() {
    long now = System.currentTimeMillis();
    if (stopped || now - lagMeasuredAt < LAG_EVERY_MS) {
      return Future.succeededFuture();
    }
    lagMeasuredAt = now;
    Set<TopicPartition> held = assigned();
    if (held.isEmpty()) {
      metrics.lag(0);
      return Future.succeededFuture();
    }
    return stream.endOffsets(held).compose(ends -> {
      List<Future<Long>> lags = new ArrayList<>();
      ends.forEach((partition, end) -> lags.add(stream.position(partition).map(position -> Math.max(0, end - position))));
      return Future.all(lags).map(all -> {
        long total = 0;
        for (int i = 0; i < all.size(); i++) {
          total += all.<Long>resultAt(i);
        }
        metrics.lag(total);
        return null;
      });
    }).<Void>mapEmpty().otherwise(unmeasured -> null);
  }
}
