package io.parley.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.shared.metrics.Meters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notify role's meters, in the node's registry (scraped at {@code /metrics}): consumer lag per
 * consumer, events and recipients handled, poison events skipped, pushes by outcome, and the
 * shared {@link Meters#PUSH_RESULTS} the dashboard draws.
 */
final class NotifyMetrics {

  private final MeterRegistry registry;
  private final AtomicLong lag = new AtomicLong();
  private final Counter events;
  private final Counter recipients;
  private final Counter poison;
  private final Counter replayed;
  private final String consumer;

  NotifyMetrics(MeterRegistry registry, String consumer) {
    this.registry = registry;
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
    // Registered at zero so the dashboard's series exist before the first push.
    for (PushSender.Outcome outcome : PushSender.Outcome.values()) {
      pushResults(outcome);
    }
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

  /** One attempt of a push to one subscription ended: {@code delivered}, {@code gone}, {@code failed}, {@code retried}. */
  void push(String outcome) {
    Counter.builder("parley.notify.pushes").tag("outcome", outcome).tag("consumer", consumer)
      .description("Pushes to push services, by outcome").register(registry).increment();
  }

  /** One push to one subscription is over, after its retries. */
  void pushed(PushSender.Outcome outcome) {
    pushResults(outcome).increment();
  }

  private Counter pushResults(PushSender.Outcome outcome) {
    return Counter.builder(Meters.PUSH_RESULTS).tag("result", outcome.result())
      .description("Pushes to push services that ended, by result").register(registry);
  }
}
