package io.parley.shared.event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.shared.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.ConsumerGroupListing;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag of every Parley consumer group ({@code parley-*}), measured from outside the
 * consumers as Kafka tools do: per group and topic, the partitions' end offsets minus the
 * group's committed offsets. So any consumer in the cluster (the notifier, future ones) shows up
 * in {@link Meters#KAFKA_CONSUMER_LAG} without instrumenting it, as long as it commits offsets.
 */
final class KafkaLagMonitor {

  private static final Logger log = LoggerFactory.getLogger(KafkaLagMonitor.class);
  static final String GROUP_PREFIX = "parley-";

  private final KafkaAdminClient admin;
  private final MeterRegistry registry;
  private final Map<List<String>, AtomicLong> lags = new ConcurrentHashMap<>();

  KafkaLagMonitor(KafkaAdminClient admin, MeterRegistry registry) {
    this.admin = admin;
    this.registry = registry;
  }

  /** Measures every {@code intervalMs}; returns the timer id. */
  long start(Vertx vertx, long intervalMs) {
    return vertx.setPeriodic(1_000, intervalMs, tick -> measure()
      .onFailure(failure -> log.debug("Consumer lag not measured: {}", failure.getMessage())));
  }

  Future<Void> measure() {
    return admin.listConsumerGroups().compose(groups -> {
      Future<Void> all = Future.succeededFuture();
      for (ConsumerGroupListing group : groups) {
        if (group.getGroupId().startsWith(GROUP_PREFIX)) {
          all = all.compose(previous -> measure(group.getGroupId()));
        }
      }
      return all;
    });
  }

  private Future<Void> measure(String group) {
    return admin.listConsumerGroupOffsets(group).compose(committed -> {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.LATEST));
      return latest.isEmpty() ? Future.succeededFuture() : admin.listOffsets(latest).map(ends -> {
        Map<String, Long> byTopic = new HashMap<>();
        committed.forEach((partition, offset) -> {
          long end = ends.containsKey(partition) ? ends.get(partition).getOffset() : offsetOf(offset);
          byTopic.merge(partition.getTopic(), Math.max(0, end - offsetOf(offset)), Long::sum);
        });
        byTopic.forEach((topic, lag) -> gauge(group, topic).set(lag));
        return null;
      });
    });
  }

  private static long offsetOf(OffsetAndMetadata offset) {
    return offset == null ? 0 : offset.getOffset();
  }

  private AtomicLong gauge(String group, String topic) {
    return lags.computeIfAbsent(List.of(group, topic), key -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(Meters.KAFKA_CONSUMER_LAG, value, AtomicLong::get)
        .description("Records of the topic the consumer group has not committed yet")
        .tags("group", group, "topic", topic)
        .register(registry);
      return value;
    });
  }
}
