package io.parley.shared;

/**
 * Every event-bus address Parley uses, defined once.
 *
 * <p>Two families: service addresses ({@code auth.*}, {@code chat.*}, ...) are request/reply
 * endpoints between verticles and are never reachable from a browser; client addresses live
 * under {@link #CLIENT_PREFIX} and are the only ones the SockJS bridge may ever open, each one
 * explicitly (see the gateway's bridge options).
 */
public final class Address {

  /** Prefix of every address a browser may see through the bridge. */
  public static final String CLIENT_PREFIX = "client.";

  /**
   * Server-wide notices to every connected client (maintenance, a node asking its clients to
   * reconnect elsewhere). Published by the server only; browsers may listen.
   */
  public static final String CLIENT_ANNOUNCEMENTS = CLIENT_PREFIX + "announcements";

  /** Health probe every domain verticle answers: the gateway's readiness check uses it. */
  public static final String NODE_INFO = "system.node.info";

  // ---- realtime edge (gateway-verticle) ----

  /**
   * The one address a browser registers to receive everything meant for it: events of the chats
   * it belongs to, typing, presence, receipts. What reaches which socket is decided by the
   * gateway's local router, so one frame serves every recipient of a chat event.
   */
  public static final String CLIENT_EVENTS = CLIENT_PREFIX + "events";

  /**
   * Committed chat changes published to every gateway node: all of them, unless
   * {@code realtime.routeByInterest} is on; then those that change who belongs to a chat and those
   * of chats no node claimed, the others going to {@link #realtimeNode} addresses. Every gateway
   * node has exactly one consumer and dispatches to its local sockets.
   */
  public static final String CHAT_EVENTS = "chat.events";

  /**
   * The prefix of each gateway node's own chat-event address ({@link #realtimeNode}): the chat
   * service sends an event there, once per node, when {@link io.parley.shared.presence.ChatInterest}
   * says the node holds a member of the chat; it publishes on {@link #CHAT_EVENTS} only events that
   * change membership, and events of chats no node has claimed.
   */
  private static final String REALTIME_NODE_PREFIX = "realtime.node.";

  /**
   * Request to the chat service: the ids of the chats the user in {@link Headers#USER_ID} belongs
   * to, {@code {"chatIds":[…]}}. The gateway asks once when a user's first socket connects to a node.
   */
  public static final String CHAT_MEMBERSHIPS = "chat.memberships";

  /**
   * Ephemeral events (typing, presence) fanned out to every gateway node; never stored. Typing goes
   * instead to the nodes that claimed its chat ({@link #realtimeNodeEphemeral}) when any did.
   */
  public static final String REALTIME_EPHEMERAL = "realtime.ephemeral";

  /**
   * Events for named people rather than a chat's members (a story for its audience, a view for
   * its author), published once cluster-wide as an {@link io.parley.shared.event.AddressedEvent}
   * {@code {userIds:[…], event:{envelope}}}; each gateway node writes the event to the sockets of
   * those users it holds, as a frame on {@link #CLIENT_EVENTS}. The ids never reach a browser.
   */
  public static final String REALTIME_USERS = "realtime.users";

  /** Bridge command: present a fresh access token on an open connection. */
  public static final String REALTIME_AUTH = "realtime.auth";
  /** Bridge command: typing started or stopped in a chat. */
  public static final String REALTIME_TYPING = "realtime.typing";
  /** Bridge command: set my presence (online, away, busy) or report activity. */
  public static final String REALTIME_PRESENCE = "realtime.presence";
  /** Bridge command: a live-location position update, forwarded to {@link #CHAT_LOCATION_UPDATE}. */
  public static final String REALTIME_LOCATION = "realtime.location";

