package io.parley.notify;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.Topics;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The notify consumer group as Kafka's admin API sees it: committed offsets, lag, rewinding. */
final class KafkaGroup implements AutoCloseable {

  private final Admin admin;
  private final String group;

  KafkaGroup(JsonObject config) {
    this.admin = Admin.create(Map.of("bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS)));
    this.group = Config.string(config, ConfigKeys.NOTIFY_CONSUMER_GROUP);
  }

  /** Records of the notify topics not yet committed by the group. */
  long lag() throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed = committed();
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends().entrySet()) {
      OffsetAndMetadata at = committed.get(end.getKey());
      lag += end.getValue() - (at == null ? 0 : at.offset());
    }
    return lag;
  }

  Map<TopicPartition, OffsetAndMetadata> committed() throws ExecutionException, InterruptedException {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
  }

  /**
   * Moves the group back to the first record of every partition, as if it had crashed after
   * applying everything but before committing any of it. Only for a group without members.
   */
  void rewindToStart() throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
    for (TopicPartition partition : ends().keySet()) {
      start.put(partition, new OffsetAndMetadata(0));
    }
    admin.alterConsumerGroupOffsets(group, start).all().get();
  }

  private Map<TopicPartition, Long> ends() throws ExecutionException, InterruptedException {
    Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.CHATS, Topics.USERS)).allTopicNames().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    topics.values().forEach(topic -> topic.partitions().forEach(partition ->
      latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  @Override
  public void close() {
    admin.close();
  }
}
