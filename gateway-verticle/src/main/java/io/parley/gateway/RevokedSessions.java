package io.parley.gateway;

import io.parley.shared.Address;
import io.parley.shared.security.SessionRevocations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's memory of revoked device sessions (see {@link SessionRevocations}): every REST
 * request and bridge command with a token is checked against it, with no database or Redis read
 * on the way. Loaded from Redis at start, kept current by {@code auth.sessions.revoked} events and
 * by the revoking replies this node forwards, reloaded every {@link #RELOAD_MS} to catch an event
 * it missed; entries go once no token of theirs can still be valid.
 */
public final class RevokedSessions {

  private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);
  private static final Map<Vertx, RevokedSessions> NODES = new WeakHashMap<>();
  static final long RELOAD_MS = 30_000;

  private final Redis redis;
  private final long tokenLifetimeMs;
  private final Map<String, Long> liveUntil = new ConcurrentHashMap<>();
  private final Future<?> ready;

  private RevokedSessions(Vertx vertx, Redis redis, long tokenLifetimeMs) {
    this.redis = redis;
    this.tokenLifetimeMs = tokenLifetimeMs;
    this.ready = vertx.eventBus().<JsonObject>consumer(Address.AUTH_SESSIONS_REVOKED, this::onRevoked).completion()
      .compose(listening -> reload());
    vertx.setPeriodic(RELOAD_MS, tick -> reload());
  }

  /** The node's list, created (and loaded) by the first gateway instance. */
  public static synchronized RevokedSessions forNode(Vertx vertx, Redis redis, long tokenLifetimeMs) {
    return NODES.computeIfAbsent(vertx, v -> new RevokedSessions(v, redis, tokenLifetimeMs));
  }

  /** Completes once the event consumer listens; a failed first load from Redis does not hold it up. */
  public Future<?> ready() {
    return ready;
  }

  /** Whether tokens of this device session must be refused. */
  public boolean isRevoked(String sessionId) {
    Long until = sessionId == null ? null : liveUntil.get(sessionId);
    return until != null && until > System.currentTimeMillis();
  }

  /** Sessions a reply just reported revoked ({@link SessionRevocations#REPLY_HEADER}). */
  void revokedByReply(String header) {
    if (header != null && !header.isEmpty()) {
      add(Arrays.asList(header.split(",")), defaultLiveUntil());
    }
  }

  private void onRevoked(Message<JsonObject> event) {
    JsonArray ids = event.body().getJsonArray("sessionIds", new JsonArray());
    long until = event.body().getLong("liveUntil", defaultLiveUntil());
    add(ids.stream().map(String::valueOf).toList(), until);
  }

  private void add(Collection<String> sessionIds, long until) {
    sessionIds.forEach(id -> liveUntil.merge(id, until, Math::max));
  }

  private long defaultLiveUntil() {
    return System.currentTimeMillis() + tokenLifetimeMs + SessionRevocations.CLOCK_SKEW_MS;
  }

  private Future<Void> reload() {
    long now = System.currentTimeMillis();
    liveUntil.values().removeIf(until -> until <= now);
    return SessionRevocations.load(redis, now)
      .onSuccess(loaded -> loaded.forEach((id, until) -> liveUntil.merge(id, until, Math::max)))
      .onFailure(failure -> log.warn("Revoked sessions not reloaded from Redis ({}); keeping the {} known", failure.getMessage(), liveUntil.size()))
      .<Void>mapEmpty()
      .recover(failure -> Future.succeededFuture());
  }
}
