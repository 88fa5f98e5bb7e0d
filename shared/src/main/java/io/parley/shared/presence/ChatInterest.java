package io.parley.shared.presence;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Which gateway nodes hold a connected member of a chat, in Redis, so the chat service sends each
 * event only to those nodes instead of to every node of the cluster.
 *
 * <p>Per chat, {@link #key} is a sorted set of node ids, each scored with the Unix time (ms) until
 * which that node's claim holds. A node claims a chat when the chat's first member connects there,
 * before it answers that client's authentication, and withdraws when the last one leaves; it renews
 * its claims in one pipeline every {@link #RENEW_MS}, so a dead node's claims expire. The writes are
 * per chat new to a node, never per connection.
 *
 * <p>Only clustered nodes with {@code realtime.routeByInterest} on claim and read: a node on its
 * own is its only gateway, and the read per commit would cost it CPU and save nothing.
 *
 * <p>Why no event is missed: a node's claim is written before its client is told it is connected,
 * and so before the client syncs; the chat service reads the claims after the event's commit. An
 * event whose read missed the claim committed before the claim, so the client's sync has it.
 *
 * <p>A node's id is its Hazelcast member's node id, so a reader can tell a claim of a node that left
 * the cluster (killed, declared dead) from a live one. Such a claim holds until it expires, and a
 * send to its node's address would find no consumer: the event bus looks the address up in the
 * cluster's registry for every such send, on a worker thread. Readers skip those claims. They do
 * not fall back to every node instead: a chat's events would then switch between the publish and
 * the node addresses, whose lookups resolve independently after a member leaves, and could
 * overtake each other. (A node that just joined is in every member's list seconds before its
 * gateway answers a client, so no live claim is skipped.)
 */
public final class ChatInterest {

  /** How long a claim holds without renewal: a dead node stops getting events after this. */
  public static final long CLAIM_MS = 60_000;
  /** How often a node renews its claims: three renewals per claim, so one lost write does no harm. */
  public static final long RENEW_MS = CLAIM_MS / 3;
  /**
   * How long a read of the claims may take before it fails (and its events go to every node): a
   * Redis that stopped answering must slow delivery down, never stop it.
   */
  public static final long READ_TIMEOUT_MS = 500;

  private ChatInterest() {
  }

  /** Whether this node routes by interest: clustered (alone, a node is its only gateway) and configured to. */
  public static boolean routes(Vertx vertx, JsonObject config) {
    return vertx.isClustered() && Config.bool(config, ConfigKeys.REALTIME_ROUTE_BY_INTEREST, false);
  }

  /**
   * This node's id in chat interest: its cluster member's node id, or a random one on a node that
   * is not clustered (which never routes).
   */
  public static String nodeId(Vertx vertx) {
    return vertx.isClustered() ? ((VertxInternal) vertx).clusterManager().getNodeId() : UUID.randomUUID().toString();
  }

  /** The node ids of the cluster's members as this node sees them now (a local read). */
  public static Set<String> members(Vertx vertx) {
    return vertx.isClustered() ? Set.copyOf(((VertxInternal) vertx).clusterManager().getNodes()) : Set.of();
  }

  public static String key(String chatId) {
    return "interest:chat:" + chatId;
  }

  /** The node's own key: its absence tells a node that Redis lost its claims (a restart), to write them again. */
  public static String nodeKey(String nodeId) {
    return "interest:node:" + nodeId;
  }

  /** The commands claiming {@code chatId} for {@code nodeId} until {@code untilMillis}. */
  public static List<Request> claim(String chatId, String nodeId, long untilMillis) {
    return List.of(
      Request.cmd(Command.ZADD).arg(key(chatId)).arg(untilMillis).arg(nodeId),
      // The key outlives every claim in it: the latest claim is the furthest one.
      Request.cmd(Command.PEXPIRE).arg(key(chatId)).arg(CLAIM_MS));
  }

  public static Request withdraw(String chatId, String nodeId) {
    return Request.cmd(Command.ZREM).arg(key(chatId)).arg(nodeId);
  }

  /**
   * The nodes of {@code members} whose claim on each chat still holds at {@code nowMillis}, read in
   * one pipeline; a chat no such node claims maps to an empty list. Claims of nodes gone from the
   * cluster are skipped.
   */
  public static Future<Map<String, List<String>>> nodesOf(Redis redis, List<String> chatIds, long nowMillis, Set<String> members) {
    List<Request> reads = new ArrayList<>(chatIds.size());
    for (String chatId : chatIds) {
      reads.add(Request.cmd(Command.ZRANGEBYSCORE).arg(key(chatId)).arg(nowMillis).arg("+inf"));
    }
    return redis.batch(reads).timeout(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS).map(replies -> {
      Map<String, List<String>> nodes = new HashMap<>(chatIds.size() * 2);
      for (int i = 0; i < chatIds.size(); i++) {
        nodes.put(chatIds.get(i), liveClaimants(replies.get(i), members));
      }
      return nodes;
    });
  }

  private static List<String> liveClaimants(Response reply, Set<String> members) {
    if (reply == null || reply.size() == 0) {
      return List.of();
    }
    List<String> values = new ArrayList<>(reply.size());
    reply.forEach(value -> {
      if (members.contains(value.toString())) {
        values.add(value.toString());
      }
    });
    return values;
  }
}
