package io.parley.notify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The notices of consecutive deliveries, folded into the rows one statement writes: a chat's
 * messages to one person collapse into one row (counted, showing the newest), as they would row by
 * row; everything else stays a row of its own. Rows keep the order of the events, so the newest
 * content wins, as it does one event at a time.
 */
final class DeliveryBatch {

  /** One row to write: a new notification, or (collapsible) what to add to the pending one. */
  record Row(UUID id, UUID userId, String type, UUID chatId, Long seq, UUID actorId, String title, String body, int count,
             String groupKey, String pushKey, UUID originSession) {

    Row merge(Row newer) {
      String kept = newer.type().equals(Kind.MESSAGE.wire) ? type : newer.type();
      return new Row(id, userId, kept, chatId, newer.seq(), newer.actorId(), newer.title(), newer.body(), count + 1,
        groupKey, pushKey, originSession);
    }
  }

  private final Map<String, Integer> collapsed = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Set<String> chatsOfPeople = new HashSet<>();

  void add(Plan.Deliver delivery, Supplier<UUID> ids) {
    for (Notice notice : delivery.notices()) {
      Row row = new Row(ids.get(), notice.userId(), notice.kind().wire, delivery.chatId(), delivery.seq(), delivery.actorId(),
        notice.title(), notice.body(), 1, notice.groupKey(), notice.pushKey(), delivery.originSession());
      if (delivery.chatId() != null) {
        chatsOfPeople.add(notice.userId() + "|" + delivery.chatId());
      }
      if (notice.groupKey() == null) {
        rows.add(row);
        continue;
      }
      String key = notice.userId() + "|" + notice.groupKey();
      Integer at = collapsed.get(key);
      if (at == null) {
        collapsed.put(key, rows.size());
        rows.add(row);
      } else {
        rows.set(at, rows.get(at).merge(row));
      }
    }
  }

  /** Whether a row here is about this person's notifications of this chat (a read of it must come after). */
  boolean touches(UUID userId, UUID chatId) {
    return chatsOfPeople.contains(userId + "|" + chatId);
  }

  boolean mentions(UUID userId) {
    return rows.stream().anyMatch(row -> row.userId().equals(userId));
  }

  List<Row> rows() {
    return rows;
  }
}
