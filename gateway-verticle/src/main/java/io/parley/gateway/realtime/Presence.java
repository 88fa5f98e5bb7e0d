package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.presence.PresenceKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online, away, busy or offline, shared through Redis so every node answers the same.
 *
 * <p>Per user, {@link PresenceKeys#nodes} is a sorted set of the nodes holding one of the
 * user's connections, each scored with an expiry a few heartbeats ahead; a node refreshes its own
 * users in one pipelined batch per heartbeat, so a node that dies simply stops refreshing and its
 * users turn offline within the TTL. Busy is a status the user sets; away is derived from the
 * last activity a client reported.
 *
 * <p>Changes are coalesced: arrivals and departures are collected and flushed twice a second in
 * one Redis pipeline and at most one presence event per user, so a reconnect storm costs a few
 * batches, not a write per socket. A departing user stays online for a grace period, so a quick
 * reconnect does not flap.
 */
final class Presence {

  private static final Logger log = LoggerFactory.getLogger(Presence.class);
  static final String ONLINE = "online";
  static final String AWAY = "away";
  static final String BUSY = "busy";
  static final String OFFLINE = "offline";
  private static final long FLUSH_MS = 500;
  private static final long ACTIVITY_WRITE_MS = 10_000;
  private static final int PIPELINE_CHUNK = 500;

  private final Vertx vertx;
  private final Redis redis;
  private final LocalRouter router;
  private final RealtimeSettings settings;
  private final String nodeId;
  /** Local users, with the status last announced for them. */
  private final Map<String, String> announced = new ConcurrentHashMap<>();
  private final Map<String, Long> lastActivity = new ConcurrentHashMap<>();
  private final Map<String, Long> lastActivityWritten = new ConcurrentHashMap<>();
  private final Set<String> arrived = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> leaving = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();

  Presence(Vertx vertx, Redis redis, LocalRouter router, RealtimeSettings settings,
           String nodeId) {
    this.vertx = vertx;
    this.redis = redis;
    this.router = router;
    this.settings = settings;
    this.nodeId = nodeId;
    vertx.setPeriodic(FLUSH_MS, tick -> flush());
    // Three heartbeats per TTL: one lost write does not turn anyone offline.
    vertx.setPeriodic(Math.max(100, settings.presenceTtlMs() / 3), tick -> heartbeat());
  }

  /** The first connection of a user on this node. */
  void userArrived(String userId) {
    leaving.remove(userId);
    lastActivity.put(userId, System.currentTimeMillis());
    if (!announced.containsKey(userId)) {
      arrived.add(userId);
    }
  }

  /** The last connection of a user on this node closed: offline after the grace period, unless they return. */
  void userLeft(String userId) {
    arrived.remove(userId);
    leaving.put(userId, System.currentTimeMillis() + settings.presenceGraceMs());
  }

  /** A client reported activity (typing, sending, an explicit heartbeat). */
  void activity(String userId) {
    long now = System.currentTimeMillis();
    lastActivity.put(userId, now);
    if (AWAY.equals(announced.get(userId))) {
      changed.add(userId);
    }
  }

  /** The user chose a status: online or busy (away is also accepted, until the next activity). */
  Future<JsonObject> setStatus(String userId, String status) {
    if (!ONLINE.equals(status) && !BUSY.equals(status) && !AWAY.equals(status)) {
      return Future.failedFuture(CommonErrors.INVALID_REQUEST.exception("status is one of online, away, busy"));
    }
    Request write = ONLINE.equals(status)
      ? Request.cmd(Command.DEL).arg(statusKey(userId))
      : Request.cmd(Command.SET).arg(statusKey(userId)).arg(status);
    if (AWAY.equals(status)) {
      lastActivity.put(userId, 0L);
    } else {
      activity(userId);
    }
    changed.add(userId);
    return redis.send(write).map(done -> new JsonObject().put("status", status));
  }

  /** Bulk presence: {@code {userId: {status, lastSeen?}}} for each requested user. */
  Future<JsonObject> query(List<String> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(new JsonObject());
    }
    long now = System.currentTimeMillis();
    List<Request> requests = new ArrayList<>();
    for (String userId : userIds) {
      requests.add(PresenceKeys.connectedNodes(userId, now));
      requests.add(Request.cmd(Command.MGET).arg(statusKey(userId)).arg(activityKey(userId)).arg(lastSeenKey(userId)));
    }
    return pipelined(requests).map(responses -> {
      JsonObject result = new JsonObject();
      for (int i = 0; i < userIds.size(); i++) {
        boolean online = PresenceKeys.connected(responses.get(2 * i));
        Response values = responses.get(2 * i + 1);
        result.put(userIds.get(i), describe(online, text(values.get(0)), number(values.get(1)), number(values.get(2)), now));
      }
      return result;
    });
  }

  private JsonObject describe(boolean online, String chosen, Long lastActive, Long lastSeen, long now) {
    JsonObject state = new JsonObject();
    if (!online) {
      state.put("status", OFFLINE);
      if (lastSeen != null) {
        state.put("lastSeen", lastSeen);
      }
      return state;
    }
    if (BUSY.equals(chosen)) {
      return state.put("status", BUSY);
    }
    boolean idle = AWAY.equals(chosen) || lastActive != null && now - lastActive > settings.awayAfterMs();
    return state.put("status", idle ? AWAY : ONLINE);
  }

  /** Applies collected arrivals, departures past their grace and status changes in one pipeline. */
  private void flush() {
    long now = System.currentTimeMillis();
    List<String> online = drain(arrived);
    List<String> offline = new ArrayList<>();
    leaving.forEach((userId, deadline) -> {
      if (deadline <= now && leaving.remove(userId, deadline)) {
        offline.add(userId);
      }
    });
    for (Map.Entry<String, String> entry : announced.entrySet()) {
      String userId = entry.getKey();
      if (BUSY.equals(entry.getValue())) {
        continue;
      }
      boolean idle = now - lastActivity.getOrDefault(userId, now) > settings.awayAfterMs();
      if (idle != AWAY.equals(entry.getValue())) {
        changed.add(userId);
      }
    }
    List<String> statusChanged = drain(changed);
    if (online.isEmpty() && offline.isEmpty() && statusChanged.isEmpty()) {
      return;
    }
    List<Request> writes = new ArrayList<>();
    for (String userId : online) {
      writes.add(Request.cmd(Command.ZADD).arg(nodesKey(userId)).arg(now + settings.presenceTtlMs()).arg(nodeId));
      writes.add(Request.cmd(Command.SET).arg(activityKey(userId)).arg(now));
    }
    for (String userId : offline) {
      writes.add(Request.cmd(Command.ZREM).arg(nodesKey(userId)).arg(nodeId));
      writes.add(Request.cmd(Command.SET).arg(lastSeenKey(userId)).arg(now));
    }
    for (String userId : statusChanged) {
      writes.add(Request.cmd(Command.SET).arg(activityKey(userId)).arg(lastActivity.getOrDefault(userId, now)));
    }
    List<String> affected = new ArrayList<>(online);
    affected.addAll(offline);
    affected.addAll(statusChanged);
    pipelined(writes)
      .compose(written -> query(affected))
      .onSuccess(states -> announce(states, offline))
      .onFailure(failure -> log.warn("Presence flush failed: {}", failure.getMessage()));
  }

  /** Publishes each user's new state once, to the gateways of people who share a chat with them. */
  private void announce(JsonObject states, List<String> offline) {
    for (String userId : states.fieldNames()) {
      JsonObject state = states.getJsonObject(userId);
      String status = state.getString("status");
      boolean local = !offline.contains(userId) && router.hasUser(userId);
      String previous = local ? announced.put(userId, status) : announced.remove(userId);
      if (status.equals(previous)) {
        continue;
      }
      Set<String> chats = router.chatsOf(userId);
      if (chats.isEmpty()) {
        continue;
      }
      // Live events carry no last-seen time (its privacy is applied where presence is read, the
      // REST query); blocks are applied by each receiving node, which knows its users' blocks.
      state.remove("lastSeen");
      JsonObject event = state.copy().put("type", "presence").put("userId", userId)
        .put("chatIds", new JsonArray(List.copyOf(chats)));
      vertx.eventBus().publish(Address.REALTIME_EPHEMERAL, event);
      router.metrics().presenceChanged(status);
    }
    offline.forEach(router::forget);
  }

  /** Keeps this node's users alive in Redis, in one pipeline, and records their recent activity. */
  private void heartbeat() {
    if (announced.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    List<Request> writes = new ArrayList<>();
    for (String userId : announced.keySet()) {
      writes.add(Request.cmd(Command.ZADD).arg(nodesKey(userId)).arg(now + settings.presenceTtlMs()).arg(nodeId));
      long active = lastActivity.getOrDefault(userId, 0L);
      if (active > lastActivityWritten.getOrDefault(userId, 0L) + ACTIVITY_WRITE_MS) {
        writes.add(Request.cmd(Command.SET).arg(activityKey(userId)).arg(active));
        lastActivityWritten.put(userId, active);
      }
    }
    pipelined(writes).onFailure(failure -> log.warn("Presence heartbeat failed: {}", failure.getMessage()));
  }

  /**
   * Sends commands pipelined, in chunks: a Redis connection holds at most 2,048 outstanding
   * replies, and a reconnect storm can make one flush larger than that. Replies keep the order of
   * the commands.
   */
  private Future<List<Response>> pipelined(List<Request> commands) {
    List<Future<List<Response>>> chunks = new ArrayList<>();
    for (int from = 0; from < commands.size(); from += PIPELINE_CHUNK) {
      chunks.add(redis.batch(commands.subList(from, Math.min(commands.size(), from + PIPELINE_CHUNK))));
    }
    return Future.all(chunks).map(done -> {
      List<Response> replies = new ArrayList<>(commands.size());
      chunks.forEach(chunk -> replies.addAll(chunk.result()));
      return replies;
    });
  }

  private static List<String> drain(Set<String> set) {
    List<String> drained = new ArrayList<>(set);
    drained.forEach(set::remove);
    return drained;
  }

  private static String text(Response response) {
    return response == null ? null : response.toString();
  }

  private static Long number(Response response) {
    return response == null ? null : response.toLong();
  }

  private static String nodesKey(String userId) {
    return PresenceKeys.nodes(userId);
  }

  private static String statusKey(String userId) {
    return PresenceKeys.status(userId);
  }

  private static String activityKey(String userId) {
    return PresenceKeys.activity(userId);
  }

  private static String lastSeenKey(String userId) {
    return PresenceKeys.lastSeen(userId);
  }
}
