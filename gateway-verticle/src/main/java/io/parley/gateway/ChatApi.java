package io.parley.gateway;

import io.parley.shared.Address;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The chat REST API under {@code /api/v1}, every route authenticated and forwarded to the chat
 * service on the bus. Path parameters are written into the request body over anything the client
 * put there, so a body never redirects a request to another chat or message; query parameters
 * travel as strings and the service validates them.
 *
 * <pre>
 * POST   /chats                               create (201; an existing direct chat 200)
 * GET    /chats?cursor=&amp;limit=&amp;archived=          my chats
 * GET    /chats/public?q=&amp;cursor=&amp;limit=         public groups and channels by title
 * GET    /chats/{chatId}                      one chat
 * PATCH  /chats/{chatId}                      title, description, avatarMediaId
 * PUT    /chats/{chatId}/settings             my pinned, mutedUntil, archived
 * POST   /chats/{chatId}/join                 join a public chat
 * POST   /chats/{chatId}/leave                leave
 * GET    /chats/{chatId}/members?after=&amp;limit=
 * POST   /chats/{chatId}/members              {userIds}
 * DELETE /chats/{chatId}/members/{userId}     remove (my own id: leave)
 * PUT    /chats/{chatId}/members/{userId}/role {role}
 * POST   /chats/{chatId}/owner                {userId}: transfer ownership
 * POST   /chats/{chatId}/invites              {expiresAt?, maxUses?}: a new invite link (201)
 * GET    /chats/{chatId}/invites?limit=       the chat's invite links
 * DELETE /chats/{chatId}/invites/{token}      revoke an invite link
 * GET    /invites/{token}                     preview: title, type, memberCount
 * POST   /invites/{token}/join                join through an invite link
 * POST   /chats/{chatId}/messages             send (201; a retried clientMessageId 200)
 * GET    /chats/{chatId}/messages?after=&amp;before=&amp;limit=&amp;thread=
 * PATCH  /chats/{chatId}/messages/{seq}       edit {text}
 * DELETE /chats/{chatId}/messages/{seq}?scope=me|everyone
 * GET    /chats/{chatId}/messages/{seq}/receipts
 * POST   /chats/{chatId}/messages/{seq}/reactions {emoji}: toggle mine; GET: who reacted
 * PUT    /chats/{chatId}/messages/{seq}/pin   {pinned}
 * GET    /chats/{chatId}/pins
 * POST   /chats/{chatId}/messages/{seq}/forward {toChatId, clientMessageId} (201; a retry 200)
 * POST   /chats/{chatId}/messages/{seq}/location {latitude, longitude}: move my live location
 * DELETE /chats/{chatId}/messages/{seq}/location stop sharing my live location
 * GET    /chats/{chatId}/media?kind=&amp;before=&amp;limit=
 * GET    /search?q=&amp;chatId=&amp;cursor=&amp;limit=
 * POST   /chats/{chatId}/read                 {seq}
 * POST   /chats/{chatId}/delivered            {seq}
 * GET    /chats/{chatId}/changes?after=&amp;limit=  one chat's changes
 * GET    /sync?cursor=&amp;limit=, POST /sync {cursor, limit}: all my chats' changes
 * </pre>
 */
final class ChatApi {

  private final BusForwarder forwarder;
  private final Authentication authentication;

  ChatApi(BusForwarder forwarder, Authentication authentication) {
    this.forwarder = forwarder;
    this.authentication = authentication;
  }

