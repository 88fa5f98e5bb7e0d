package io.parley.gateway;

import static io.parley.gateway.ApiRoute.route;
import static io.parley.gateway.RequestShape.JSON;
import static io.parley.gateway.RequestShape.QUERY;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.parley.shared.Address;
import java.util.List;

/**
 * The chat REST API: every route needs a signed-in caller and is forwarded to the chat service.
 * A message is named by its sequence number in the chat ({@code :seq}); the bodies and replies of
 * each address are the chat service's request and reply records.
 */
final class ChatApi {

  static final List<ApiRoute> ROUTES = List.of(
    // An existing direct chat answers 200.
    route(POST, "/chats", Address.CHAT_CREATE, 201, JSON),
    route(GET, "/chats", Address.CHAT_LIST, 200, QUERY),
    // Before /chats/:chatId, which would take "public" for a chat id.
    route(GET, "/chats/public", Address.CHAT_PUBLIC_SEARCH, 200, QUERY),
    route(GET, "/chats/:chatId", Address.CHAT_GET, 200, QUERY),
    route(PATCH, "/chats/:chatId", Address.CHAT_UPDATE, 200, JSON),
    route(PUT, "/chats/:chatId/settings", Address.CHAT_SETTINGS, 200, JSON),
    route(POST, "/chats/:chatId/join", Address.CHAT_JOIN, 200, QUERY),
    route(POST, "/chats/:chatId/leave", Address.CHAT_LEAVE, 200, QUERY),
    route(GET, "/chats/:chatId/members", Address.CHAT_MEMBERS, 200, QUERY),
    route(POST, "/chats/:chatId/members", Address.CHAT_MEMBERS_ADD, 200, JSON),
    // My own id: leave.
    route(DELETE, "/chats/:chatId/members/:userId", Address.CHAT_MEMBER_REMOVE, 200, QUERY),
    route(PUT, "/chats/:chatId/members/:userId/role", Address.CHAT_MEMBER_ROLE, 200, JSON),
    route(POST, "/chats/:chatId/owner", Address.CHAT_OWNER_TRANSFER, 200, JSON),
    route(POST, "/chats/:chatId/invites", Address.CHAT_INVITE_CREATE, 201, JSON),
    route(GET, "/chats/:chatId/invites", Address.CHAT_INVITES, 200, QUERY),
    route(DELETE, "/chats/:chatId/invites/:token", Address.CHAT_INVITE_REVOKE, 200, QUERY),
    route(GET, "/invites/:token", Address.CHAT_INVITE_PREVIEW, 200, QUERY),
    route(POST, "/invites/:token/join", Address.CHAT_INVITE_JOIN, 200, QUERY),
    // A retried clientMessageId answers 200 with the original (as does a retried forward).
    route(POST, "/chats/:chatId/messages", Address.CHAT_MESSAGE_SEND, 201, JSON),
    route(GET, "/chats/:chatId/messages", Address.CHAT_MESSAGE_HISTORY, 200, QUERY),
    route(PATCH, "/chats/:chatId/messages/:seq", Address.CHAT_MESSAGE_EDIT, 200, JSON),
    route(DELETE, "/chats/:chatId/messages/:seq", Address.CHAT_MESSAGE_DELETE, 200, QUERY),
    route(GET, "/chats/:chatId/messages/:seq/receipts", Address.CHAT_MESSAGE_RECEIPTS, 200, QUERY),
    route(POST, "/chats/:chatId/messages/:seq/reactions", Address.CHAT_MESSAGE_REACT, 200, JSON),
    route(GET, "/chats/:chatId/messages/:seq/reactions", Address.CHAT_MESSAGE_REACTIONS, 200, QUERY),
    route(PUT, "/chats/:chatId/messages/:seq/pin", Address.CHAT_MESSAGE_PIN, 200, JSON),
    route(GET, "/chats/:chatId/pins", Address.CHAT_PINNED, 200, QUERY),
    route(POST, "/chats/:chatId/messages/:seq/forward", Address.CHAT_MESSAGE_FORWARD, 201, JSON),
    // The message is the body's messageSeq on the bus (as over the realtime bridge).
    route(POST, "/chats/:chatId/messages/:messageSeq/location", Address.CHAT_LOCATION_UPDATE, 200, JSON),
    route(DELETE, "/chats/:chatId/messages/:messageSeq/location", Address.CHAT_LOCATION_STOP, 200, QUERY),
    route(GET, "/chats/:chatId/media", Address.CHAT_MEDIA, 200, QUERY),
    route(GET, "/search", Address.CHAT_SEARCH, 200, QUERY),
    route(POST, "/chats/:chatId/read", Address.CHAT_READ, 200, JSON),
    route(POST, "/chats/:chatId/delivered", Address.CHAT_DELIVERED, 200, JSON),
    route(GET, "/chats/:chatId/changes", Address.CHAT_CHANGES, 200, QUERY),
    route(GET, "/sync", Address.CHAT_SYNC, 200, QUERY),
    route(POST, "/sync", Address.CHAT_SYNC, 200, JSON));

  private ChatApi() {
  }
}
