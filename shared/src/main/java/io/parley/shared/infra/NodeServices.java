package io.parley.shared.infra;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a node gives every verticle it runs besides configuration: its name (in logs and
 * metrics), its meter registry (scraped at {@code /metrics}), its OpenTelemetry (no-op unless
 * tracing is configured) and whether it is draining. One per Vert.x instance, registered by the
 * node before it deploys anything. A verticle deployed on a bare Vert.x (as tests do) gets a
 * standalone set: no name, an in-memory registry of its own, no-op tracing.
 */
public final class NodeServices {

  private static final Map<Vertx, NodeServices> NODES = new WeakHashMap<>();
  /** The name of the node registered last: what threads outside any Vert.x context log under. */
  private static volatile String processName = "";

  private final String name;
  private final MeterRegistry metrics;
  private final OpenTelemetry telemetry;
  private final AtomicBoolean draining = new AtomicBoolean();

  public NodeServices(String name, MeterRegistry metrics, OpenTelemetry telemetry) {
    this.name = Objects.requireNonNull(name, "name");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
  }

  /** Makes {@code services} those of {@code vertx}; the node calls it before deploying verticles. */
  public static synchronized void register(Vertx vertx, NodeServices services) {
    NODES.put(vertx, services);
    processName = services.name;
  }

  /** Names what this process logs outside any node's threads, before the node's Vert.x exists. */
  public static void nameProcess(String name) {
    processName = Objects.requireNonNull(name, "name");
  }

  /** The services of {@code vertx}'s node (a standalone set when no node registered any). */
  public static synchronized NodeServices of(Vertx vertx) {
    return NODES.computeIfAbsent(vertx, v -> new NodeServices("", new SimpleMeterRegistry(), OpenTelemetry.noop()));
  }

  /** The name of the node whose code runs on this thread, for log lines; "" when none is known. */
  public static String currentNodeName() {
    Context context = Vertx.currentContext();
    if (context != null) {
      NodeServices services;
      synchronized (NodeServices.class) {
        services = NODES.get(context.owner());
      }
      if (services != null) {
        return services.name;
      }
    }
    return processName;
  }

  public String name() {
    return name;
  }

  public MeterRegistry metrics() {
    return metrics;
  }

  public OpenTelemetry telemetry() {
    return telemetry;
  }

  /** Whether the node is going away: {@code /ready} fails and no new realtime connection is taken. */
  public boolean draining() {
    return draining.get();
  }

  /** Starts draining; completes the first call only. */
  public boolean startDraining() {
    return draining.compareAndSet(false, true);
  }
}
