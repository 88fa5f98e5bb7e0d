package io.parley.shared.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.parley.shared.Headers;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.metrics.Meters;
import io.parley.shared.tracing.Traces;
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
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>A row written by traced work is sent in a {@code PRODUCER} span continuing that trace, and
 * the record carries the span's {@code traceparent} and the work's correlation id as headers
 * (see {@link io.parley.shared.tracing.KafkaTracing} for the consumer side).
 */
public final class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final long LOCK_KEY = 0x6f7574626f78L;
  private static final int BATCH = 500;
  private static final long IDLE_DELAY_MS = 200;
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final long GAUGE_INTERVAL_MS = 5_000;

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaProducer<String, String> producer;
  private final Tracer tracer;
  private final Counter relayed;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong lagSeconds = new AtomicLong();
  private io.vertx.core.Context context;
  private long backoffMs = IDLE_DELAY_MS;
  private long timerId = -1;
  private long gaugeTimer = -1;
  private boolean stopped;
  private boolean running;

  public OutboxRelay(Vertx vertx, Pool pool, KafkaProducer<String, String> producer) {
    this.vertx = vertx;
    this.pool = pool;
    this.producer = producer;
    NodeServices node = NodeServices.of(vertx);
    this.tracer = node.telemetry().getTracer("io.parley");
    MeterRegistry registry = node.metrics();
    this.relayed = Counter.builder(Meters.OUTBOX_RELAYED).description("Events this node relayed to Kafka").register(registry);
    Gauge.builder(Meters.OUTBOX_BACKLOG, backlog, AtomicLong::get).description("Events waiting in the outbox").register(registry);
    Gauge.builder(Meters.OUTBOX_RELAY_LAG, lagSeconds, AtomicLong::get).baseUnit("seconds")
      .description("Age of the oldest event still in the outbox").register(registry);
  }

  /** Starts relaying; rounds run on the context of the caller (the relay verticle's). */
  public void start() {
    // Its own context, never a caller's request context: a round must not join someone's trace.
    context = vertx.getOrCreateContext();
    schedule(0);
    gaugeTimer = vertx.setPeriodic(1, GAUGE_INTERVAL_MS, tick -> measure());
  }

  /** Asks for a round now rather than at the next poll, for example right after a commit. */
  public void wake() {
    if (!running && !stopped && context != null) {
      vertx.cancelTimer(timerId);
      schedule(0);
    }
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    vertx.cancelTimer(gaugeTimer);
  }

  private void schedule(long delayMs) {
    if (stopped) {
      return;
    }
    if (delayMs <= 0) {
      timerId = -1;
      context.runOnContext(ignored -> round());
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
      .onSuccess(count -> {
        backoffMs = IDLE_DELAY_MS;
        running = false;
        schedule(count == BATCH ? 0 : IDLE_DELAY_MS);
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
        SELECT position, topic, aggregate_id, envelope::text AS envelope, trace_parent, correlation_id
        FROM outbox ORDER BY position LIMIT $1""").execute(Tuple.of(BATCH))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(0) : send(rows)
        // Exactly the relayed positions: a transaction that took a lower position may commit later.
        .compose(positions -> connection.preparedQuery("DELETE FROM outbox WHERE position = ANY($1)")
          .execute(Tuple.of(positions)))
        .map(rows.size()))
      .onSuccess(relayed::increment);
  }

  /** Sends all records without waiting between them (the producer keeps their order per partition). */
  private Future<Long[]> send(RowSet<Row> rows) {
    List<Future<?>> acks = new ArrayList<>(rows.size());
    Long[] positions = new Long[rows.size()];
    int i = 0;
    for (Row row : rows) {
      positions[i++] = row.getLong("position");
      acks.add(sendOne(row));
    }
    return Future.all(acks).map(positions);
  }

  private Future<?> sendOne(Row row) {
    String topic = row.getString("topic");
    KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(
      topic, row.getString("aggregate_id"), row.getString("envelope"));
    String correlationId = row.getString("correlation_id");
    if (correlationId != null) {
      record.addHeader(Headers.CORRELATION_ID, correlationId);
    }
    String stored = row.getString("trace_parent");
    if (stored == null) {
      return producer.send(record);
    }
    Span span = tracer.spanBuilder(topic + " publish").setSpanKind(SpanKind.PRODUCER).setParent(Traces.parent(stored))
      .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", topic).startSpan();
    String own = Traces.traceparent(Context.root().with(span));
    // Untraced here, traced where it was written: pass the writer's trace on unchanged.
    record.addHeader(Traces.TRACEPARENT, own != null ? own : stored);
    return producer.send(record).onComplete(done -> {
      if (done.failed()) {
        span.setStatus(StatusCode.ERROR, String.valueOf(done.cause().getMessage()));
      }
      span.end();
    });
  }

  /**
   * Backlog and lag from the two ends of the outbox's primary key (positions grow by one per
   * event, so their difference bounds the count without scanning the table).
   */
  private void measure() {
    pool.query("""
        SELECT (SELECT max(position) FROM outbox) - first.position + 1 AS backlog,
               EXTRACT(EPOCH FROM now() - first.created_at)::bigint AS lag
        FROM (SELECT position, created_at FROM outbox ORDER BY position LIMIT 1) first""").execute()
      .onSuccess(rows -> {
        Row row = rows.size() == 0 ? null : rows.iterator().next();
        backlog.set(row == null ? 0 : row.getLong("backlog"));
        lagSeconds.set(row == null ? 0 : Math.max(0, row.getLong("lag")));
      })
      .onFailure(failure -> log.debug("Outbox gauges not updated: {}", failure.getMessage()));
  }
}