  /**
   * Service addresses a browser may send to through the bridge (request/reply), each forwarded
   * with the caller's verified identity. Every other address is refused.
   */
  public static final java.util.List<String> BRIDGE_SERVICE_COMMANDS = java.util.List.of(
    Address.CHAT_MESSAGE_SEND, Address.CHAT_MESSAGE_HISTORY, Address.CHAT_READ, Address.CHAT_DELIVERED,
    Address.CHAT_SYNC, Address.CHAT_CHANGES);

  // ---- auth service (auth-verticle) ----
  // Public: no caller identity needed.
  public static final String AUTH_REGISTER = "auth.register";
  public static final String AUTH_LOGIN = "auth.login";
  public static final String AUTH_REFRESH = "auth.refresh";
  // The rest act for the caller named by the stamped Headers.USER_ID / SESSION_ID.
  public static final String AUTH_LOGOUT = "auth.logout";
  public static final String AUTH_ME = "auth.me";
  public static final String AUTH_UPDATE_PROFILE = "auth.profile.update";
  public static final String AUTH_CHANGE_PASSWORD = "auth.password.change";
  public static final String AUTH_DELETE_ACCOUNT = "auth.account.delete";
  public static final String AUTH_SESSIONS_LIST = "auth.sessions.list";
  public static final String AUTH_SESSION_REVOKE = "auth.sessions.revoke";
  public static final String AUTH_SESSIONS_REVOKE_OTHERS = "auth.sessions.revokeOthers";
  public static final String AUTH_USERS_SEARCH = "auth.users.search";
  public static final String AUTH_USER_PROFILE = "auth.users.profile";
  public static final String AUTH_BLOCK = "auth.blocks.add";
  public static final String AUTH_UNBLOCK = "auth.blocks.remove";
  public static final String AUTH_BLOCKS_LIST = "auth.blocks.list";
  // Contacts (the people I added, with a local name) and finding people by phone number.
  /** My contacts, by their local name or display name: {@code {}} → {@code {items:[{user, name?, phone?, addedAt}]}}. */
  public static final String AUTH_CONTACTS_LIST = "auth.contacts.list";
  /** Add a person to my contacts, or rename them: {@code {userId, name?}}. */
  public static final String AUTH_CONTACT_ADD = "auth.contacts.add";
  /** Remove a person from my contacts (idempotent): {@code {userId}}. */
  public static final String AUTH_CONTACT_REMOVE = "auth.contacts.remove";
  /** The people who gave this exact phone number and let me find them by it, rate limited: {@code {phone}}. */
  public static final String AUTH_USERS_BY_PHONE = "auth.users.byPhone";

  /**
   * Published by the auth service after device sessions were revoked (sign-out, revocation,
   * password change, refresh-token reuse, account deletion): {@code {"userId","sessionIds":[…]}}.
   * Realtime connections of those sessions should close without waiting for token expiry.
   */
  public static final String AUTH_SESSIONS_REVOKED = "auth.sessions.revoked";

  /**
   * Published by the auth service when someone blocks or unblocks someone:
   * {@code {"blockerId","blockedId","blocked":true|false}}. Gateways apply it at once to live
   * presence and typing.
   */
  public static final String AUTH_BLOCKS_CHANGED = "auth.blocks.changed";

  // ---- moderation and administration (auth-verticle) ----
  // Server roles (admin, moderator) are checked by the auth service, in the same query that
  // verifies the caller's session; a plain user is refused with 403 auth.forbidden.

