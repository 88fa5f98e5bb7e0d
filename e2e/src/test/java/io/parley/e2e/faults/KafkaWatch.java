package io.parley.e2e.faults;

import io.parley.shared.event.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the chat topic from the start, all through the faults (the consumer rides out the broker's
 * absence on its own), keeping every event per chat in arrival order: what a downstream consumer
 * would see.
 */
final class KafkaWatch implements AutoCloseable {

  /** One event as it arrived. */
  record Seen(String id, String type, Long seq) {
  }

  private final Map<String, List<Seen>> byChat = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile boolean running = true;

  KafkaWatch(String bootstrapServers) {
    Properties properties = new Properties();
    properties.putAll(Map.of(
      "bootstrap.servers", bootstrapServers,
      "group.id", "fault-watch-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "key.deserializer", StringDeserializer.class.getName(),
      "value.deserializer", StringDeserializer.class.getName()));
    reader = new Thread(() -> {
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
        consumer.subscribe(List.of(Topics.CHATS));
        while (running) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonObject event = new JsonObject(record.value());
            Long seq = event.getJsonObject("payload", new JsonObject()).getLong("seq");
            byChat.computeIfAbsent(record.key(), chat -> java.util.Collections.synchronizedList(new ArrayList<>()))
              .add(new Seen(event.getString("id"), event.getString("type"), seq));
          }
        }
      }
    }, "fault-kafka-watch");
    reader.setDaemon(true);
    reader.start();
  }

  /** Whether the {@code message.sent} event of every one of these seqs of the chat has arrived. */
  boolean hasMessages(String chat, Set<Long> seqs) {
    return messageSeqs(chat).containsAll(seqs);
  }

  Set<Long> messageSeqs(String chat) {
    Set<Long> seen = new HashSet<>();
    List<Seen> events = byChat.getOrDefault(chat, List.of());
    synchronized (events) {
      events.stream().filter(event -> "message.sent".equals(event.type())).forEach(event -> seen.add(event.seq()));
    }
    return seen;
  }

  /**
   * Per chat, the numbered events in the order a consumer got them, counting redeliveries (the
   * relay is at least once) and order violations: after dropping an event seen before, the
   * sequence numbers must only grow.
   */
  int[] duplicatesAndReorderings() {
    int duplicates = 0;
    int reorderings = 0;
    for (List<Seen> events : byChat.values()) {
      Set<String> ids = new HashSet<>();
      long last = 0;
      synchronized (events) {
        for (Seen event : events) {
          if (!ids.add(event.id())) {
            duplicates++;
            continue;
          }
          if (event.seq() != null) {
            if (event.seq() <= last) {
              reorderings++;
            }
            last = event.seq();
          }
        }
      }
    }
    return new int[] {duplicates, reorderings};
  }

  /** The message seqs of these chats a new consumer reads from the start up to the end offsets of now. */
  static Map<String, Set<Long>> readOnce(String bootstrapServers, Set<String> chats) {
    Properties properties = new Properties();
    properties.putAll(Map.of(
      "bootstrap.servers", bootstrapServers,
      "key.deserializer", StringDeserializer.class.getName(),
      "value.deserializer", StringDeserializer.class.getName()));
    Map<String, Set<Long>> seqs = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHATS).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonObject event = new JsonObject(record.value());
          if (chats.contains(record.key()) && "message.sent".equals(event.getString("type"))) {
            seqs.computeIfAbsent(record.key(), chat -> new HashSet<>()).add(event.getJsonObject("payload").getLong("seq"));
          }
        }
      }
    }
    return seqs;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.join(10_000);
  }
}
