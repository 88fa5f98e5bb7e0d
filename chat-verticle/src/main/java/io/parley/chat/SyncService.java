package io.parley.chat;

import io.parley.chat.ChangeStore.Range;
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
 */
final class SyncService {

  private static final int DEFAULT_PAGE = 500;

  private final Pool pool;
  private final SyncStore syncStore;
  private final ChangeStore changes;

  SyncService(Pool pool, SyncStore syncStore, ChangeStore changes) {
    this.pool = pool;
    this.syncStore = syncStore;
    this.changes = changes;
  }

  /** All my chats since a cursor: {@code {events, cursor, hasMore}}; call again with the new cursor while hasMore. */
  Future<Reply> sync(BusRequest request) {
    UUID me = request.userId();
    String given = Fields.optionalString(request.body(), "cursor");
    int limit = Fields.limit(request.body(), DEFAULT_PAGE, ChatLimits.MAX_SYNC_PAGE);
    Map<UUID, Long> known = given == null ? null : SyncCursor.decode(given);
    return syncStore.standings(pool, me, known == null ? List.of() : known.keySet()).compose(standings -> {
      if (known == null) {
        Map<UUID, Long> now = new LinkedHashMap<>();
        standings.forEach(chat -> now.put(chat.chatId(), chat.lastSeq()));
        return Future.succeededFuture(page(List.of(), now, false));
      }
      Map<UUID, Long> next = new LinkedHashMap<>();
      List<Range> ranges = new ArrayList<>();
      int budget = limit;
      boolean more = false;
      for (Standing chat : standings) {
        Long position = known.get(chat.chatId());
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
      boolean hasMore = more;
      return changes.read(pool, me, ranges).map(events -> page(events, next, hasMore));
    }).map(Reply::of);
  }

  /** One chat's changes after a number: {@code {chatId, events, lastSeq, hasMore}}. */
  Future<Reply> changesOf(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    Long given = Fields.param(request.body(), "after", 0, Long.MAX_VALUE);
    int limit = Fields.limit(request.body(), DEFAULT_PAGE, ChatLimits.MAX_SYNC_PAGE);
    long after = given == null ? 0 : given;
    return syncStore.standing(pool, me, chatId)
      .map(chat -> chat == null || chat.leftSeq() != null && after >= chat.leftSeq() ? null : chat)
      .compose(ChatService::found)
      .compose(chat -> {
        long from = Math.max(after, chat.joinedSeq() - 1);
        long upTo = Math.min(chat.upTo(), from + limit);
        List<Range> range = upTo > from ? List.of(new Range(chatId, from, upTo)) : List.of();
        return changes.read(pool, me, range).map(events -> Reply.of(new JsonObject()
          .put("chatId", chatId.toString())
          .put("events", json(events))
          .put("lastSeq", Math.max(upTo, from))
          .put("hasMore", upTo < chat.upTo())));
      });
  }

  private static JsonObject page(List<Change> events, Map<UUID, Long> next, boolean more) {
    return new JsonObject().put("events", json(events)).put("cursor", SyncCursor.encode(next)).put("hasMore", more);
  }

  private static JsonArray json(List<Change> events) {
    JsonArray array = new JsonArray();
    events.forEach(change -> array.add(change.toJson()));
    return array;
  }
}
