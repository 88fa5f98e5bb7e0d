package io.parley.shared.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.parley.shared.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * How a Kafka consumer continues the trace and the correlation of the work that produced a record.
 * The outbox relay writes a {@link Traces#TRACEPARENT} and an {@link Headers#CORRELATION_ID} header
 * on every record whose writer was traced; a consumer handles each record through
 * {@link #consume}, and everything it does (SQL, bus requests, further sends) belongs to the same
 * trace as the REST call or bridge command that caused the event:
 *
 * <pre>{@code
 * consumer.handler(record -> KafkaTracing.consume(vertx, record, () -> notifier.handle(record.value())));
 * }</pre>
 */
public final class KafkaTracing {

  private KafkaTracing() {
  }

  /**
   * Runs {@code work} for {@code record} in a {@code CONSUMER} span named
   * {@code <topic> process}, child of the record's producer span, with the record's correlation id.
   * When Vert.x already opened a receive span for the record (tracing on, consumer created
   * through vertx-kafka-client), that span is the parent instead, which is in the same trace.
   */
  public static <T> Future<T> consume(Vertx vertx, KafkaConsumerRecord<?, ?> record, Supplier<Future<T>> work) {
    Context parent = Span.current().getSpanContext().isValid()
      ? Context.current()
      : Traces.parent(header(record, Traces.TRACEPARENT));
    String correlationId = header(record, Headers.CORRELATION_ID);
    return Work.run(vertx, correlationId, record.topic() + " process", SpanKind.CONSUMER, parent, work);
  }

  /** The last value of a record header as text, or null. */
  public static String header(KafkaConsumerRecord<?, ?> record, String name) {
    String value = null;
    for (KafkaHeader header : record.headers()) {
      if (header.key().equals(name) && header.value() != null) {
        value = header.value().toString(StandardCharsets.UTF_8);
      }
    }
    return value;
  }
}
