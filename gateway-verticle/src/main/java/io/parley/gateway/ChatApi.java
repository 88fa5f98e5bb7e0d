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
    route(POST, "/chats", Address.CHAT_CREATE, 201, JSON)
      .takes("CreateChat").doc("Start a direct chat or create a group or channel", "Chat"),
    route(GET, "/chats", Address.CHAT_LIST, 200, QUERY)
      .query("limit", "cursor", "archived").doc("My chats, most recent activity first", "ChatPage"),
    // Before /chats/:chatId, which would take "public" for a chat id.
    route(GET, "/chats/public", Address.CHAT_PUBLIC_SEARCH, 200, QUERY)
      .query("q", "limit", "cursor").doc("Find public groups and channels", "PublicChatPage"),
    route(GET, "/chats/:chatId", Address.CHAT_GET, 200, QUERY).doc("One of my chats", "Chat"),
    route(PATCH, "/chats/:chatId", Address.CHAT_UPDATE, 200, JSON)
      .takes("UpdateChat").doc("Rename a chat, change its description or avatar", "Chat"),
    route(PUT, "/chats/:chatId/settings", Address.CHAT_SETTINGS, 200, JSON)
      .takes("ChatSettings").doc("My own settings of a chat: pinned, archived, muted", "Chat"),
    route(POST, "/chats/:chatId/join", Address.CHAT_JOIN, 200, QUERY).doc("Join a public chat", "Chat"),
    route(POST, "/chats/:chatId/leave", Address.CHAT_LEAVE, 200, QUERY).doc("Leave a chat", "MemberChange"),
    route(GET, "/chats/:chatId/members", Address.CHAT_MEMBERS, 200, QUERY)
      .query("limit", "after").doc("The members of a chat", "MemberPage"),
    route(POST, "/chats/:chatId/members", Address.CHAT_MEMBERS_ADD, 200, JSON)
      .takes("AddMembers").doc("Add members", "MemberChange"),
    // My own id: leave.
    route(DELETE, "/chats/:chatId/members/:userId", Address.CHAT_MEMBER_REMOVE, 200, QUERY)
      .doc("Remove a member (my own id: leave)", "MemberChange"),
    route(PUT, "/chats/:chatId/members/:userId/role", Address.CHAT_MEMBER_ROLE, 200, JSON)
      .takes("RoleChange").doc("Make a member an admin or a plain member", "MemberChange"),
    route(POST, "/chats/:chatId/owner", Address.CHAT_OWNER_TRANSFER, 200, JSON)
      .takes("OwnerTransfer").doc("Hand the chat to another member", "MemberChange"),
    route(POST, "/chats/:chatId/invites", Address.CHAT_INVITE_CREATE, 201, JSON)
      .takes("NewInvite").doc("A new invite link", "Invite"),
    route(GET, "/chats/:chatId/invites", Address.CHAT_INVITES, 200, QUERY)
      .query("limit").doc("The chat's invite links", "InvitePage"),
    route(DELETE, "/chats/:chatId/invites/:token", Address.CHAT_INVITE_REVOKE, 200, QUERY)
      .doc("Revoke an invite link", "Invite"),
    route(GET, "/invites/:token", Address.CHAT_INVITE_PREVIEW, 200, QUERY)
      .doc("What an invite link leads to", "InvitePreview"),
    route(POST, "/invites/:token/join", Address.CHAT_INVITE_JOIN, 200, QUERY).doc("Join through an invite link", "Chat"),
    // A retried clientMessageId answers 200 with the original (as does a retried forward).
    route(POST, "/chats/:chatId/messages", Address.CHAT_MESSAGE_SEND, 201, JSON)
      .takes("SendMessage").doc("Send a message", "Message"),
    route(GET, "/chats/:chatId/messages", Address.CHAT_MESSAGE_HISTORY, 200, QUERY)
      .query("after", "before", "thread", "limit").doc("Messages of a chat, by number", "MessagePage"),
    route(PATCH, "/chats/:chatId/messages/:seq", Address.CHAT_MESSAGE_EDIT, 200, JSON)
      .takes("EditMessage").doc("Edit my text message", "Message"),
    route(DELETE, "/chats/:chatId/messages/:seq", Address.CHAT_MESSAGE_DELETE, 200, QUERY)
      .query("scope").doc("Delete a message for me or (scope=everyone) for everyone", "MessageDeleted"),
    route(GET, "/chats/:chatId/messages/:seq/receipts", Address.CHAT_MESSAGE_RECEIPTS, 200, QUERY)
      .doc("Who received and read a message", "Receipts"),
    route(POST, "/chats/:chatId/messages/:seq/reactions", Address.CHAT_MESSAGE_REACT, 200, JSON)
      .takes("React").doc("Add or take back my reaction", "ChatChange"),
    route(GET, "/chats/:chatId/messages/:seq/reactions", Address.CHAT_MESSAGE_REACTIONS, 200, QUERY)
      .doc("The reactions to a message", "Reactions"),
    route(PUT, "/chats/:chatId/messages/:seq/pin", Address.CHAT_MESSAGE_PIN, 200, JSON)
      .takes("Pin").doc("Pin or unpin a message", "Message"),
    route(GET, "/chats/:chatId/pins", Address.CHAT_PINNED, 200, QUERY).doc("The pinned messages", "MessagePage"),
    route(POST, "/chats/:chatId/messages/:seq/forward", Address.CHAT_MESSAGE_FORWARD, 201, JSON)
      .takes("Forward").doc("Forward a message to another chat", "Message"),
    // The message is the body's messageSeq on the bus (as over the realtime bridge).
    route(POST, "/chats/:chatId/messages/:messageSeq/location", Address.CHAT_LOCATION_UPDATE, 200, JSON)
      .takes("LocationUpdate").doc("Move my live location", "LiveLocation"),
    route(DELETE, "/chats/:chatId/messages/:messageSeq/location", Address.CHAT_LOCATION_STOP, 200, QUERY)
      .doc("Stop sharing my live location", "Message"),
    route(GET, "/chats/:chatId/media", Address.CHAT_MEDIA, 200, QUERY)
      .query("kind", "before", "limit").doc("The media messages of a chat, newest first", "MessagePage"),
    route(GET, "/search", Address.CHAT_SEARCH, 200, QUERY)
      .query("q", "chatId", "limit", "cursor").doc("Search my messages", "MessagePage"),
    route(POST, "/chats/:chatId/read", Address.CHAT_READ, 200, JSON)
      .takes("ReceiptMark").doc("I read up to a message", "ReceiptState"),
    route(POST, "/chats/:chatId/delivered", Address.CHAT_DELIVERED, 200, JSON)
      .takes("ReceiptMark").doc("This device received up to a message", "ReceiptState"),
    route(GET, "/chats/:chatId/changes", Address.CHAT_CHANGES, 200, QUERY)
      .query("after", "limit").doc("A chat's numbered changes after a number", "ChangesPage"),
    route(GET, "/sync", Address.CHAT_SYNC, 200, QUERY)
      .query("cursor", "limit").doc("Everything that changed for me since a cursor", "SyncPage"),
    route(POST, "/sync", Address.CHAT_SYNC, 200, JSON)
      .takes("SyncRequest").doc("The same, with the cursor in the body", "SyncPage"));

  private ChatApi() {
  }
}