  /** Any member reports a message they can see or a user: {@code {subject:"message", chatId, seq, reason, note?}} or {@code {subject:"user", userId, reason, note?}}. */
  public static final String MODERATION_REPORT = "moderation.reports.create";
  /** Moderators: the queue, with each report's content and context: {@code {status?, before?, limit?}}. */
  public static final String MODERATION_REPORTS = "moderation.reports.list";
  /** Moderators act on a report: {@code {reportId, action, reason, hours?}} ({@code delete_message}, {@code warn}, {@code suspend}, {@code ban}, {@code dismiss}). */
  public static final String MODERATION_REPORT_ACT = "moderation.reports.act";
  /** Moderators act on a user directly: {@code {userId, action, reason, hours?}} ({@code warn}, {@code suspend}, {@code ban}, {@code reinstate}). */
  public static final String MODERATION_USER_ACT = "moderation.users.act";
  /** The warnings moderators gave me, newest first. */
  public static final String MODERATION_MY_WARNINGS = "moderation.warnings.mine";
  /** Admins: accounts with their roles and standing, {@code {q?, limit?}}. */
  public static final String ADMIN_USERS = "admin.users.list";
  /** Admins grant a server role: {@code {userId, role}}. */
  public static final String ADMIN_ROLE_GRANT = "admin.roles.grant";
  /** Admins revoke a server role: {@code {userId, role}}. */
  public static final String ADMIN_ROLE_REVOKE = "admin.roles.revoke";
  /** Admins: registration policy, account limit and retention. */
  public static final String ADMIN_SETTINGS_GET = "admin.settings.get";
  /** Admins change them: {@code {registration?, maxAccounts?, messageRetentionDays?, mediaRetentionDays?}} (0 = no limit). */
  public static final String ADMIN_SETTINGS_UPDATE = "admin.settings.update";
  /** Admins set one chat's retention: {@code {chatId, messageRetentionDays?, mediaRetentionDays?}} (null = the server's). */
  public static final String ADMIN_CHAT_RETENTION = "admin.chats.retention";
  /** Admins issue a sign-up invite code: {@code {expiresInHours?}}. */
  public static final String ADMIN_INVITE_CREATE = "admin.invites.create";
  /** Admins: the sign-up invite codes, newest first. */
  public static final String ADMIN_INVITES = "admin.invites.list";
  /** Admins publish a notice on {@link #CLIENT_ANNOUNCEMENTS} to everyone online: {@code {text}}. */
  public static final String ADMIN_ANNOUNCE = "admin.announcements.publish";
  /** Admins read the audit log, newest first: {@code {userId?, before?, limit?}}. */
  public static final String ADMIN_AUDIT = "admin.audit.list";
  /** My data (GDPR): profile, chats and my own messages as one JSON document. */
  public static final String AUTH_EXPORT = "auth.export";

  // ---- chat service (chat-verticle) ----
  // Every request acts for the caller named by the stamped Headers.USER_ID; ids of the chat,
  // message (by seq) or member concerned travel in the body (chatId, seq, userId). The service
  // publishes each committed change once on CHAT_EVENTS and answers CHAT_MEMBERSHIPS (see the
  // realtime section).

  /** {@code {type:"direct", userId}} or {@code {type:"group"|"channel", title, memberIds, public?}}. */
  public static final String CHAT_CREATE = "chat.create";
  /** My chats: pinned first, then by last activity; {@code {cursor?, limit?, archived?}}. */
  public static final String CHAT_LIST = "chat.list";
  /** One chat with my membership state. */
  public static final String CHAT_GET = "chat.get";
  /** Title, description, avatar (owner and admins). */
  public static final String CHAT_UPDATE = "chat.update";
  /** Join a public group or channel. */
  public static final String CHAT_JOIN = "chat.join";
  /** Leave a chat; an owner hands ownership to the oldest admin, else the oldest member. */
  public static final String CHAT_LEAVE = "chat.leave";
  /** My private settings of a chat: {@code {pinned?, mutedUntil?, archived?}}. */
  public static final String CHAT_SETTINGS = "chat.settings";
  public static final String CHAT_MEMBERS = "chat.members.list";
  public static final String CHAT_MEMBERS_ADD = "chat.members.add";
  public static final String CHAT_MEMBER_REMOVE = "chat.members.remove";
  /** Promote to admin or demote to member: {@code {chatId, userId, role}}. */
  public static final String CHAT_MEMBER_ROLE = "chat.members.role";
  public static final String CHAT_OWNER_TRANSFER = "chat.owner.transfer";

