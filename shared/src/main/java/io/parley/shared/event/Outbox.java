package io.parley.shared.event;

import io.parley.shared.tracing.Correlation;
import io.parley.shared.tracing.Traces;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Writes domain events to the {@code outbox} table. Call it with the same connection (inside the
 * same transaction) that changes the state the events describe: then an event exists exactly
 * when its change was committed, and {@link OutboxRelay} takes it to Kafka afterwards.
 */
public final class Outbox {

  private static final String INSERT = """
      INSERT INTO outbox (event_id, topic, aggregate_id, envelope, trace_parent, correlation_id)
      VALUES ($1, $2, $3, $4::jsonb, $5, $6)""";

  private Outbox() {
  }

  public static Future<Void> append(SqlClient tx, String topic, EventEnvelope event) {
    return append(tx, topic, List.of(event));
  }

  /**
   * Appends events; each row also keeps the trace and correlation id of the work running now,
   * which the relay continues in the Kafka record's headers.
   */
  public static Future<Void> append(SqlClient tx, String topic, List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    try {
      events.forEach(EventSchemas::checkInTests);
    } catch (IllegalStateException outsideItsSchema) {
      return Future.failedFuture(outsideItsSchema);
    }
    String traceparent = Traces.traceparent();
    String correlationId = Correlation.current();
    List<Tuple> rows = events.stream()
      // A JsonObject, not its encoded text: the client binds a String to jsonb as a JSON string value.
      .map(event -> Tuple.of(UUID.fromString(event.id()), topic, event.aggregateId(), event.toJson(),
        traceparent, correlationId))
      .toList();
    return tx.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }
}
