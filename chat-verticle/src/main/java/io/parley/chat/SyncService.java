package io.parley.chat;

import io.parley.chat.ChangeStore.Range;
import io.parley.chat.QueryRequests.ChangesPage;
import io.parley.chat.QueryRequests.SyncRequest;
import io.parley.chat.SyncStore.Standing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sync: every change a device missed, in order, whatever the time offline. Because each chat's
 * numbers are gap-free, the server knows from a cursor exactly how many changes are missing per
 * chat and reads precisely those; there is no window after which a device must reload.
 *
 * <p>A device without a cursor gets one for "now" and loads history as it needs. A chat missing
 * from the cursor (joined since) starts at the change that added the member; a chat the member
 * left is synced up to the change that removed them, then dropped from the cursor.
 *
 * <p>A member's private changes (delete for me, pin, mute, archive) have their own per-user
 * numbers ({@link PrivateChange}); the cursor carries the last one received, so a device that was
 * offline gets them too, and nobody else ever does.
 */
final class SyncService {

  private final Pool pool;
  private final SyncStore syncStore;
  private final ChangeStore changes;
  private final PrivateChangeStore privateChanges;

  SyncService(Pool pool, SyncStore syncStore, ChangeStore changes, PrivateChangeStore privateChanges) {
    this.pool = pool;
    this.syncStore = syncStore;
    this.changes = changes;
    this.privateChanges = privateChanges;
  }

  /**
   * All my chats and my private changes since a cursor: {@code {events, cursor, hasMore}}; call
   * again with the new cursor while hasMore. Chat changes come first (by chat, then seq), then my
   * private changes (by their number) with what is left of the page.
   */
  Future<JsonObject> sync(UUID me, SyncRequest request) {
    SyncCursor known = request.cursor();
    int limit = request.limit();
    if (known == null) {
      return Future.all(syncStore.standings(pool, me, List.of()), privateChanges.head(pool, me)).map(both -> {
        Map<UUID, Long> now = new LinkedHashMap<>();
        both.<List<Standing>>resultAt(0).forEach(chat -> now.put(chat.chatId(), chat.lastSeq()));
        return page(List.of(), List.of(), new SyncCursor(both.resultAt(1), now), false);
      });
    }
    return syncStore.standings(pool, me, known.chats().keySet()).compose(standings -> {
      Map<UUID, Long> next = new LinkedHashMap<>();
      List<Range> ranges = new ArrayList<>();
      int budget = limit;
      boolean more = false;
      for (Standing chat : standings) {
        Long position = known.chats().get(chat.chatId());
        if (chat.leftSeq() != null && position == null) {
          continue;
        }
        long after = Math.max(position == null ? 0 : position, chat.joinedSeq() - 1);
        long missing = Math.max(0, chat.upTo() - after);
        long take = Math.min(missing, budget);
        if (take > 0) {
          ranges.add(new Range(chat.chatId(), after, after + take));
          budget -= (int) take;
        }
        more |= take < missing;
        if (chat.leftSeq() == null || after + take < chat.leftSeq()) {
          next.put(chat.chatId(), after + take);
        }
      }
      int privateBudget = budget;
      boolean chatsHaveMore = more;
      // One more private change than fits tells whether more are waiting.
      return Future.all(changes.read(pool, me, ranges), privateChanges.after(pool, me, known.privateSeq(), privateBudget + 1))
        .map(both -> {
          List<Change> chatEvents = both.resultAt(0);
          List<PrivateChange> mine = both.resultAt(1);
          boolean privateHasMore = mine.size() > privateBudget;
          List<PrivateChange> delivered = privateHasMore ? mine.subList(0, privateBudget) : mine;
          long privateSeq = delivered.isEmpty() ? known.privateSeq() : delivered.get(delivered.size() - 1).userSeq();
          return page(chatEvents, delivered, new SyncCursor(privateSeq, next), chatsHaveMore || privateHasMore);
        });
    });
  }

  /** One chat's changes after a number: {@code {chatId, events, lastSeq, hasMore}}. */
  Future<JsonObject> changesOf(UUID me, ChangesPage request) {
    UUID chatId = request.chatId();
    long after = request.after();
    return syncStore.standing(pool, me, chatId)
      .map(chat -> ChatStore.found(chat == null || chat.leftSeq() != null && after >= chat.leftSeq() ? null : chat))
      .compose(chat -> {
        long from = Math.max(after, chat.joinedSeq() - 1);
        long upTo = Math.min(chat.upTo(), from + request.limit());
        List<Range> range = upTo > from ? List.of(new Range(chatId, from, upTo)) : List.of();
        return changes.read(pool, me, range).map(events -> new JsonObject()
          .put("chatId", chatId.toString())
          .put("events", json(events))
          .put("lastSeq", Math.max(upTo, from))
          .put("hasMore", upTo < chat.upTo()));
      });
  }

  private static JsonObject page(List<Change> chatEvents, List<PrivateChange> privateEvents, SyncCursor next, boolean more) {
    JsonArray events = json(chatEvents);
    privateEvents.forEach(change -> events.add(change.toJson()));
    return new JsonObject().put("events", events).put("cursor", next.encode()).put("hasMore", more);
  }

  private static JsonArray json(List<Change> events) {
    JsonArray array = new JsonArray();
    events.forEach(change -> array.add(change.toJson()));
    return array;
  }
}
