package io.parley.shared.presence;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Where presence lives in Redis, defined once: the realtime edge writes it, and any service that
 * needs to know whether someone has a device connected (notifications) reads it.
 *
 * <p>Per user, {@link #nodes} is a sorted set of the nodes holding one of the user's connections,
 * each scored with the Unix time (ms) until which that node's word holds; a node renews its own
 * users every heartbeat and a dead node's entries simply expire. A user is connected exactly when
 * some score is still in the future. {@link #status} holds a chosen status (busy, away),
 * {@link #activity} the last reported activity and {@link #lastSeen} when the last device left.
 */
public final class PresenceKeys {

  private PresenceKeys() {
  }

  public static String nodes(String userId) {
    return "presence:" + userId + ":nodes";
  }

  public static String status(String userId) {
    return "presence:" + userId + ":status";
  }

  public static String activity(String userId) {
    return "presence:" + userId + ":active";
  }

  public static String lastSeen(String userId) {
    return "presence:" + userId + ":lastSeen";
  }

  /** The command counting the nodes whose word that {@code userId} is connected still holds at {@code nowMillis}. */
  public static Request connectedNodes(String userId, long nowMillis) {
    return Request.cmd(Command.ZCOUNT).arg(nodes(userId)).arg(nowMillis).arg("+inf");
  }

  /** Reads the answer to {@link #connectedNodes}: whether any device of the user is connected. */
  public static boolean connected(Response connectedNodes) {
    return connectedNodes != null && connectedNodes.toLong() > 0;
  }
}