  /**
   * {@code {chatId, clientMessageId, kind, text | media:{id, caption?} | location, replyTo?, threadRoot?}};
   * a media's metadata comes from the media service ({@link #MEDIA_ATTACH}), never from the body.
   */
  public static final String CHAT_MESSAGE_SEND = "chat.messages.send";
  /**
   * Several sends of one caller, stored in the order given: {@code {messages:[send bodies]}},
   * answered {@code {results:[…]}}, one per send, in order (see {@link io.parley.shared.error.BusErrors#outcome}).
   * Only the realtime edge uses it, for the sends a connection pipelined; browsers never reach it.
   */
  public static final String CHAT_MESSAGE_SEND_BATCH = "chat.messages.sendBatch";
  /** {@code {chatId, after?, before?, limit?, thread?}}, in sequence order. */
  public static final String CHAT_MESSAGE_HISTORY = "chat.messages.history";
  public static final String CHAT_MESSAGE_EDIT = "chat.messages.edit";
  /** {@code {chatId, seq, scope:"me"|"everyone"}}. */
  public static final String CHAT_MESSAGE_DELETE = "chat.messages.delete";
  /** Delivery and read state of one of my messages, derived from the receipt watermarks. */
  public static final String CHAT_MESSAGE_RECEIPTS = "chat.messages.receipts";

  /** Toggle one of my reactions on a message: {@code {chatId, seq, emoji}}. */
  public static final String CHAT_MESSAGE_REACT = "chat.messages.react";
  /** Who reacted to a message, per emoji: {@code {chatId, seq}}. */
  public static final String CHAT_MESSAGE_REACTIONS = "chat.messages.reactions";
  /** Pin or unpin a message in the chat: {@code {chatId, seq, pinned}}. */
  public static final String CHAT_MESSAGE_PIN = "chat.messages.pin";
  /** The chat's pinned messages: {@code {chatId}}. */
  public static final String CHAT_PINNED = "chat.messages.pinned";
  /** Forward a message to another chat I may post in: {@code {chatId, seq, toChatId, clientMessageId}}. */
  public static final String CHAT_MESSAGE_FORWARD = "chat.messages.forward";
  /** Full-text search over my chats' messages, newest first: {@code {q, chatId?, cursor?, limit?}}. */
  public static final String CHAT_SEARCH = "chat.search";
  /** A chat's media messages, newest first: {@code {chatId, kind?, before?, limit?}}. */
  public static final String CHAT_MEDIA = "chat.media";

  /** Move my read watermark forward: {@code {chatId, seq}}. */
  public static final String CHAT_READ = "chat.receipts.read";
  /** Move my delivered watermark forward: {@code {chatId, seq}}. */
  public static final String CHAT_DELIVERED = "chat.receipts.delivered";

  /** Every change of all my chats since an opaque cursor: {@code {cursor?, limit?}}. */
  public static final String CHAT_SYNC = "chat.sync";
  /** Every change of one chat after a sequence number: {@code {chatId, after, limit?}}. */
  public static final String CHAT_CHANGES = "chat.changes";

  /**
   * Move my live location: {@code {chatId, messageSeq, latitude, longitude}}, while it is live.
   * The last position is kept on the message (not a numbered change) and published to the members
   * as {@code location.updated}. The realtime edge forwards {@link #REALTIME_LOCATION} here.
   */
  public static final String CHAT_LOCATION_UPDATE = "chat.location.update";
  /** Stop sharing my live location before its time: {@code {chatId, messageSeq}}; a numbered change. */
  public static final String CHAT_LOCATION_STOP = "chat.location.stop";

