package io.parley.bench;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.Topics;
import io.parley.shared.infra.Connections;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify consumer under a burst: how many recipients per second it handles (a stored
 * notification and a decision per recipient, committed with the event ids), and the consumer
 * group's lag right after a burst of 100,000 recipients until it is back to zero.
 *
 * <p>A node runs only the notify role (its consumers, one per core), with embedded backends.
 * Groups, channels and their members are rows written straight into the chat tables (the chat
 * service is not what is measured), and the burst is written straight to {@code parley.chats},
 * shaped exactly as the chat service's {@code message.sent} events. Recipients are offline and
 * have no browsers: this measures the consumer, not push services.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=io.parley.bench.NotifyBenchmark
 * </pre>
 * Shapes (system properties): {@code groups} groups of {@code members} (defaults 1,000 × 100), then
 * one channel of {@code followers} (100,000) with one post.
 */
public final class NotifyBenchmark {

  private static final Logger log = LoggerFactory.getLogger(NotifyBenchmark.class);
  private static final long SAMPLE_MS = 250;

  public static void main(String[] args) throws Exception {
    int groups = Integer.getInteger("groups", 1_000);
    int members = Integer.getInteger("members", 100);
    int followers = Integer.getInteger("followers", 100_000);
    Vertx vertx = Vertx.vertx();
    try (BenchNode node = BenchNode.start(vertx, "notify");
         Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap(node)));
         KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap(node),
           "linger.ms", "5", "acks", "all"), new StringSerializer(), new StringSerializer())) {
      Pool pool = Connections.postgres(vertx, node.node.config());
      List<String> people = BenchNode.insertUsers(pool, Math.max(followers, members * 10) + groups + 1, "notify");
      String group = Config.string(node.node.config(), ConfigKeys.NOTIFY_CONSUMER_GROUP, "parley-notify");

      List<Chat> warmUp = chats(pool, "group", 20, 20, people, 0);
      burst(producer, warmUp);
      drain(admin, group, pool, "warm-up", recipients(warmUp), System.nanoTime());

      List<Chat> many = chats(pool, "group", groups, members, people, 20);
      long start = System.nanoTime();
      burst(producer, many);
      drain(admin, group, pool, groups + " groups of " + members + ", one message each", recipients(many), start);

      List<Chat> channel = chats(pool, "channel", 1, followers + 1, people, 0);
      start = System.nanoTime();
      burst(producer, channel);
      drain(admin, group, pool, "one channel of " + followers + " followers, one post", recipients(channel), start);
      pool.close().await();
    } finally {
      vertx.close().await();
    }
  }

  /** A chat written into the chat tables: its id, the sender (its first member) and the others. */
  private record Chat(UUID id, String type, String sender, int recipients) {
  }

  private static List<Chat> chats(Pool pool, String type, int count, int size, List<String> people, int offset) {
    List<Chat> chats = new ArrayList<>();
    Instant now = Instant.now();
    for (int c = 0; c < count; c++) {
      UUID chatId = UUID.randomUUID();
      List<String> members = new ArrayList<>();
      for (int m = 0; m < size; m++) {
        members.add(people.get((offset * 7 + c * 13 + m) % people.size()));
      }
      members = new ArrayList<>(new LinkedHashSet<>(members));
      String owner = members.get(0);
      pool.preparedQuery("""
          INSERT INTO chats (id, type, title, created_by, created_at, last_seq, last_activity_at, member_count)
          VALUES ($1, $2, $3, $4, $5, 1, $5, $6)""")
        .execute(Tuple.of(chatId, type, type + " " + c, UUID.fromString(owner), now.atOffset(ZoneOffset.UTC), members.size()))
        .await();
      List<Tuple> rows = new ArrayList<>();
      for (int m = 0; m < members.size(); m++) {
        rows.add(Tuple.of(chatId, UUID.fromString(members.get(m)), m == 0 ? "owner" : "member", now.atOffset(ZoneOffset.UTC)));
      }
      for (int from = 0; from < rows.size(); from += 5_000) {
        pool.preparedQuery("INSERT INTO chat_members (chat_id, user_id, role, joined_at, joined_seq) VALUES ($1, $2, $3, $4, 1)")
          .executeBatch(rows.subList(from, Math.min(rows.size(), from + 5_000))).await();
      }
      chats.add(new Chat(chatId, type, owner, members.size() - 1));
    }
    return chats;
  }

  private static long recipients(List<Chat> chats) {
    return chats.stream().mapToLong(Chat::recipients).sum();
  }

  /** One message.sent per chat, as the chat service writes it, keyed by chat. */
  private static void burst(KafkaProducer<String, String> producer, List<Chat> chats) {
    for (Chat chat : chats) {
      JsonObject message = new JsonObject().put("id", UUID.randomUUID().toString()).put("chatId", chat.id().toString())
        .put("seq", 2).put("senderId", chat.sender()).put("kind", "text").put("text", "Benchmark burst, are you there?")
        .put("createdAt", Instant.now().toString()).put("deleted", false).put("pinned", false).put("mentions", new JsonArray());
      JsonObject payload = new JsonObject().put("chatId", chat.id().toString()).put("seq", 2).put("type", "message.sent")
        .put("actorId", chat.sender()).put("time", Instant.now().toString()).put("messageSeq", 2).put("message", message)
        .put("audience", "members");
      EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), "message.sent", Instant.now(),
        chat.id().toString(), payload, 1);
      producer.send(new ProducerRecord<>(Topics.CHATS, chat.id().toString(), event.toJson().encode()));
    }
    producer.flush();
  }

  /** Samples the group's lag from the end of the burst until it is zero; logs the figures. */
  private static void drain(Admin admin, String group, Pool pool, String shape, long recipients, long start) throws Exception {
    long written = System.nanoTime();
    long firstLag = lag(admin, group);
    long peak = firstLag;
    long lag = firstLag;
    while (lag > 0) {
      Thread.sleep(SAMPLE_MS);
      lag = lag(admin, group);
      peak = Math.max(peak, lag);
    }
    long done = System.nanoTime();
    double seconds = (done - start) / 1e9;
    long stored = ((Number) pool.query("SELECT count(*) FROM notifications").execute().await().iterator().next().getValue(0))
      .longValue();
    log.info("{}: {} recipients; burst written in {} ms, lag then {} events (peak {}), zero after {} ms; "
        + "{} recipients/s from the first record written; {} notifications stored so far",
      shape, recipients, (written - start) / 1_000_000, firstLag, peak, (done - written) / 1_000_000,
      String.format("%.0f", recipients / seconds), stored);
  }

  /** Records of parley.chats not yet committed by the notify group. */
  private static long lag(Admin admin, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin.describeTopics(List.of(Topics.CHATS)).allTopicNames().get().get(Topics.CHATS).partitions()
      .forEach(partition -> latest.put(new TopicPartition(Topics.CHATS, partition.partition()), OffsetSpec.latest()));
    long lag = 0;
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata at = committed.get(end.getKey());
      lag += end.getValue().offset() - (at == null ? 0 : at.offset());
    }
    return lag;
  }

  private static String bootstrap(BenchNode node) {
    return Config.string(node.node.config(), ConfigKeys.KAFKA_BOOTSTRAP_SERVERS);
  }
}
