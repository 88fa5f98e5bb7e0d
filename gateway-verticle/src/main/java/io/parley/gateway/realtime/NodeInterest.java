package io.parley.gateway.realtime;

import io.parley.shared.presence.ChatInterest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's claims in {@link ChatInterest}: the chats it holds a connected member of, so the
 * chat service sends their events here and nowhere else.
 *
 * <p>Writes go out in pipelined batches, one batch in flight at a time, and each batch writes the
 * state its chats have when it runs: a claim for a chat that still has a member here, a withdrawal
 * for one that has none. So a claim and a withdrawal of one chat never land out of order, and a
 * connect storm costs a few batches, not a write per socket. A chat already claimed costs a new
 * connection nothing.
 */
final class NodeInterest {

  private static final Logger log = LoggerFactory.getLogger(NodeInterest.class);
  private static final long RESTART_CHECK_MS = 1_000;
  private static final int PIPELINE_CHUNK = 500;

  private final Redis redis;
  private final String nodeId;
  private final Predicate<String> held;
  private final Supplier<Set<String>> allHeld;
  /** Per held chat, the write that claimed it: done for almost all, in flight for new ones. */
  private final Map<String, Future<Void>> claims = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Map<String, Promise<Void>> waiting = new ConcurrentHashMap<>();
  private final AtomicBoolean writing = new AtomicBoolean();

  /**
   * @param held whether a chat has a member connected to this node now
   * @param allHeld every such chat, for renewals
   */
  NodeInterest(Vertx vertx, Redis redis, String nodeId, Predicate<String> held, Supplier<Set<String>> allHeld) {
    this.redis = redis;
    this.nodeId = nodeId;
    this.held = held;
    this.allHeld = allHeld;
    vertx.setPeriodic(ChatInterest.RENEW_MS, tick -> rewriteAll());
    vertx.setPeriodic(RESTART_CHECK_MS, tick -> checkRedisKeptClaims());
  }

  /**
   * Completes once this node's claim on a chat it now holds is in Redis: at once when it already
   * was, after the next batch when the chat is new here. Fails when Redis refused the write.
   */
  Future<Void> claim(String chatId) {
    Future<Void> claim = claims.computeIfAbsent(chatId, this::scheduled);
    write();
    return claim;
  }

  /** The chat has no member here any more: the claim is withdrawn, unless one returns first. */
  void release(String chatId) {
    claims.remove(chatId);
    dirty.add(chatId);
    write();
  }

  private Future<Void> scheduled(String chatId) {
    // The promise exists before the chat is marked: a batch that takes the mark finds the promise.
    Future<Void> written = waiting.computeIfAbsent(chatId, id -> Promise.promise()).future();
    dirty.add(chatId);
    written.onFailure(failure -> claims.remove(chatId, written));
    return written;
  }

  private void write() {
    if (dirty.isEmpty() || !writing.compareAndSet(false, true)) {
      return;
    }
    List<String> chats = new ArrayList<>(dirty);
    chats.forEach(dirty::remove);
    List<Promise<Void>> promised = new ArrayList<>();
    chats.forEach(chatId -> {
      Promise<Void> promise = waiting.remove(chatId);
      if (promise != null) {
        promised.add(promise);
      }
    });
    // Each chat's state is read now, after its mark was taken: a later change marks it again.
    long until = System.currentTimeMillis() + ChatInterest.CLAIM_MS;
    List<Request> writes = new ArrayList<>(chats.size() * 2);
    for (String chatId : chats) {
      if (held.test(chatId)) {
        writes.addAll(ChatInterest.claim(chatId, nodeId, until));
      } else {
        writes.add(ChatInterest.withdraw(chatId, nodeId));
      }
    }
    pipelined(writes).onComplete(done -> {
      if (done.succeeded()) {
        promised.forEach(Promise::tryComplete);
      } else {
        log.warn("Could not write this node's chat interest: {}", done.cause().getMessage());
        promised.forEach(promise -> promise.tryFail(done.cause()));
        // Written again with the next renewal; until then publishers see the claims that did land.
        chats.stream().filter(held).forEach(dirty::add);
      }
      writing.set(false);
      // After a failure, only claims made meanwhile go at once (a client waits on each); the rest
      // wait for the renewal, so a Redis that is down is not written to in a loop.
      if (done.succeeded() || !waiting.isEmpty()) {
        write();
      }
    });
  }

  private void rewriteAll() {
    dirty.addAll(allHeld.get());
    write();
  }

  /**
   * A Redis that restarted empty has lost every claim, and publishers would skip this node's
   * chats. The node's own key, renewed every second, is gone then: all claims are written again.
   */
  private void checkRedisKeptClaims() {
    String key = ChatInterest.nodeKey(nodeId);
    redis.batch(List.of(
        Request.cmd(Command.EXISTS).arg(key),
        Request.cmd(Command.SET).arg(key).arg("1").arg("PX").arg(ChatInterest.CLAIM_MS)))
      .onSuccess(replies -> {
        if (replies.get(0).toLong() == 0) {
          rewriteAll();
        }
      });
  }

  private Future<Void> pipelined(List<Request> commands) {
    List<Future<?>> chunks = new ArrayList<>();
    for (int from = 0; from < commands.size(); from += PIPELINE_CHUNK) {
      chunks.add(redis.batch(commands.subList(from, Math.min(commands.size(), from + PIPELINE_CHUNK))));
    }
    return Future.all(chunks).mapEmpty();
  }
}
