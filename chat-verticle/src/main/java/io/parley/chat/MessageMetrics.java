package io.parley.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.shared.metrics.Meters;
import java.util.concurrent.TimeUnit;

/** The messaging meters of this node (names in {@link Meters}): what was committed and how fast. */
final class MessageMetrics {

  private final MeterRegistry registry;
  private final Timer sendLatency;

  MessageMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sendLatency = Meters.latency(registry, Meters.MESSAGE_SEND_LATENCY, "From a send reaching the chat service to its commit");
  }

  /** A send that started at {@code startedNanos} ended; only a newly stored message counts (not a retry's answer). */
  void sent(MessageContent content, long startedNanos, Created result) {
    if (!result.isNew()) {
      return;
    }
    sendLatency.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    Counter.builder(Meters.MESSAGES_SENT).description("Messages committed").tag("kind", content.kind())
      .register(registry).increment();
  }
}
