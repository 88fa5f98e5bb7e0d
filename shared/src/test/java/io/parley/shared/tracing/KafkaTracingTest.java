package io.parley.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.shared.Headers;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A polled batch is one consumer span in the trace of its first traced record, linked to the
 * others, and its work runs under that record's correlation id; with tracing off nothing is
 * described or linked.
 */
class KafkaTracingTest {

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private OpenTelemetrySdk telemetry;
  private Vertx traced;
  private Vertx untraced;

  @BeforeEach
  void vertx() {
    telemetry = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
      .build();
    traced = Vertx.vertx();
    NodeServices.register(traced, new NodeServices("consumer", new SimpleMeterRegistry(), telemetry));
    untraced = Vertx.vertx();
  }

  @AfterEach
  void close() {
    traced.close().await();
    untraced.close().await();
    telemetry.close();
  }

  @Test
  void aBatchContinuesItsFirstTracedRecordsTraceAndLinksTheOthers() {
    Span first = producerSpan();
    Span second = producerSpan();
    List<ConsumerRecord<String, String>> batch = List.of(
      record("parley.chats", null, "untraced"),
      record("parley.chats", first, "corr-first"),
      record("parley.chats", second, "corr-second"),
      record("parley.chats", first, "corr-first"));
    AtomicReference<String> correlation = new AtomicReference<>();
    AtomicReference<SpanContext> current = new AtomicReference<>();

    KafkaTracing.consumeBatch(traced, batch, () -> {
      correlation.set(Correlation.current());
      current.set(Span.current().getSpanContext());
      return Future.succeededFuture();
    }).await();

    SpanData span = consumerSpan();
    assertThat(span.getName()).isEqualTo("parley.chats process");
    assertThat(span.getParentSpanContext().getSpanId()).isEqualTo(first.getSpanContext().getSpanId());
    assertThat(span.getTraceId()).isEqualTo(first.getSpanContext().getTraceId());
    assertThat(span.getLinks()).as("one link per other traced record, none for the parent")
      .extracting(link -> link.getSpanContext().getSpanId()).containsExactly(second.getSpanContext().getSpanId());
    assertThat(span.getLinks().get(0).getAttributes().get(KafkaTracing.CORRELATION)).isEqualTo("corr-second");
    assertThat(span.getAttributes().get(KafkaTracing.CORRELATION)).isEqualTo("corr-first");
    assertThat(span.getAttributes().get(KafkaTracing.BATCH_COUNT)).isEqualTo(4L);
    assertThat(span.getAttributes().get(KafkaTracing.DESTINATION)).isEqualTo("parley.chats");
    assertThat(current.get()).as("the work runs in the batch's span").isEqualTo(span.getSpanContext());
    assertThat(correlation.get()).isEqualTo("corr-first");
  }

  @Test
  void aBatchOfSeveralTopicsIsNamedAfterTheOperationAlone() {
    KafkaTracing.consumeBatch(traced, List.of(record("parley.chats", producerSpan(), "a"),
      record("parley.users", producerSpan(), "b")), Future::succeededFuture).await();

    SpanData span = consumerSpan();
    assertThat(span.getName()).isEqualTo("process");
    assertThat(span.getAttributes().get(KafkaTracing.DESTINATION)).isNull();
    assertThat(span.getLinks()).hasSize(1);
  }

  @Test
  void aBatchWithoutTraceStartsOneAndAFailedBatchMarksItsSpan() {
    String outcome = KafkaTracing.consumeBatch(traced, List.of(record("parley.users", null, "corr-u")),
        () -> Future.<String>failedFuture("database away"))
      .recover(failure -> Future.succeededFuture(failure.getMessage())).await();

    assertThat(outcome).isEqualTo("database away");
    SpanData span = consumerSpan();
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getStatus().getDescription()).isEqualTo("database away");
  }

  @Test
  void withTracingOffTheWorkKeepsTheLeadsCorrelationAndNothingIsDescribed() {
    Span producer = producerSpan();
    AtomicReference<String> correlation = new AtomicReference<>();
    AtomicBoolean described = new AtomicBoolean();

    KafkaTracing.consumeBatch(untraced, List.of(record("parley.chats", null, "corr-none"),
      record("parley.chats", producer, "corr-lead")), () -> {
        correlation.set(Correlation.current());
        return Future.succeededFuture();
      }).await();
    Work.run(untraced, "c", "work", SpanKind.CONSUMER, Context.root(), span -> described.set(true),
      Future::succeededFuture).await();

    assertThat(correlation.get()).isEqualTo("corr-lead");
    assertThat(described).as("attributes and links are only built for a recording span").isFalse();
  }

  private Span producerSpan() {
    Span span = telemetry.getTracer("test").spanBuilder("parley.chats publish").setSpanKind(SpanKind.PRODUCER)
      .startSpan();
    span.end();
    return span;
  }

  private SpanData consumerSpan() {
    return exported.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CONSUMER)
      .findFirst().orElseThrow();
  }

  private static ConsumerRecord<String, String> record(String topic, Span producer, String correlationId) {
    ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, 0, "key", "{}");
    if (producer != null) {
      String traceparent = Traces.traceparent(Context.root().with(producer));
      record.headers().add(Traces.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }
    record.headers().add(Headers.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
    return record;
  }
}
