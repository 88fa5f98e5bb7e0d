package io.parley.shared.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work that enters a node on its own rather than as an HTTP request or a bus message (which
 * Vert.x traces itself): a bridge command, a Kafka record, an outbox relay send. It runs on a
 * fresh duplicated Vert.x context, named by its correlation id, inside a span that lasts until the
 * work's Future completes. Everything the work starts (bus requests, SQL, Redis) joins that span,
 * because the span is the current OpenTelemetry context of that Vert.x context.
 */
public final class Work {

  static final String TRACER = "io.parley";

  private Work() {
  }

  /**
   * Runs {@code work} as its own unit.
   *
   * @param correlationId names the work in logs and in the bus messages it sends
   * @param spanName      what the span is called ({@code bridge chat.messages.send})
   * @param kind          {@code SERVER} for a command, {@code CONSUMER} for a record
   * @param parent        the trace this continues; {@link Context#root()} starts a new one
   */
  public static <T> Future<T> run(Vertx vertx, String correlationId, String spanName, SpanKind kind, Context parent,
                                  Supplier<Future<T>> work) {
    return run(vertx, correlationId, spanName, kind, parent, span -> { }, work);
  }

  /**
   * Runs {@code work} as its own unit, as {@link #run(Vertx, String, String, SpanKind, Context, Supplier)},
   * after {@code describe} added attributes or links to its span. {@code describe} is called only
   * when the span records, so what it computes costs nothing while tracing is off or the trace is
   * sampled out.
   */
  public static <T> Future<T> run(Vertx vertx, String correlationId, String spanName, SpanKind kind, Context parent,
                                  Consumer<Span> describe, Supplier<Future<T>> work) {
    ContextInternal base = ContextInternal.current();
    ContextInternal duplicate = (base != null ? base : (ContextInternal) vertx.getOrCreateContext()).duplicate();
    Promise<T> promise = duplicate.promise();
    Handler<Void> start = ignored -> {
      Correlation.set(correlationId);
      Span span;
      Scope scope;
      Future<T> result;
      try {
        span = NodeServices.of(vertx).telemetry().getTracer(TRACER)
          .spanBuilder(spanName).setSpanKind(kind).setParent(parent).startSpan();
      } catch (RuntimeException tracingFailed) {
        // Tracing must never stop the work itself.
        promise.handle(call(work));
        return;
      }
      try {
        if (span.isRecording()) {
          describe.accept(span);
        }
        scope = parent.with(span).makeCurrent();
      } catch (RuntimeException tracingFailed) {
        span.end();
        promise.handle(call(work));
        return;
      }
      result = call(work);
      result.onComplete(done -> {
        if (done.failed()) {
          span.setStatus(StatusCode.ERROR, String.valueOf(done.cause().getMessage()));
        }
        span.end();
        scope.close();
        promise.handle(done);
      });
    };
    if (base != null && base.inThread()) {
      duplicate.dispatch(start);
    } else {
      duplicate.runOnContext(start);
    }
    return promise.future();
  }

  private static <T> Future<T> call(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException failure) {
      return Future.failedFuture(failure);
    }
  }
}
