package io.parley.shared.infra;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;

/**
 * Builds the clients of PostgreSQL, Redis and Kafka from the node configuration. By the time a
 * verticle runs, the node has filled in the URIs (external ones, or those of the embedded
 * servers it started), so verticles never care which kind they talk to.
 */
public final class Connections {

  /** Longer than any statement Parley runs; chat's {@code SendStatementTest} checks the longest, the batched send, is kept. */
  private static final int PREPARED_STATEMENT_SQL_LIMIT = 16_384;

  private Connections() {
  }

  /**
   * A PostgreSQL pool shared by every verticle instance of the node ({@code setShared}), so
   * deploying eight instances does not open eight pools.
   */
  public static Pool postgres(Vertx vertx, JsonObject config) {
    PgConnectOptions connect = PgConnectOptions.fromUri(required(config, ConfigKeys.POSTGRES_URI))
      .setCachePreparedStatements(true)
      // The client caches only statements up to 2,048 characters unless told otherwise, and the
      // one that matters most, the batched send (MessageStore), is longer: it was parsed and
      // planned anew for every batch, about 2 ms of the server's CPU each. Parley's statements are
      // fixed text or joins of fixed pieces (values go in parameters), so they are few and all may be kept.
      .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT)
      .setPipeliningLimit(256);
    String nodeName = Config.string(config, ConfigKeys.NODE_NAME, "");
    if (nodeName != null && !nodeName.isBlank()) {
      // Lets an operator (and the fault tests) tell in pg_stat_activity which node holds what.
      connect.addProperty("application_name", "parley " + nodeName);
    }
    // Parley's statements are prepared once per connection and run with new values every time.
    // Left to choose, PostgreSQL plans a statement on the partitioned messages and changes tables
    // anew for each execution: the plan for all partitions (pruned when it runs) looks dearer
    // than one planned for the partition at hand, so it is never kept. That planning cost more
    // than a millisecond of the server's CPU per send; the kept plan runs as fast.
    connect.addProperty("plan_cache_mode", "force_generic_plan");
    long idleInTransactionMs = Config.longValue(config, ConfigKeys.POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS, 5_000);
    if (idleInTransactionMs > 0) {
      // A node that stops mid-transaction without dying (frozen, or cut off with its sockets
      // open) would hold its row locks, on a chat's sequence for one, until its connection dies:
      // every other node's sends into that chat would queue behind it and use up their pools.
      // Parley's transactions last milliseconds, so the server may end such a session soon.
      connect.addProperty("idle_in_transaction_session_timeout", String.valueOf(idleInTransactionMs));
    }
    PoolOptions pool = new PoolOptions()
      .setMaxSize(Config.integer(config, ConfigKeys.POSTGRES_POOL_SIZE, 16))
      .setShared(true)
      .setName("parley-postgres");
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  public static Redis redis(Vertx vertx, JsonObject config) {
    RedisOptions options = new RedisOptions()
      .setConnectionString(required(config, ConfigKeys.REDIS_URI))
      .setMaxPoolSize(Config.integer(config, ConfigKeys.REDIS_POOL_SIZE, 16))
      .setMaxPoolWaiting(1024);
    return Redis.createClient(vertx, options);
  }

  /** One idempotent producer per node: per-key order survives retries. */
  public static KafkaProducer<String, String> kafkaProducer(Vertx vertx, JsonObject config) {
    Map<String, String> settings = Map.ofEntries(
      Map.entry("bootstrap.servers", required(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS)),
      Map.entry("key.serializer", "org.apache.kafka.common.serialization.StringSerializer"),
      Map.entry("value.serializer", "org.apache.kafka.common.serialization.StringSerializer"),
      Map.entry("acks", "all"),
      Map.entry("enable.idempotence", "true"),
      // One batch in flight per partition: a batch retried after NOT_LEADER right after a topic
      // is created can then never race its successor into OUT_OF_ORDER_SEQUENCE (seen in tests).
      Map.entry("max.in.flight.requests.per.connection", "1"),
      Map.entry("linger.ms", "2"),
      Map.entry("request.timeout.ms", "10000"),
      Map.entry("delivery.timeout.ms", "30000"),
      Map.entry("max.block.ms", "5000"));
    return KafkaProducer.createShared(vertx, "parley-producer", settings);
  }

  private static String required(JsonObject config, String key) {
    String value = Config.string(config, key);
    if (value == null) {
      throw new IllegalStateException("Configuration key " + key + " is not set");
    }
    return value;
  }
}
