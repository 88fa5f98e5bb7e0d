package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks that concern the users connected to this node, both ways: whom each blocked and who
 * blocked them. Read once when a user's first connection arrives, then kept current by the auth
 * service's {@code auth.blocks.changed} events, so a block applies to live presence and typing the
 * moment it is made, with no read per event.
 */
final class BlockIndex {

  private static final Logger log = LoggerFactory.getLogger(BlockIndex.class);

  /** Per local user: the people they blocked, and the people who blocked them. */
  private final Map<String, Set<String>> blockedPeople = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> blockers = new ConcurrentHashMap<>();
  private final PresenceVisibility visibility;
  private final Future<Void> ready;

  BlockIndex(Vertx vertx, PresenceVisibility visibility) {
    this.visibility = visibility;
    this.ready = vertx.eventBus().<JsonObject>consumer(Address.AUTH_BLOCKS_CHANGED, this::onChange).completion();
  }

  Future<Void> ready() {
    return ready;
  }

  /** A user's first connection here: their blocks, both ways, from the database. */
  Future<Void> load(String userId) {
    Set<String> mine = blockedPeople.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet());
    Set<String> theirs = blockers.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet());
    return visibility.blocksOf(userId)
      .onSuccess(relations -> {
        mine.addAll(relations.blockedByUser());
        theirs.addAll(relations.blockersOfUser());
      })
      .onFailure(failure -> log.warn("Could not read the blocks of {}: {}", userId, failure.getMessage()))
      .mapEmpty();
  }

  void forget(String userId) {
    blockedPeople.remove(userId);
    blockers.remove(userId);
  }

  /** Whether {@code blocker} blocked the local user {@code userId}: then {@code userId} sees nothing of their presence. */
  boolean isBlockedBy(String userId, String blocker) {
    Set<String> theirs = blockers.get(userId);
    return theirs != null && theirs.contains(blocker);
  }

  /** Whether either of the two blocked the other (the first is a local user). */
  boolean eitherBlocked(String localUser, String other) {
    Set<String> mine = blockedPeople.get(localUser);
    return isBlockedBy(localUser, other) || mine != null && mine.contains(other);
  }

  private void onChange(Message<JsonObject> message) {
    String blocker = message.body().getString("blockerId");
    String blocked = message.body().getString("blockedId");
    if (blocker == null || blocked == null) {
      return;
    }
    boolean blocking = message.body().getBoolean("blocked", true);
    update(blockedPeople.get(blocker), blocked, blocking);
    update(blockers.get(blocked), blocker, blocking);
  }

  private static void update(Set<String> set, String userId, boolean add) {
    if (set == null) {
      return;
    }
    if (add) {
      set.add(userId);
    } else {
      set.remove(userId);
    }
  }
}
