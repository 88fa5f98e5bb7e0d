package io.parley.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The newest notifications of each person (up to {@link ListRequest#MAX_LIMIT}) and their unread
 * count, cached in Redis in front of PostgreSQL, the source.
 *
 * <p>Race-free by version: every change bumps {@code notify:<user>:v} after its commit, and a
 * cached page records the version it was read under. A reader that filled the cache from an
 * older state (a change committed while it read) stored it under a version that no longer
 * matches, so it is never served. A page lives an hour unless a change comes first.
 */
final class NotificationCache {

  private static final int CHUNK = 500;
  private static final long TTL_SECONDS = 3_600;

  private final Redis redis;

  NotificationCache(Redis redis) {
    this.redis = redis;
  }

  /** The cached page if current, and in any case the version to store a fresh one under. */
  record Cached(long version, JsonObject page) {
  }

  Future<Cached> read(UUID userId) {
    return redis.send(Request.cmd(Command.MGET).arg(versionKey(userId)).arg(pageKey(userId))).map(values -> {
      Response version = values.get(0);
      long current = version == null ? 0 : version.toLong();
      Response stored = values.get(1);
      if (stored == null) {
        return new Cached(current, null);
      }
      JsonObject cached = new JsonObject(stored.toString());
      return new Cached(current, cached.getLong("version", -1L) == current ? cached.getJsonObject("page") : null);
    });
  }

  Future<Void> write(UUID userId, long version, JsonObject page) {
    JsonObject cached = new JsonObject().put("version", version).put("page", page);
    return redis.send(Request.cmd(Command.SET).arg(pageKey(userId)).arg(cached.encode()).arg("EX").arg(TTL_SECONDS))
      .mapEmpty();
  }

  /** After a commit that changed these people's notifications: their cached pages are stale. */
  Future<Void> invalidate(Collection<UUID> userIds) {
    List<UUID> users = new ArrayList<>(userIds);
    List<Future<?>> chunks = new ArrayList<>();
    for (int from = 0; from < users.size(); from += CHUNK) {
      List<Request> bumps = new ArrayList<>();
      for (UUID userId : users.subList(from, Math.min(users.size(), from + CHUNK))) {
        bumps.add(Request.cmd(Command.INCR).arg(versionKey(userId)));
      }
      chunks.add(redis.batch(bumps));
    }
    return Future.all(chunks).mapEmpty();
  }

  private static String versionKey(UUID userId) {
    return "notify:" + userId + ":v";
  }

  private static String pageKey(UUID userId) {
    return "notify:" + userId + ":recent";
  }
}
