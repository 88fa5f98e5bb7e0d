package io.parley.chat;

import io.parley.chat.QueryRequests.MediaPage;
import io.parley.chat.QueryRequests.MessageSearch;
import io.parley.chat.QueryRequests.PublicSearch;
import io.parley.chat.SearchStore.Position;
import io.parley.chat.SearchStore.PublicPosition;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;

/**
 * Searching messages of my chats (all, or one) and a chat's media gallery, both newest first; and
 * finding public groups and channels by title. All paged.
 */
final class SearchService {

  private final Pool pool;
  private final ChatStore chats;
  private final SearchStore search;

  SearchService(Pool pool, ChatStore chats, SearchStore search) {
    this.pool = pool;
    this.chats = chats;
    this.search = search;
  }

  /** {@code {items, nextCursor?}}; words match whole, in any order. */
  Future<JsonObject> search(UUID me, MessageSearch request) {
    Future<?> allowed = request.chatId() == null ? Future.succeededFuture() : chats.membership(pool, request.chatId(), me);
    return allowed
      .compose(ok -> search.search(pool, me, request.query(), request.chatId(), request.after(), request.limit() + 1))
      .map(found -> PageCursor.page(found, request.limit(), Message::toJson,
        last -> new Position(last.createdAt(), last.chatId(), last.seq()).cursor()));
  }

  /**
   * Public groups and channels whose title contains the query, most members first:
   * {@code {items:[{id, type, title, description, avatarMediaId, memberCount, joined}], nextCursor?}}.
   * Private chats are never found; public ones are joined with {@code chat.join}.
   */
  Future<JsonObject> publicChats(UUID me, PublicSearch request) {
    return search.publicChats(pool, me, request.query(), request.after(), request.limit() + 1)
      .map(found -> PageCursor.page(found, request.limit(), chat -> chat,
        last -> new PublicPosition(last.getInteger("memberCount"), UUID.fromString(last.getString("id"))).cursor()));
  }

  /** {@code {items}}: image, video, audio or document messages, newest first. */
  Future<JsonObject> media(UUID me, MediaPage request) {
    return chats.membership(pool, request.chatId(), me)
      .compose(member -> search.media(pool, request.chatId(), me, request.kinds(), request.before(), request.limit()))
      .map(found -> new JsonObject().put("items", json(found)));
  }

  private static JsonArray json(List<Message> messages) {
    return new JsonArray(messages.stream().map(Message::toJson).toList());
  }
}
