package io.parley.shared.security;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Revoked device sessions, as every gateway must know them: an access token stays
 * cryptographically valid until it expires, so a gateway refuses a token whose session was
 * signed out, revoked or whose account was deleted, from memory.
 *
 * <p>Kept current cluster-wide in two ways: the auth service adds each revoked session to one
 * Redis sorted set, scored with the time after which no access token of it can still be valid
 * (its remaining lifetime: at most one token lifetime from now), and publishes
 * {@code auth.sessions.revoked}; a gateway loads the set when it starts, applies the events as
 * they come and reloads the set now and then, so one it missed (a partition, a restart) is found.
 * The service that revoked also names the sessions in a reply header, so the gateway that
 * forwarded a sign-out refuses the token before the client hears the answer.
 */
public final class SessionRevocations {

  /** The Redis sorted set: member = session id, score = epoch ms until which its tokens may live. */
  public static final String KEY = "revoked:sessions";
  /** Reply header: the comma-separated session ids a request just revoked. */
  public static final String REPLY_HEADER = "x-parley-revoked-sessions";
  /** Tokens are checked against clocks of other machines: allow them this much drift. */
  public static final long CLOCK_SKEW_MS = 60_000;

  /** The reply field a service puts revoked session ids in; moved into {@link #REPLY_HEADER}, never sent on. */
  private static final String REPLY_FIELD = "__revokedSessions";

  private SessionRevocations() {
  }

  /** Adds sessions to the set until {@code liveUntilMillis}, and drops entries past their time. */
  public static Future<Void> record(Redis redis, Collection<String> sessionIds, long liveUntilMillis, long nowMillis) {
    if (sessionIds.isEmpty()) {
      return Future.succeededFuture();
    }
    Request add = Request.cmd(Command.ZADD).arg(KEY);
    sessionIds.forEach(id -> add.arg(liveUntilMillis).arg(id));
    Request prune = Request.cmd(Command.ZREMRANGEBYSCORE).arg(KEY).arg("-inf").arg(nowMillis);
    return redis.batch(List.of(add, prune)).mapEmpty();
  }

  /** The sessions still revoked at {@code nowMillis}, each with its time. */
  public static Future<Map<String, Long>> load(Redis redis, long nowMillis) {
    Request range = Request.cmd(Command.ZRANGEBYSCORE).arg(KEY).arg(nowMillis).arg("+inf").arg("WITHSCORES");
    return redis.send(range).map(SessionRevocations::pairs);
  }

  /** Marks a reply body with the sessions its request revoked (see {@link #replyOptions}). */
  public static JsonObject mark(JsonObject reply, Collection<String> sessionIds) {
    return sessionIds.isEmpty() ? reply : reply.put(REPLY_FIELD, new JsonArray(new ArrayList<>(sessionIds)));
  }

  /** Moves a {@link #mark}ed reply's sessions into the reply header; the body keeps nothing of them. */
  public static DeliveryOptions replyOptions(JsonObject reply) {
    DeliveryOptions options = new DeliveryOptions();
    Object revoked = reply == null ? null : reply.remove(REPLY_FIELD);
    if (revoked instanceof JsonArray ids && !ids.isEmpty()) {
      options.addHeader(REPLY_HEADER, String.join(",", ids.stream().map(String::valueOf).toList()));
    }
    return options;
  }

  private static Map<String, Long> pairs(Response response) {
    Map<String, Long> revoked = new HashMap<>();
    if (response == null) {
      return revoked;
    }
    // RESP2 answers a flat list (member, score, …); RESP3 a list of pairs.
    if (response.size() > 0 && response.get(0).type() == ResponseType.MULTI) {
      response.forEach(pair -> revoked.put(pair.get(0).toString(), pair.get(1).toDouble().longValue()));
      return revoked;
    }
    for (int i = 0; i + 1 < response.size(); i += 2) {
      revoked.put(response.get(i).toString(), (long) Double.parseDouble(response.get(i + 1).toString()));
    }
    return revoked;
  }
}
