package io.parley.gateway.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.shared.metrics.Meters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The realtime edge's meters on this node (names in {@link Meters}); one per node, like the router. */
final class RealtimeMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final Counter framesIn;
  private final Counter framesOut;
  private final Counter deliveries;
  private final Counter chatEventsSentHere;
  private final Counter chatEventsPublished;
  private final Counter slowConsumers;
  private final Counter typing;
  private final Timer deliveryLatency;

  RealtimeMetrics(MeterRegistry registry, Supplier<Number> users) {
    this.registry = registry;
    Gauge.builder(Meters.REALTIME_CONNECTIONS, connections, AtomicInteger::get)
      .description("Bridge connections open on this node").register(registry);
    Gauge.builder(Meters.REALTIME_USERS, users).description("Signed-in users connected to this node").register(registry);
    framesIn = Counter.builder(Meters.REALTIME_FRAMES_IN).description("Frames received from clients").register(registry);
    framesOut = Counter.builder(Meters.REALTIME_FRAMES_OUT).description("Frames written to clients").register(registry);
    deliveries = Counter.builder(Meters.REALTIME_DELIVERIES).description("Chat events written to client connections")
      .register(registry);
    chatEventsSentHere = chatEvents(registry, "node");
    chatEventsPublished = chatEvents(registry, "all");
    slowConsumers = Counter.builder(Meters.REALTIME_SLOW_CONSUMERS).description("Clients cut off for falling behind")
      .register(registry);
    typing = Counter.builder(Meters.TYPING_EVENTS).description("Typing notices relayed").register(registry);
    deliveryLatency = Meters.latency(registry, Meters.REALTIME_DELIVERY_LATENCY,
      "From a chat change's commit to its dispatch to this node's sockets");
  }

  private static Counter chatEvents(MeterRegistry registry, String route) {
    return Counter.builder(Meters.REALTIME_CHAT_EVENTS).description("Chat events this node received")
      .tag("route", route).register(registry);
  }

  /** A chat event arrived: {@code toThisNode} when it was sent here, not published to every node. */
  void chatEventReceived(boolean toThisNode) {
    (toThisNode ? chatEventsSentHere : chatEventsPublished).increment();
  }

  void connectionOpened() {
    connections.incrementAndGet();
  }

  void connectionClosed() {
    connections.decrementAndGet();
  }

  void frameIn() {
    framesIn.increment();
  }

  void frameOut() {
    framesOut.increment();
  }

  void delivered(int connections) {
    deliveries.increment(connections);
  }

  void deliveryLatency(Duration sinceCommit) {
    deliveryLatency.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
  }

  void slowConsumerCutOff() {
    slowConsumers.increment();
  }

  void typingRelayed() {
    typing.increment();
  }

  void presenceChanged(String status) {
    Counter.builder(Meters.PRESENCE_CHANGES).description("Presence changes announced").tag("status", status)
      .register(registry).increment();
  }

  /** A frame refused by the connection's rate limit, counted with the service rate limits. */
  void frameRateLimited() {
    Counter.builder(Meters.RATE_LIMIT_REFUSALS).description("Requests refused by a rate limit")
      .tag("limit", "realtime.frames").register(registry).increment();
  }
}
