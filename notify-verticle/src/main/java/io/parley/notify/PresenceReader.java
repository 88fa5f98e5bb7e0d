package io.parley.notify;

import io.parley.shared.presence.PresenceKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Whether people have a device connected, read from the presence the realtime edge keeps in
 * Redis ({@link PresenceKeys}): one pipelined count per person, in chunks a Redis connection can
 * hold, so a channel of 100,000 costs a few hundred round trips' worth of pipelines, not 100,000.
 */
final class PresenceReader {

  private static final int CHUNK = 500;

  private final Redis redis;

  PresenceReader(Redis redis) {
    this.redis = redis;
  }

  /** The ones among {@code userIds} with at least one connected device. */
  Future<Set<UUID>> connected(List<UUID> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    long now = System.currentTimeMillis();
    List<Future<List<Response>>> chunks = new ArrayList<>();
    for (int from = 0; from < userIds.size(); from += CHUNK) {
      List<Request> counts = new ArrayList<>();
      for (UUID userId : userIds.subList(from, Math.min(userIds.size(), from + CHUNK))) {
        counts.add(PresenceKeys.connectedNodes(userId.toString(), now));
      }
      chunks.add(redis.batch(counts));
    }
    return Future.all(chunks).map(done -> {
      Set<UUID> connected = new HashSet<>();
      int i = 0;
      for (Future<List<Response>> chunk : chunks) {
        for (Response count : chunk.result()) {
          if (PresenceKeys.connected(count)) {
            connected.add(userIds.get(i));
          }
          i++;
        }
      }
      return connected;
    });
  }
}
