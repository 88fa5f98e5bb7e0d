package io.parley.chat;

import io.parley.chat.SearchStore.Position;
import io.parley.chat.SearchStore.PublicPosition;
import io.parley.shared.Address;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The requests that read: history, search, the media gallery, public chats and sync. */
final class QueryRequests {

  private static final int MAX_QUERY = 200;
  private static final int SYNC_PAGE = 500;

  private QueryRequests() {
  }

  /** {@link Address#CHAT_MESSAGE_HISTORY}: {@code {chatId, after?, before?, thread?, limit?}}; after pages forward. */
  record HistoryPage(UUID chatId, Long after, Long before, Long thread, int limit) {
    static HistoryPage from(JsonObject body) {
      HistoryPage page = new HistoryPage(Fields.chatId(body), Fields.param(body, "after", 0, Long.MAX_VALUE - 1),
        Fields.param(body, "before", 1, Long.MAX_VALUE), Fields.param(body, "thread", 1, Long.MAX_VALUE),
        Fields.limit(body, 50, ChatLimits.MAX_PAGE));
      if (page.after != null && page.before != null && page.after >= page.before) {
        throw Fields.badParameter("after", "after must be smaller than before");
      }
      return page;
    }
  }

  /** {@link Address#CHAT_SEARCH}: messages of my chats (or one), {@code {q, chatId?, cursor?, limit?}}. */
  record MessageSearch(String query, UUID chatId, int limit, Position after) {
    static MessageSearch from(JsonObject body) {
      return new MessageSearch(searchText(body), Fields.optionalUuid(body, "chatId"),
        Fields.limit(body, 20, ChatLimits.MAX_PAGE), Position.fromCursor(Fields.optionalString(body, "cursor")));
    }
  }

  /** {@link Address#CHAT_PUBLIC_SEARCH}: public groups and channels by title, {@code {q, cursor?, limit?}}. */
  record PublicSearch(String query, int limit, PublicPosition after) {
    static PublicSearch from(JsonObject body) {
      return new PublicSearch(searchText(body).strip(), Fields.limit(body, 20, ChatLimits.MAX_PAGE),
        PublicPosition.fromCursor(Fields.optionalString(body, "cursor")));
    }
  }

  /** {@link Address#CHAT_MEDIA}: a chat's media messages, newest first, {@code {chatId, kind?, before?, limit?}}. */
  record MediaPage(UUID chatId, List<String> kinds, long before, int limit) {
    static MediaPage from(JsonObject body) {
      UUID chatId = Fields.chatId(body);
      String kind = Fields.optionalString(body, "kind");
      if (kind != null && !MessageContent.MEDIA_KINDS.contains(kind)) {
        throw Fields.badParameter("kind", "kind must be image, video, audio or document");
      }
      Long before = Fields.param(body, "before", 1, Long.MAX_VALUE);
      return new MediaPage(chatId, kind == null ? List.copyOf(MessageContent.MEDIA_KINDS) : List.of(kind),
        before == null ? Long.MAX_VALUE : before, Fields.limit(body, 50, ChatLimits.MAX_PAGE));
    }
  }

  /** {@link Address#CHAT_SYNC}: {@code {cursor?, limit?}}; without a cursor, one for "now". */
  record SyncRequest(SyncCursor cursor, int limit) {
    static SyncRequest from(JsonObject body) {
      String cursor = Fields.optionalString(body, "cursor");
      int limit = Fields.limit(body, SYNC_PAGE, ChatLimits.MAX_SYNC_PAGE);
      return new SyncRequest(cursor == null ? null : SyncCursor.decode(cursor), limit);
    }
  }

  /** {@link Address#CHAT_CHANGES}: one chat's changes after a number, {@code {chatId, after?, limit?}}. */
  record ChangesPage(UUID chatId, long after, int limit) {
    static ChangesPage from(JsonObject body) {
      UUID chatId = Fields.chatId(body);
      Long after = Fields.param(body, "after", 0, Long.MAX_VALUE);
      return new ChangesPage(chatId, after == null ? 0 : after, Fields.limit(body, SYNC_PAGE, ChatLimits.MAX_SYNC_PAGE));
    }
  }

  /** A search text: 1 to 200 characters, no NUL. */
  private static String searchText(JsonObject body) {
    String query = Fields.optionalString(body, "q");
    if (query == null || query.isBlank() || query.length() > MAX_QUERY || query.indexOf('\u0000') >= 0) {
      throw Fields.badParameter("q", "q must be 1 to " + MAX_QUERY + " characters");
    }
    return query;
  }
}
