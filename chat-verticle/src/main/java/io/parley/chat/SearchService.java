package io.parley.chat;

import io.parley.chat.SearchStore.Position;
import io.parley.chat.SearchStore.PublicPosition;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Searching messages of my chats (all, or one) and a chat's media gallery, both newest first; and
 * finding public groups and channels by title. All paged.
 */
final class SearchService {

  private static final int MAX_QUERY = 200;

  private final Pool pool;
  private final ChatStore chats;
  private final SearchStore search;

  SearchService(Pool pool, ChatStore chats, SearchStore search) {
    this.pool = pool;
    this.chats = chats;
    this.search = search;
  }

  /** {@code {q, chatId?, cursor?, limit?}} → {@code {items, nextCursor?}}; words match whole, any order. */
  Future<Reply> search(BusRequest request) {
    JsonObject body = request.body();
    String query = Fields.optionalString(body, "q");
    if (query == null || query.isBlank() || query.length() > MAX_QUERY || query.indexOf('\u0000') >= 0) {
      throw CommonErrors.INVALID_PARAMETER.exception("q must be 1 to " + MAX_QUERY + " characters",
        new JsonObject().put("field", "q"));
    }
    UUID chatId = Fields.optionalUuid(body, "chatId");
    int limit = Fields.limit(body, 20, ChatLimits.MAX_PAGE);
    Position after = decode(Fields.optionalString(body, "cursor"));
    Future<Void> allowed = chatId == null ? Future.succeededFuture()
      : chats.membership(pool, chatId, request.userId()).compose(ChatService::found).mapEmpty();
    return allowed
      .compose(ok -> search.search(pool, request.userId(), query, chatId, after, limit + 1))
      .map(found -> {
        JsonObject page = new JsonObject();
        if (found.size() > limit) {
          Message last = found.get(limit - 1);
          page.put("nextCursor", encode(new Position(last.createdAt(), last.chatId(), last.seq())));
        }
        return Reply.of(page.put("items", json(found.subList(0, Math.min(limit, found.size())))));
      });
  }

  /**
   * {@code {q, cursor?, limit?}} → public groups and channels whose title contains q, most members
   * first: {@code {items:[{id, type, title, description, avatarMediaId, memberCount, joined}], nextCursor?}}.
   * Private chats are never found; public ones are joined with {@code chat.join}.
   */
  Future<Reply> publicChats(BusRequest request) {
    JsonObject body = request.body();
    String query = Fields.optionalString(body, "q");
    if (query == null || query.isBlank() || query.length() > MAX_QUERY || query.indexOf('\u0000') >= 0) {
      throw CommonErrors.INVALID_PARAMETER.exception("q must be 1 to " + MAX_QUERY + " characters",
        new JsonObject().put("field", "q"));
    }
    int limit = Fields.limit(body, 20, ChatLimits.MAX_PAGE);
    PublicPosition after = decodePublic(Fields.optionalString(body, "cursor"));
    return search.publicChats(pool, request.userId(), query.strip(), after, limit + 1).map(found -> {
      JsonObject page = new JsonObject();
      if (found.size() > limit) {
        JsonObject last = found.get(limit - 1);
        page.put("nextCursor", encode(last.getInteger("memberCount") + "|" + last.getString("id")));
      }
      return Reply.of(page.put("items", new JsonArray(found.subList(0, Math.min(limit, found.size())))));
    });
  }

  /** {@code {chatId, kind?, before?, limit?}}: image, video, audio or document messages, newest first. */
  Future<Reply> media(BusRequest request) {
    JsonObject body = request.body();
    UUID chatId = request.chatId();
    String kind = Fields.optionalString(body, "kind");
    if (kind != null && !MessageContent.MEDIA_KINDS.contains(kind)) {
      throw CommonErrors.INVALID_PARAMETER.exception("kind must be image, video, audio or document",
        new JsonObject().put("field", "kind"));
    }
    List<String> kinds = kind == null ? List.copyOf(MessageContent.MEDIA_KINDS) : List.of(kind);
    Long before = Fields.param(body, "before", 1, Long.MAX_VALUE);
    int limit = Fields.limit(body, 50, ChatLimits.MAX_PAGE);
    return chats.membership(pool, chatId, request.userId())
      .compose(ChatService::found)
      .compose(member -> search.media(pool, chatId, request.userId(), kinds, before == null ? Long.MAX_VALUE : before, limit))
      .map(found -> Reply.of(new JsonObject().put("items", json(found))));
  }

  private static JsonArray json(List<Message> messages) {
    return new JsonArray(messages.stream().map(Message::toJson).toList());
  }

  private static String encode(Position position) {
    return encode(position.createdAt() + "|" + position.chatId() + "|" + position.seq());
  }

  private static Position decode(String cursor) {
    String[] parts = cursorParts(cursor);
    try {
      return parts == null ? null : new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]), Long.parseLong(parts[2]));
    } catch (RuntimeException malformed) {
      throw invalidCursor();
    }
  }

  private static PublicPosition decodePublic(String cursor) {
    String[] parts = cursorParts(cursor);
    try {
      return parts == null ? null : new PublicPosition(Integer.parseInt(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException malformed) {
      throw invalidCursor();
    }
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] cursorParts(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
    } catch (IllegalArgumentException malformed) {
      throw invalidCursor();
    }
  }

  private static RuntimeException invalidCursor() {
    return CommonErrors.INVALID_PARAMETER.exception("cursor is not one this server produced",
      new JsonObject().put("field", "cursor"));
  }
}
