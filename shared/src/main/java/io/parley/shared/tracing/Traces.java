package io.parley.shared.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace context (<a href="https://www.w3.org/TR/trace-context/">traceparent</a>) as text, for
 * the places where a trace must wait: an outbox row keeps the {@code traceparent} of the work that
 * wrote it, and the relay, later and maybe on another node, continues that trace.
 */
public final class Traces {

  /** The W3C header (and Kafka record header) that carries a trace. */
  public static final String TRACEPARENT = "traceparent";

  private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private Traces() {
  }

  /** The {@code traceparent} of the current span, or null when no sampled trace is being recorded. */
  public static String traceparent() {
    return traceparent(Context.current());
  }

  /** The {@code traceparent} of the span in {@code context}, or null when it records nothing. */
  public static String traceparent(Context context) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /** The trace a stored {@code traceparent} names, as a parent context; the root when there is none. */
  public static Context parent(String traceparent) {
    if (traceparent == null || traceparent.isEmpty()) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP);
  }

  /** The trace id of the current span (32 hex digits), or null outside a recorded trace: for log lines. */
  public static String currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  /** Header names this class reads and writes, for carriers that must list them. */
  public static List<String> fields() {
    return List.copyOf(W3CTraceContextPropagator.getInstance().fields());
  }
}
