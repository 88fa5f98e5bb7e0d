package io.parley.shared.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.parley.shared.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

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
 *
 * A consumer that polls batches and handles each batch as one piece of work (one transaction, as
 * the notifier does) uses {@link #consumeBatch} instead.
 */
public final class KafkaTracing {

  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
  /**
   * The correlation id of the batch's lead (what its log lines carry) on the span, and of each
   * other record on its link: a trace viewer finds the log lines of every event of the batch.
   */
  static final AttributeKey<String> CORRELATION = AttributeKey.stringKey("parley.correlation_id");

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

  /**
   * Runs {@code work} for a polled batch in one {@code CONSUMER} span: {@code <topic> process}
   * when the batch comes from one topic, else {@code process}. A span has one parent, so the batch
   * continues the trace of its first record that carries one (its lead) and with that record's
   * correlation id (also the span's {@code parley.correlation_id}); every other traced record is a
   * link of the span, carrying its correlation id.
   * When the batch holds one event, or the events of one piece of work, that is its whole trace;
   * in a busier batch the other events' traces end at their producer spans and the link leads here.
   *
   * <p>Cheap with tracing off: the records are scanned once for the lead's headers, and links are
   * built (a second pass) only when the span records.
   *
   * @param batch iterated twice when the span records, so a collection such as Kafka's {@code ConsumerRecords}
   */
  public static <T> Future<T> consumeBatch(Vertx vertx, Iterable<? extends ConsumerRecord<?, ?>> batch,
                                           Supplier<Future<T>> work) {
    ConsumerRecord<?, ?> first = null;
    ConsumerRecord<?, ?> lead = null;
    String traceparent = null;
    String topic = null;
    boolean oneTopic = true;
    long count = 0;
    for (ConsumerRecord<?, ?> record : batch) {
      count++;
      if (first == null) {
        first = record;
        topic = record.topic();
      } else if (oneTopic && !topic.equals(record.topic())) {
        oneTopic = false;
      }
      if (lead == null) {
        traceparent = header(record, Traces.TRACEPARENT);
        lead = traceparent != null ? record : null;
      }
    }
    ConsumerRecord<?, ?> named = lead != null ? lead : first;
    String correlationId = named == null ? null : header(named, Headers.CORRELATION_ID);
    Context parent = Traces.parent(traceparent);
    String destination = oneTopic ? topic : null;
    long size = count;
    return Work.run(vertx, correlationId, destination == null ? "process" : destination + " process",
      SpanKind.CONSUMER, parent,
      span -> describe(span, batch, Span.fromContext(parent).getSpanContext(), correlationId, destination, size), work);
  }

  private static void describe(Span span, Iterable<? extends ConsumerRecord<?, ?>> batch, SpanContext parent,
                               String correlationId, String destination, long count) {
    span.setAttribute(MESSAGING_SYSTEM, "kafka");
    span.setAttribute(OPERATION, "process");
    span.setAttribute(BATCH_COUNT, count);
    if (destination != null) {
      span.setAttribute(DESTINATION, destination);
    }
    if (correlationId != null) {
      span.setAttribute(CORRELATION, correlationId);
    }
    // The parent is no link; records of one producer span are one link.
    Set<SpanContext> linked = new HashSet<>(Set.of(parent));
    for (ConsumerRecord<?, ?> record : batch) {
      SpanContext producer = Span.fromContext(Traces.parent(header(record, Traces.TRACEPARENT))).getSpanContext();
      if (producer.isValid() && linked.add(producer)) {
        String linkedCorrelation = header(record, Headers.CORRELATION_ID);
        span.addLink(producer, linkedCorrelation == null ? Attributes.empty()
          : Attributes.of(CORRELATION, linkedCorrelation));
      }
    }
  }

  /** The last value of a record header as text, or null. */
  public static String header(KafkaConsumerRecord<?, ?> record, String name) {
    return header(record.record(), name);
  }

  /** The last value of a header of Kafka's own record as text, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