  void mount(Router api) {
    Handler<RoutingContext> authenticated = authentication.required();
    api.post("/chats").handler(authenticated).handler(created(Address.CHAT_CREATE, BusForwarder::jsonBody));
    api.get("/chats").handler(authenticated).handler(ok(Address.CHAT_LIST, ChatApi::params));
    // Before /chats/:chatId, which would take "public" for a chat id.
    api.get("/chats/public").handler(authenticated).handler(ok(Address.CHAT_PUBLIC_SEARCH, ChatApi::params));
    api.get("/chats/:chatId").handler(authenticated).handler(ok(Address.CHAT_GET, ChatApi::params));
    api.patch("/chats/:chatId").handler(authenticated).handler(ok(Address.CHAT_UPDATE, ChatApi::body));
    api.put("/chats/:chatId/settings").handler(authenticated).handler(ok(Address.CHAT_SETTINGS, ChatApi::body));
    api.post("/chats/:chatId/join").handler(authenticated).handler(ok(Address.CHAT_JOIN, ChatApi::params));
    api.post("/chats/:chatId/leave").handler(authenticated).handler(ok(Address.CHAT_LEAVE, ChatApi::params));
    api.get("/chats/:chatId/members").handler(authenticated).handler(ok(Address.CHAT_MEMBERS, ChatApi::params));
    api.post("/chats/:chatId/members").handler(authenticated).handler(ok(Address.CHAT_MEMBERS_ADD, ChatApi::body));
    api.delete("/chats/:chatId/members/:userId").handler(authenticated).handler(ok(Address.CHAT_MEMBER_REMOVE, ChatApi::params));
    api.put("/chats/:chatId/members/:userId/role").handler(authenticated).handler(ok(Address.CHAT_MEMBER_ROLE, ChatApi::body));
    api.post("/chats/:chatId/owner").handler(authenticated).handler(ok(Address.CHAT_OWNER_TRANSFER, ChatApi::body));
    api.post("/chats/:chatId/invites").handler(authenticated).handler(created(Address.CHAT_INVITE_CREATE, ChatApi::body));
    api.get("/chats/:chatId/invites").handler(authenticated).handler(ok(Address.CHAT_INVITES, ChatApi::params));
    api.delete("/chats/:chatId/invites/:token").handler(authenticated).handler(ok(Address.CHAT_INVITE_REVOKE, ChatApi::params));
    api.get("/invites/:token").handler(authenticated).handler(ok(Address.CHAT_INVITE_PREVIEW, ChatApi::params));
    api.post("/invites/:token/join").handler(authenticated).handler(ok(Address.CHAT_INVITE_JOIN, ChatApi::params));
    api.post("/chats/:chatId/messages").handler(authenticated).handler(created(Address.CHAT_MESSAGE_SEND, ChatApi::body));
    api.get("/chats/:chatId/messages").handler(authenticated).handler(ok(Address.CHAT_MESSAGE_HISTORY, ChatApi::params));
    api.patch("/chats/:chatId/messages/:seq").handler(authenticated).handler(ok(Address.CHAT_MESSAGE_EDIT, ChatApi::body));
    api.delete("/chats/:chatId/messages/:seq").handler(authenticated).handler(ok(Address.CHAT_MESSAGE_DELETE, ChatApi::params));
    api.get("/chats/:chatId/messages/:seq/receipts").handler(authenticated)
      .handler(ok(Address.CHAT_MESSAGE_RECEIPTS, ChatApi::params));
    api.post("/chats/:chatId/messages/:seq/reactions").handler(authenticated).handler(ok(Address.CHAT_MESSAGE_REACT, ChatApi::body));
    api.get("/chats/:chatId/messages/:seq/reactions").handler(authenticated)
      .handler(ok(Address.CHAT_MESSAGE_REACTIONS, ChatApi::params));
    api.put("/chats/:chatId/messages/:seq/pin").handler(authenticated).handler(ok(Address.CHAT_MESSAGE_PIN, ChatApi::body));
    api.get("/chats/:chatId/pins").handler(authenticated).handler(ok(Address.CHAT_PINNED, ChatApi::params));
    api.post("/chats/:chatId/messages/:seq/forward").handler(authenticated)
      .handler(created(Address.CHAT_MESSAGE_FORWARD, ChatApi::body));
    // The message is the body's messageSeq on the bus (as over the realtime bridge).
    api.post("/chats/:chatId/messages/:messageSeq/location").handler(authenticated)
      .handler(ok(Address.CHAT_LOCATION_UPDATE, ChatApi::body));
    api.delete("/chats/:chatId/messages/:messageSeq/location").handler(authenticated)
      .handler(ok(Address.CHAT_LOCATION_STOP, ChatApi::params));
    api.get("/chats/:chatId/media").handler(authenticated).handler(ok(Address.CHAT_MEDIA, ChatApi::params));
    api.get("/search").handler(authenticated).handler(ok(Address.CHAT_SEARCH, ChatApi::params));
    api.post("/chats/:chatId/read").handler(authenticated).handler(ok(Address.CHAT_READ, ChatApi::body));
    api.post("/chats/:chatId/delivered").handler(authenticated).handler(ok(Address.CHAT_DELIVERED, ChatApi::body));
    api.get("/chats/:chatId/changes").handler(authenticated).handler(ok(Address.CHAT_CHANGES, ChatApi::params));
    api.get("/sync").handler(authenticated).handler(ok(Address.CHAT_SYNC, ChatApi::params));
    api.post("/sync").handler(authenticated).handler(ok(Address.CHAT_SYNC, BusForwarder::jsonBody));
  }

  private Handler<RoutingContext> ok(String address, Function<RoutingContext, JsonObject> body) {
    return forwarder.forward(address, 200, body);
  }

  private Handler<RoutingContext> created(String address, Function<RoutingContext, JsonObject> body) {
    return forwarder.forward(address, 201, body);
  }

  /** The JSON body, with the path parameters written over it. */
  private static JsonObject body(RoutingContext ctx) {
    return withPath(ctx, BusForwarder.jsonBody(ctx));
  }

  /** Query parameters (first value of each, as strings), with the path parameters written over them. */
  private static JsonObject params(RoutingContext ctx) {
    JsonObject params = new JsonObject();
    ctx.queryParams().names().forEach(name -> params.put(name, ctx.queryParams().get(name)));
    return withPath(ctx, params);
  }

  private static JsonObject withPath(RoutingContext ctx, JsonObject body) {
    ctx.pathParams().forEach(body::put);
    return body;
  }
}
