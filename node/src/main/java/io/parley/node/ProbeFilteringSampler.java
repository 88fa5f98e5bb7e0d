package io.parley.node;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Set;

/**
 * Leaves out the requests of balancers, orchestrators and Prometheus ({@code /health},
 * {@code /ready}, {@code /metrics}): a node is probed every second or so, and those traces would
 * bury the ones of real work. Everything else goes to the configured sampler.
 */
final class ProbeFilteringSampler implements Sampler {

  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final Set<String> PROBES = Set.of("/health", "/ready", "/metrics");

  private final Sampler delegate;

  ProbeFilteringSampler(Sampler delegate) {
    this.delegate = delegate;
  }

  @Override
  public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind, Attributes attributes,
                                     List<LinkData> links) {
    boolean root = !Span.fromContext(parent).getSpanContext().isValid();
    String path = attributes.get(PATH);
    if (root && kind == SpanKind.SERVER && path != null && PROBES.contains(path)) {
      return SamplingResult.drop();
    }
    return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
  }

  @Override
  public String getDescription() {
    return "ProbeFiltering{" + delegate.getDescription() + "}";
  }
}
