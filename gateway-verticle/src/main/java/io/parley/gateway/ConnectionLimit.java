package io.parley.gateway;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection flood from taking the node down. Every connection costs a file descriptor,
 * and the node's own work needs descriptors too (its pools, its cluster links, an embedded Kafka
 * broker's log segments in the same process): without a cap, 20,000 clients exhausted them and the
 * broker, failing to write, halted the JVM. So the node accepts at most {@code http.maxConnections}
 * client connections (by default the process's descriptor limit less a reserve,
 * {@code http.fdReserve}). A connection beyond it gets one answer, 503 {@code service.at_capacity}
 * with {@code Connection: close}, except the health and readiness probes: the node is healthy, only
 * full, and a load balancer should keep it in rotation for the clients it has.
 */
final class ConnectionLimit {

  private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);
  private static final Map<Vertx, ConnectionLimit> NODES = new WeakHashMap<>();
  /** A connection over the cap that sends nothing is closed after this long, to free its descriptor. */
  private static final long IDLE_OVER_CAP_MS = 5_000;
  private static final Set<String> PROBES = Set.of("/health", "/ready");

  private final Vertx vertx;
  private final int cap;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<HttpConnection> overCap = ConcurrentHashMap.newKeySet();

  private ConnectionLimit(Vertx vertx, int cap) {
    this.vertx = vertx;
    this.cap = cap;
  }

  /** The node's limit, shared by all its gateway instances. */
  static synchronized ConnectionLimit forNode(Vertx vertx, JsonObject config) {
    return NODES.computeIfAbsent(vertx, v -> {
      int cap = capFor(config, maxFileDescriptors());
      log.info("Accepting at most {} client connections (descriptor limit {})", cap, maxFileDescriptors());
      return new ConnectionLimit(v, cap);
    });
  }

  /** {@code http.maxConnections} if set (> 0), else the descriptor limit less the reserve. */
  static int capFor(JsonObject config, long maxDescriptors) {
    int configured = Config.integer(config, ConfigKeys.HTTP_MAX_CONNECTIONS, 0);
    if (configured > 0) {
      return configured;
    }
    long reserve = Config.integer(config, ConfigKeys.HTTP_FD_RESERVE, 0);
    if (reserve <= 0) {
      reserve = Math.min(4_096, maxDescriptors / 4);
    }
    return (int) Math.max(64, Math.min(Integer.MAX_VALUE, maxDescriptors - reserve));
  }

  int cap() {
    return cap;
  }

  /** Counts a new connection; one over the cap is remembered, and closed unless it speaks soon. */
  void opened(HttpConnection connection) {
    if (open.incrementAndGet() > cap) {
      overCap.add(connection);
      vertx.setTimer(IDLE_OVER_CAP_MS, idle -> connection.close());
    }
    whenClosed(connection, () -> {
      open.decrementAndGet();
      overCap.remove(connection);
    });
  }

  /**
   * Runs {@code released} once the connection's socket is closed. Not through the connection's
   * close handler: a WebSocket upgrade hands the socket to a new connection object and the HTTP
   * connection's close handler never runs, so every bridge connection stayed counted and a node
   * refused all upgrades once it had opened its cap's worth in its life. The socket's own close
   * is the one event both kinds of connection end with.
   */
  private static void whenClosed(HttpConnection connection, Runnable released) {
    if (connection instanceof io.vertx.core.net.impl.ConnectionBase base) {
      base.channel().closeFuture().addListener(closed -> released.run());
    } else {
      connection.closeHandler(closed -> released.run());
    }
  }

  /** The first route handler: requests on a connection over the cap get 503 and a closed connection. */
  void check(RoutingContext ctx) {
    if (!overCap.contains(ctx.request().connection())) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Connection", "close");
    if (PROBES.contains(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    ctx.fail(CommonErrors.AT_CAPACITY.exception("This server is at its connection limit; try again shortly",
      new JsonObject().put("retryAfterSeconds", 5)));
  }

  /** The process's file descriptor limit (RLIMIT_NOFILE), or a conservative guess where the JVM cannot say. */
  static long maxFileDescriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return 4_096;
  }
}
