package io.parley.shared.event;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to Kafka: at least once, and in outbox order, which keeps the
 * events of one aggregate in order on their partition.
 *
 * <p>Only one relay in the whole cluster works at a time: each round takes a transaction-scoped
 * PostgreSQL advisory lock, so relays on other nodes skip the round instead of interleaving
 * (interleaving would reorder an aggregate's events). A batch is deleted only after Kafka
 * acknowledged every record of it; when Kafka is down the round fails, nothing is deleted, and
 * the relay retries with a growing delay until Kafka is back.
 */
public final class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final long LOCK_KEY = 0x6f7574626f78L;
  private static final int BATCH = 500;
  private static final long IDLE_DELAY_MS = 200;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaProducer<String, String> producer;
  private long backoffMs = IDLE_DELAY_MS;
  private long timerId = -1;
  private boolean stopped;
  private boolean running;

  public OutboxRelay(Vertx vertx, Pool pool, KafkaProducer<String, String> producer) {
    this.vertx = vertx;
    this.pool = pool;
    this.producer = producer;
  }

  public void start() {
    schedule(0);
  }

  /** Asks for a round now rather than at the next poll, for example right after a commit. */
  public void wake() {
    if (!running && !stopped) {
      vertx.cancelTimer(timerId);
      schedule(0);
    }
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
  }

  private void schedule(long delayMs) {
    if (stopped) {
      return;
    }
    if (delayMs <= 0) {
      timerId = -1;
      vertx.runOnContext(ignored -> round());
    } else {
      timerId = vertx.setTimer(delayMs, ignored -> round());
    }
  }

  private void round() {
    if (running || stopped) {
      return;
    }
    running = true;
    relayBatch()
      .onSuccess(relayed -> {
        backoffMs = IDLE_DELAY_MS;
        running = false;
        schedule(relayed == BATCH ? 0 : IDLE_DELAY_MS);
      })
      .onFailure(failure -> {
        log.warn("Outbox relay round failed, retrying in {} ms: {}", backoffMs, failure.getMessage());
        running = false;
        schedule(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      });
  }

  /** One round: completes with the number of events relayed (0 if another node holds the lock). */
  Future<Integer> relayBatch() {
    return pool.withTransaction(connection -> connection
      .query("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ") AS locked").execute()
      .compose(lock -> lock.iterator().next().getBoolean("locked") ? relayLocked(connection) : Future.succeededFuture(0)));
  }

  private Future<Integer> relayLocked(SqlConnection connection) {
    return connection.preparedQuery("""
        SELECT position, topic, aggregate_id, envelope::text AS envelope
        FROM outbox ORDER BY position LIMIT $1""").execute(Tuple.of(BATCH))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(0) : send(rows)
        // Exactly the relayed positions: a transaction that took a lower position may commit later.
        .compose(positions -> connection.preparedQuery("DELETE FROM outbox WHERE position = ANY($1)")
          .execute(Tuple.of(positions)))
        .map(rows.size()));
  }

  /** Sends all records without waiting between them (the producer keeps their order per partition). */
  private Future<Long[]> send(RowSet<Row> rows) {
    List<Future<?>> acks = new ArrayList<>(rows.size());
    Long[] positions = new Long[rows.size()];
    int i = 0;
    for (Row row : rows) {
      positions[i++] = row.getLong("position");
      acks.add(producer.send(KafkaProducerRecord.create(
        row.getString("topic"), row.getString("aggregate_id"), row.getString("envelope"))));
    }
    return Future.all(acks).map(positions);
  }
}
