package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the window a membership change opens on this node. When members connected here join a
 * chat, the chat's next events may have been routed before this node's claim on the chat
 * ({@link NodeInterest}) was written, and then never come here. So once the claim is written the
 * node asks the chat service for the chat's changes after the joining event, and gives the joiners
 * those they did not get live. Meanwhile the chat's live events for them wait, so they arrive in
 * order and once; for a while after, a live event already given is dropped.
 */
final class CatchUp {

  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
  private static final long SEND_TIMEOUT_MS = 10_000;
  /** How long a late live copy of a fetched event is still recognised as one. */
  private static final long DUPLICATE_WINDOW_MS = 10_000;
  private static final int PAGE = 200;

  private final Vertx vertx;
  /** Writes a frame to the sockets of the given users. */
  private final BiConsumer<Collection<String>, Buffer> deliver;
  private final Map<String, List<Gap>> gaps = new ConcurrentHashMap<>();

  CatchUp(Vertx vertx, BiConsumer<Collection<String>, Buffer> deliver) {
    this.vertx = vertx;
    this.deliver = deliver;
  }

  /**
   * Joiners of one chat on this node, each with the last seq they have: the joining change while
   * the fetch runs, the last change given to them after.
   */
  private static final class Gap {
    final Map<String, Long> floors = new HashMap<>();
    final TreeMap<Long, Buffer> held = new TreeMap<>();
    boolean fetching = true;
  }

  /**
   * {@code users} joined {@code chatId} with the change numbered {@code joinSeq}; once
   * {@code claimed} completes, what they may have missed is fetched with {@code options} (one
   * joiner's identity).
   */
  void joined(String chatId, Collection<String> users, long joinSeq, Future<Void> claimed, DeliveryOptions options) {
    List<Gap> chatGaps = gaps.computeIfAbsent(chatId, id -> new CopyOnWriteArrayList<>());
    for (Gap open : chatGaps) {
      synchronized (open) {
        if (open.fetching) {
          // The fetch under way reads after this node's claim on the chat: it serves these joiners too.
          users.forEach(user -> open.floors.merge(user, joinSeq, Math::max));
          return;
        }
      }
    }
    Gap gap = new Gap();
    users.forEach(user -> gap.floors.put(user, joinSeq));
    chatGaps.add(gap);
    claimed
      .compose(written -> vertx.eventBus().<JsonObject>request(Address.CHAT_CHANGES,
        new JsonObject().put("chatId", chatId).put("after", joinSeq).put("limit", PAGE),
        options.setSendTimeout(SEND_TIMEOUT_MS)))
      .map(Message::body)
      .onComplete(fetched -> {
        if (fetched.failed()) {
          // The client's own gap filling still recovers anything missed, on the chat's next event.
          log.info("Could not catch up chat {} after a join: {}", chatId, fetched.cause().getMessage());
        }
        close(chatId, gap, fetched.succeeded() ? fetched.result().getJsonArray("events", new JsonArray()) : new JsonArray());
      });
  }

  /**
   * Routes a live numbered event of a chat: returns the joiners who must not get it now (it is
   * held for them, or they already have it); everyone else gets it as usual.
   */
  Set<String> intercept(String chatId, long seq, Buffer frame) {
    List<Gap> chatGaps = gaps.get(chatId);
    if (chatGaps == null) {
      return Set.of();
    }
    Set<String> skipped = new HashSet<>();
    for (Gap gap : chatGaps) {
      synchronized (gap) {
        if (gap.fetching) {
          gap.held.putIfAbsent(seq, frame);
          skipped.addAll(gap.floors.keySet());
        } else {
          gap.floors.forEach((user, floor) -> {
            if (seq <= floor) {
              skipped.add(user);
            }
          });
        }
      }
    }
    return skipped;
  }

  private void close(String chatId, Gap gap, JsonArray fetched) {
    synchronized (gap) {
      for (Object item : fetched) {
        JsonObject change = (JsonObject) item;
        gap.held.putIfAbsent(change.getLong("seq", 0L), Frames.received(Address.CLIENT_EVENTS, liveShape(chatId, change)));
      }
      // In seq order, to each joiner only what came after the change that made them a member.
      gap.held.forEach((seq, frame) -> {
        List<String> recipients = gap.floors.entrySet().stream()
          .filter(floor -> floor.getValue() < seq).map(Map.Entry::getKey).toList();
        deliver.accept(recipients, frame);
        recipients.forEach(user -> gap.floors.put(user, seq));
      });
      gap.held.clear();
      gap.fetching = false;
    }
    vertx.setTimer(DUPLICATE_WINDOW_MS, expired -> gaps.computeIfPresent(chatId, (id, chatGaps) -> {
      chatGaps.remove(gap);
      return chatGaps.isEmpty() ? null : chatGaps;
    }));
  }

  /** A fetched change as the live event it was: the envelope the chat service publishes. */
  private static JsonObject liveShape(String chatId, JsonObject change) {
    return new JsonObject()
      .put("type", change.getString("type"))
      .put("time", change.getString("time"))
      .put("aggregateId", chatId)
      .put("version", 1)
      .put("payload", change.copy().put("audience", "members"));
  }
}