  /** Owner and admins create an invite link: {@code {chatId, expiresAt?, maxUses?}}. */
  public static final String CHAT_INVITE_CREATE = "chat.invites.create";
  /** A chat's invite links, newest first (owner and admins): {@code {chatId, limit?}}. */
  public static final String CHAT_INVITES = "chat.invites.list";
  /** Owner and admins revoke an invite link: {@code {chatId, token}}. */
  public static final String CHAT_INVITE_REVOKE = "chat.invites.revoke";
  /** What an invite link leads to, for anyone signed in: {@code {token}} → title, type, member count. */
  public static final String CHAT_INVITE_PREVIEW = "chat.invites.preview";
  /** Join the chat of an invite link: {@code {token}}. */
  public static final String CHAT_INVITE_JOIN = "chat.invites.join";
  /** Public groups and channels by title: {@code {q, cursor?, limit?}}. */
  public static final String CHAT_PUBLIC_SEARCH = "chat.public.search";

  /**
   * Service to service (the moderation service), never from a client: the message a report is
   * about, {@code {chatId, seq}}, with a few neighbours, if the stamped caller (the reporter) is a
   * member and can see it → {@code {message, before:[…], after:[…]}}.
   */
  public static final String CHAT_MODERATION_EXCERPT = "chat.moderation.excerpt";
  /**
   * Service to service, never from a client: delete a message for everyone on a moderator's
   * decision (already checked by the moderation service), {@code {chatId, seq, reason}} →
   * {@code {deleted}}. The same tombstone and {@code message.deleted} change as the sender's own
   * delete, so every device updates; the stamped caller is the moderator.
   */
  public static final String CHAT_MODERATION_DELETE = "chat.moderation.delete";
  /** Service to service, for the data export: the stamped caller's chats and own messages, {@code {limit?}}. */
  public static final String CHAT_EXPORT = "chat.export";

  // ---- media service (media-verticle) ----
  // Every request acts for the caller named by the stamped Headers.USER_ID; the media concerned
  // travels in the body as mediaId. Bytes never cross the bus: clients upload to and download
  // from the object store with pre-signed URLs (see media-verticle/README.md).

  /** Ask for an upload: {@code {kind, contentType, size, fileName?}} → a pending media and its signed PUT. */
  public static final String MEDIA_CREATE = "media.create";
  /** The bytes are uploaded: {@code {mediaId}} → checked, metadata and thumbnail made, ready (or 422). */
  public static final String MEDIA_COMPLETE = "media.complete";
  /** One media with short-lived download URLs, for someone allowed to see it: {@code {mediaId}}. */
  public static final String MEDIA_GET = "media.get";
  /** Drop one of my media no message, profile or chat uses (a cancelled or abandoned upload): {@code {mediaId}}. */
  public static final String MEDIA_DELETE = "media.delete";
  /**
   * Service to service (chat, auth), never from a client: the caller is about to reference one of
   * their own ready media, {@code {mediaId, kind}} (or {@code {mediaId, kinds:[…]}}, any of several) → its stored metadata
   * {@code {id, kind, mime, size, width?, height?, durationMs?, fileName?, thumbnail?}}. The media
   * is then kept for at least the unreferenced grace period, so the reference can commit.
   */
  public static final String MEDIA_ATTACH = "media.attach";

  /**
   * Service to service (the story service), never from a client: the story that referenced these
   * media of the caller's is gone, {@code {mediaIds:[…]}}; those nothing else references are
   * removed now (bytes, thumbnail, row), the rest are kept → {@code {released:[…]}}.
   */
  public static final String MEDIA_RELEASE = "media.release";

  // ---- stories (story-verticle) ----
  // Every request acts for the caller named by the stamped Headers.USER_ID; the story concerned
  // travels in the body as storyId. A story outside the caller's audience, expired or deleted is
  // 404 story.not_found everywhere. Events go to Topics.STORIES and live to REALTIME_USERS.

