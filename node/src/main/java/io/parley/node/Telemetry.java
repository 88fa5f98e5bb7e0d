package io.parley.node;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The node's OpenTelemetry: off (null) unless {@code tracing.otlpEndpoint} is set; then spans are
 * batched and sent over OTLP/HTTP with the JDK's HTTP client, each tagged with the node's name,
 * and W3C trace context is what crosses the bus, HTTP and Kafka.
 */
final class Telemetry {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final AttributeKey<String> SERVICE_INSTANCE = AttributeKey.stringKey("service.instance.id");
  /** Spans reach the collector within this much of ending; short enough to follow a live problem. */
  private static final Duration EXPORT_DELAY = Duration.ofSeconds(1);

  private Telemetry() {
  }

  static OpenTelemetrySdk create(JsonObject config, String nodeName) {
    String endpoint = Config.string(config, ConfigKeys.TRACING_OTLP_ENDPOINT);
    if (endpoint == null) {
      return null;
    }
    double ratio = Math.max(0, Math.min(1, Config.decimal(config, ConfigKeys.TRACING_SAMPLE_RATIO, 1.0)));
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
      SERVICE_NAME, Config.string(config, ConfigKeys.TRACING_SERVICE_NAME, "parley"),
      SERVICE_INSTANCE, nodeName)));
    SdkTracerProvider tracing = SdkTracerProvider.builder()
      .setResource(resource)
      .setSampler(new ProbeFilteringSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio))))
      .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
        .setScheduleDelay(EXPORT_DELAY).build())
      .build();
    return OpenTelemetrySdk.builder()
      .setTracerProvider(tracing)
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  }
}
