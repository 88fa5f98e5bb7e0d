package io.parley.shared.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * The names of Parley's own meters, defined once: the code that records them, the Grafana
 * dashboard in {@code docker/grafana/} and the tests that scrape {@code /metrics} all use these.
 * Micrometer names are dotted; Prometheus shows them with underscores, a unit suffix for timers
 * ({@code _seconds}) and {@code _total} for counters: {@code parley.messages.sent} is scraped as
 * {@code parley_messages_sent_total}.
 */
public final class Meters {

  // Realtime edge (per gateway node)
  /** Gauge: bridge connections open on this node. */
  public static final String REALTIME_CONNECTIONS = "parley.realtime.connections";
  /** Gauge: distinct signed-in users with at least one connection on this node. */
  public static final String REALTIME_USERS = "parley.realtime.users";
  /** Counter: frames received from clients. */
  public static final String REALTIME_FRAMES_IN = "parley.realtime.frames.in";
  /** Counter: frames written to clients. */
  public static final String REALTIME_FRAMES_OUT = "parley.realtime.frames.out";
  /** Counter: chat events written to a client's socket (one per recipient connection). */
  public static final String REALTIME_DELIVERIES = "parley.realtime.deliveries";
  /**
   * Counter: chat events this node received, by how they were routed: {@code route=node} (sent to
   * this node, which claimed the chat) or {@code route=all} (published to every node). A node with
   * no member of a chat connected receives none of its events but those changing membership.
   */
  public static final String REALTIME_CHAT_EVENTS = "parley.realtime.chat.events";
  /** Timer: from a chat change's commit (its event time) to its dispatch to this node's sockets. */
  public static final String REALTIME_DELIVERY_LATENCY = "parley.realtime.delivery.latency";
  /** Counter: clients disconnected for falling too far behind. */
  public static final String REALTIME_SLOW_CONSUMERS = "parley.realtime.slow.consumer.disconnects";
  /** Counter: presence changes announced (online, away, busy, offline), tag {@code status}. */
  public static final String PRESENCE_CHANGES = "parley.presence.changes";
  /** Counter: typing notices relayed (after throttling). */
  public static final String TYPING_EVENTS = "parley.typing.events";

  // Limits (any node)
  /** Counter: requests refused by a rate limit, tag {@code limit} (its key's kind, such as {@code chat.send}). */
  public static final String RATE_LIMIT_REFUSALS = "parley.rate.limit.refusals";

  // Messaging (chat service) and media (media service)
  /** Counter: messages committed, tag {@code kind} (text, media, location, ...). */
  public static final String MESSAGES_SENT = "parley.messages.sent";
  /** Timer: from a send reaching the chat service to its commit. */
  public static final String MESSAGE_SEND_LATENCY = "parley.messages.send.latency";
  /** Counter: bytes of uploads the media service checked and stored, tag {@code kind}. */
  public static final String MEDIA_BYTES = "parley.media.bytes";

  // Events
  /** Gauge: events waiting in the outbox (cluster-wide; every node reports the same). */
  public static final String OUTBOX_BACKLOG = "parley.outbox.backlog";
  /** Gauge: age of the oldest event still in the outbox, seconds. */
  public static final String OUTBOX_RELAY_LAG = "parley.outbox.relay.lag";
  /** Counter: events this node relayed to Kafka. */
  public static final String OUTBOX_RELAYED = "parley.outbox.relayed";
  /** Gauge: records not yet consumed, per consumer group and topic, tags {@code group}, {@code topic}. */
  public static final String KAFKA_CONSUMER_LAG = "parley.kafka.consumer.lag";

  // Housekeeping
  /** Counter: rows removed by housekeeping, tag {@code job}. */
  public static final String HOUSEKEEPING_REMOVED = "parley.housekeeping.removed";

  // Notifications
  /**
   * Counter: pushes to one subscription that ended (after their retries), tag {@code result}:
   * {@code sent} (the push service took it), {@code expired} (404/410, subscription removed), {@code failed}.
   */
  public static final String PUSH_RESULTS = "parley.push.results";

  /** Every name above. */
  public static final List<String> ALL = List.of(
    REALTIME_CONNECTIONS, REALTIME_USERS, REALTIME_FRAMES_IN, REALTIME_FRAMES_OUT, REALTIME_DELIVERIES,
    REALTIME_CHAT_EVENTS, REALTIME_DELIVERY_LATENCY, REALTIME_SLOW_CONSUMERS, PRESENCE_CHANGES, TYPING_EVENTS,
    RATE_LIMIT_REFUSALS,
    MESSAGES_SENT, MESSAGE_SEND_LATENCY, MEDIA_BYTES, OUTBOX_BACKLOG, OUTBOX_RELAY_LAG, OUTBOX_RELAYED,
    KAFKA_CONSUMER_LAG, HOUSEKEEPING_REMOVED, PUSH_RESULTS);

  /** Histogram buckets of every latency timer: fine below 100 ms, where realtime work should be. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private Meters() {
  }

  /** A latency timer scraped as a Prometheus histogram ({@code _seconds_bucket}) with {@link #LATENCY_BUCKETS}. */
  public static Timer latency(MeterRegistry registry, String name, String description, String... tags) {
    return Timer.builder(name).description(description).tags(tags)
      .serviceLevelObjectives(LATENCY_BUCKETS)
      .register(registry);
  }
}