  /**
   * Post a story: {@code {media:{id}} | {text, background}}, {@code caption?},
   * {@code audience?:{type:"contacts"|"selected"|"contacts_except", userIds?}} → the story.
   */
  public static final String STORY_CREATE = "story.create";
  /** The active stories I may see, grouped by author, mine first, then authors with unseen ones: {@code {}}. */
  public static final String STORY_FEED = "story.feed";
  /** Record that I viewed a story (once per viewer): {@code {storyId}}. */
  public static final String STORY_VIEW = "story.view";
  /** Who viewed one of my stories, with when: {@code {storyId}} → {@code {items:[{userId, viewedAt}]}}. */
  public static final String STORY_VIEWERS = "story.viewers";
  /** Delete one of my stories: {@code {storyId}}. */
  public static final String STORY_DELETE = "story.delete";
  /**
   * Service to service (the chat service, before a story reply), never from a client: a story the
   * caller may see now, {@code {storyId}} → {@code {id, authorId, kind, media?, text?, background?,
   * caption?, createdAt, expiresAt}}; otherwise 404 {@code story.not_found}.
   */
  public static final String STORY_REFERENCE = "story.reference";

  // ---- notifications (notify-verticle) ----
  // Acts for the caller named by the stamped Headers.USER_ID, except the two public ones (the
  // VAPID key and a service worker's delivery receipt, which carries its own signed token).

  /** My notifications, newest first: {@code {before?, limit?}} → {@code {items, unread}}. */
  public static final String NOTIFY_LIST = "notify.list";
  /** Mark notifications read: {@code {ids:[…]}} or {@code {all:true}} → {@code {unread}}. */
  public static final String NOTIFY_READ = "notify.read";
  /** Delete one of my notifications: {@code {notificationId}}. */
  public static final String NOTIFY_DELETE = "notify.delete";
  /** My notification preferences: {@code {hidePreviews, reactions}}. */
  public static final String NOTIFY_SETTINGS_GET = "notify.settings.get";
  /** Change my notification preferences: {@code {hidePreviews?, reactions?}}. */
  public static final String NOTIFY_SETTINGS_UPDATE = "notify.settings.update";
  /** My notification setting of one chat: {@code {chatId}} → {@code {mode, mutedUntil?, hidePreviews}}. */
  public static final String NOTIFY_CHAT_SETTINGS_GET = "notify.chat.settings.get";
  /** Set it: {@code {chatId, mode:"all"|"mentions"|"none", mutedUntil?, hidePreviews?}}. */
  public static final String NOTIFY_CHAT_SETTINGS_UPDATE = "notify.chat.settings.update";
  /** Public: the server's VAPID public key, {@code {publicKey}} (base64url, uncompressed P-256 point). */
  public static final String NOTIFY_VAPID_KEY = "notify.push.vapidKey";
  /** Register this browser's push subscription: {@code {endpoint, keys:{p256dh, auth}}}. */
  public static final String NOTIFY_SUBSCRIBE = "notify.push.subscribe";
  /** Forget a push subscription of mine: {@code {endpoint}}. */
  public static final String NOTIFY_UNSUBSCRIBE = "notify.push.unsubscribe";
  /**
   * Public: a service worker received a push and reports the message delivered, with the signed
   * {@code receipt} the push carried (it names the user, chat and sequence number).
   */
  public static final String NOTIFY_PUSH_DELIVERED = "notify.push.delivered";

  private Address() {
  }

  /** The address on which the gateway node {@code nodeId} takes the chat events meant for its sockets. */
  public static String realtimeNode(String nodeId) {
    return REALTIME_NODE_PREFIX + nodeId;
  }

  /**
   * The address on which the gateway node {@code nodeId} takes a chat's ephemeral events (typing),
   * sent there when the node claimed the chat; otherwise they are published on {@link #REALTIME_EPHEMERAL}.
   */
  public static String realtimeNodeEphemeral(String nodeId) {
    return REALTIME_NODE_PREFIX + nodeId + ".ephemeral";
  }
}
