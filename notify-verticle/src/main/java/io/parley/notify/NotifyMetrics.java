package io.parley.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notify role's meters, in the node's Prometheus registry (at {@code /metrics}) when metrics
 * are on: consumer lag per consumer, events and recipients handled, poison events skipped, and
 * pushes by outcome.
 */
final class NotifyMetrics {

  private final MeterRegistry registry;
  private final AtomicLong lag = new AtomicLong();
  private final Counter events;
  private final Counter recipients;
  private final Counter poison;
  private final Counter replayed;
  private final String consumer;

  NotifyMetrics(String consumer) {
    MeterRegistry node = BackendRegistries.getDefaultNow();
    this.registry = node != null ? node : new SimpleMeterRegistry();
    this.consumer = consumer;
    Gauge.builder("parley.notify.consumer.lag", lag, AtomicLong::get)
      .description("Records of parley.chats and parley.users not yet handled by this consumer")
      .tag("consumer", consumer).register(registry);
    events = Counter.builder("parley.notify.events").tag("consumer", consumer)
      .description("Events handled").register(registry);
    recipients = Counter.builder("parley.notify.recipients").tag("consumer", consumer)
      .description("Notifications stored (one per recipient of an event)").register(registry);
    replayed = Counter.builder("parley.notify.replayed").tag("consumer", consumer)
      .description("Events read again that had been applied already (so changed nothing)").register(registry);
    poison = Counter.builder("parley.notify.poison").tag("consumer", consumer)
      .description("Events logged and skipped after their attempts").register(registry);
  }

  void lag(long records) {
    lag.set(records);
  }

  long lag() {
    return lag.get();
  }

  void handled(int eventCount, int recipientCount, int replayedCount) {
    events.increment(eventCount);
    recipients.increment(recipientCount);
    replayed.increment(replayedCount);
  }

  /** Events found applied already, since this consumer started. */
  long replayed() {
    return (long) replayed.count();
  }

  void poisoned() {
    poison.increment();
  }


  /** One push to one subscription ended: {@code delivered}, {@code gone}, {@code failed}, {@code retried}. */
  void push(String outcome) {
    Counter.builder("parley.notify.pushes").tag("outcome", outcome).tag("consumer", consumer)
      .description("Pushes to push services, by outcome").register(registry).increment();
  }
}
