package io.parley.node;

import static io.parley.node.AuthorizationMatrixTest.Role.ANYONE;
import static io.parley.node.AuthorizationMatrixTest.Role.AUTHOR;
import static io.parley.node.AuthorizationMatrixTest.Role.MANAGERS;
import static io.parley.node.AuthorizationMatrixTest.Role.MEMBERS;

import io.parley.node.Api.Account;
import io.parley.node.AuthorizationMatrixTest.Role;
import io.parley.shared.Address;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/** The rows of the authorization matrix: each REST route and bridge command, with who may. */
final class MatrixRows {

  private MatrixRows() {
  }

  /** A REST operation: its route, a query, who may, and its body in a scene. */
  record Row(String method, String route, String query, boolean signedIn, Set<Role> allowed, boolean ownAccount,
             BiFunction<Scene, Account, JsonObject> bodyOf) {

    String key() {
      return method + " " + route;
    }

    String path(Scene scene, Account caller) {
      String path = route
        .replace(":chatId", route.startsWith("/chats/:chatId/messages") && query.contains("direct") ? scene.direct() : scene.group())
        .replace(":seq", String.valueOf(scene.message()))
        .replace(":messageSeq", String.valueOf(scene.liveLocation()))
        .replace(":userId", scene.target().id())
        .replace(":token", scene.invite())
        .replace(":sessionId", caller.sessionId())
        .replace(":mediaId", scene.media())
        .replace(":reportId", UUID.nameUUIDFromBytes(scene.group().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
        .replace(":role", "moderator")
        // Nobody has a notification of this id: 404 to everyone, as someone else's.
        .replace(":notificationId", UUID.randomUUID().toString())
        // The scene holds no story: an unknown one is 404 to everyone, as one outside its audience.
        .replace(":storyId", UUID.randomUUID().toString());
      return "/api/v1" + path + (query.isEmpty() || query.equals("direct") ? "" : "?" + query);
    }

    JsonObject body(Scene scene, Account caller) {
      return bodyOf == null ? null : bodyOf.apply(scene, caller);
    }
  }

  /** A bridge command: its address, who may, and its body. */
  record Command(String address, Set<Role> allowed, BiFunction<Scene, Account, JsonObject> bodyOf) {

    JsonObject body(Scene scene, Account caller) {
      return bodyOf.apply(scene, caller);
    }
  }

  /**
   * Server roles are none of the chat roles the matrix's callers have: every one of them is a plain
   * user here (the moderation and admin tests prove what staff may).
   */
  private static final Set<Role> STAFF_ONLY = EnumSet.noneOf(Role.class);

  private static Row row(String method, String route, Set<Role> allowed) {
    return new Row(method, route, "", true, allowed, false, null);
  }

  private static Row row(String method, String route, Set<Role> allowed, BiFunction<Scene, Account, JsonObject> body) {
    return new Row(method, route, "", true, allowed, false, body);
  }

  private static Row query(String method, String route, String query, Set<Role> allowed) {
    return new Row(method, route, query, true, allowed, false, null);
  }

  private static Row own(String method, String route, BiFunction<Scene, Account, JsonObject> body) {
    return new Row(method, route, "", true, ANYONE, true, body);
  }

  private static Row open(String method, String route, BiFunction<Scene, Account, JsonObject> body) {
    return new Row(method, route, "", false, EnumSet.allOf(Role.class), false, body);
  }

  /** A browser's push subscription: a push service's URL and a real P-256 key, as PushSubscription.toJSON() gives. */
  private static JsonObject subscription() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      ECPoint point = ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
      byte[] uncompressed = new byte[65];
      uncompressed[0] = 4;
      copyUnsigned(point.getAffineX().toByteArray(), uncompressed, 1);
      copyUnsigned(point.getAffineY().toByteArray(), uncompressed, 33);
      Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
      return new JsonObject().put("endpoint", "https://push.example.net/send/" + UUID.randomUUID())
        .put("keys", new JsonObject().put("p256dh", base64.encodeToString(uncompressed))
          .put("auth", base64.encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.UTF_8))));
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException(unavailable);
    }
  }

  /** A coordinate as its 32 bytes, without the sign byte BigInteger may add or the zeros it may drop. */
  private static void copyUnsigned(byte[] coordinate, byte[] into, int at) {
    int length = Math.min(coordinate.length, 32);
    System.arraycopy(coordinate, coordinate.length - length, into, at + 32 - length, length);
  }

  private static JsonObject send(Scene scene) {
    return new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "matrix");
  }

  static final List<Row> REST = List.of(
    open("POST", "/auth/register", (s, a) -> new JsonObject().put("username", "m" + UUID.randomUUID().toString().substring(0, 8))
      .put("email", UUID.randomUUID() + "@example.org").put("password", Users.PASSWORD).put("displayName", "Matrix")),
    open("POST", "/auth/login", (s, a) -> new JsonObject().put("login", s.target().username()).put("password", Users.PASSWORD)),
    open("POST", "/auth/refresh", (s, a) -> new JsonObject().put("refreshToken", s.target().refreshToken())),
    open("GET", "/auth/jwks", null),
    own("POST", "/auth/logout", null),
    row("GET", "/me", ANYONE),
    own("PATCH", "/me", (s, a) -> new JsonObject().put("displayName", "Renamed")),
    own("DELETE", "/me", (s, a) -> new JsonObject().put("password", Users.PASSWORD)),
    own("POST", "/me/password", (s, a) -> new JsonObject().put("currentPassword", Users.PASSWORD)
      .put("newPassword", "another correct horse battery")),
    row("GET", "/sessions", ANYONE),
    own("DELETE", "/sessions", null),
    own("DELETE", "/sessions/:sessionId", null),
    query("GET", "/users", "q=target", ANYONE),
    row("GET", "/users/:userId", ANYONE),
    row("GET", "/blocks", ANYONE),
    row("GET", "/contacts", ANYONE),
    row("POST", "/contacts", ANYONE, (s, a) -> new JsonObject().put("userId", s.target().id())),
    row("DELETE", "/contacts/:userId", ANYONE),
    row("POST", "/users/lookup", ANYONE, (s, a) -> new JsonObject().put("phone", "+441632960001")),
    row("POST", "/blocks/:userId", ANYONE),
    row("DELETE", "/blocks/:userId", ANYONE),
    query("GET", "/presence", "userIds=" + UUID.randomUUID(), ANYONE),
    row("GET", "/me/warnings", ANYONE),
    row("GET", "/me/export", ANYONE),
    // Each caller reports the scene's target once (a second open report of the same would be a 409).
    row("POST", "/reports", ANYONE, (s, a) -> new JsonObject().put("subject", "user").put("userId", s.target().id())
      .put("reason", "spam")),
    // Moderation and the admin area: no chat role opens them; a plain user gets 403 auth.forbidden.
    query("GET", "/moderation/reports", "status=open", STAFF_ONLY),
    row("POST", "/moderation/reports/:reportId/actions", STAFF_ONLY, (s, a) -> new JsonObject().put("action", "dismiss")
      .put("reason", "matrix")),
    row("POST", "/moderation/users/:userId/actions", STAFF_ONLY, (s, a) -> new JsonObject().put("action", "warn")
      .put("reason", "matrix")),
    query("GET", "/admin/users", "q=target", STAFF_ONLY),
    row("PUT", "/admin/users/:userId/roles/:role", STAFF_ONLY),
    row("DELETE", "/admin/users/:userId/roles/:role", STAFF_ONLY),
    row("GET", "/admin/settings", STAFF_ONLY),
    row("PUT", "/admin/settings", STAFF_ONLY, (s, a) -> new JsonObject().put("registration", "closed")),
    row("PUT", "/admin/chats/:chatId/retention", STAFF_ONLY, (s, a) -> new JsonObject().put("messageRetentionDays", 1)),
    row("POST", "/admin/invites", STAFF_ONLY, (s, a) -> new JsonObject()),
    row("GET", "/admin/invites", STAFF_ONLY),
    row("POST", "/admin/announcements", STAFF_ONLY, (s, a) -> new JsonObject().put("text", "matrix")),
    query("GET", "/admin/audit", "limit=5", STAFF_ONLY),
    row("POST", "/chats", ANYONE, (s, a) -> new JsonObject().put("type", "group").put("title", "another")),
    row("GET", "/chats", ANYONE),
    query("GET", "/chats/public", "q=matrix", ANYONE),
    row("GET", "/chats/:chatId", MEMBERS),
    row("PATCH", "/chats/:chatId", MANAGERS, (s, a) -> new JsonObject().put("title", "renamed")),
    row("PUT", "/chats/:chatId/settings", MEMBERS, (s, a) -> new JsonObject().put("archived", true)),
    // Only public chats are joined this way: a private group answers 404 to everyone, members included.
    row("POST", "/chats/:chatId/join", EnumSet.noneOf(Role.class)),
    row("POST", "/chats/:chatId/leave", MEMBERS),
    row("GET", "/chats/:chatId/members", MEMBERS),
    row("POST", "/chats/:chatId/members", MANAGERS, (s, a) -> new JsonObject().put("userIds", new JsonArray().add(s.target().id()))),
    row("DELETE", "/chats/:chatId/members/:userId", MANAGERS),
    row("PUT", "/chats/:chatId/members/:userId/role", MANAGERS, (s, a) -> new JsonObject().put("role", "admin")),
    row("POST", "/chats/:chatId/owner", EnumSet.of(Role.OWNER), (s, a) -> new JsonObject().put("userId", s.target().id())),
    row("POST", "/chats/:chatId/invites", MANAGERS, (s, a) -> new JsonObject()),
    row("GET", "/chats/:chatId/invites", MANAGERS),
    row("DELETE", "/chats/:chatId/invites/:token", MANAGERS),
    row("GET", "/invites/:token", ANYONE),
    row("POST", "/invites/:token/join", ANYONE),
    row("POST", "/chats/:chatId/messages", MEMBERS, (s, a) -> send(s)),
    // The direct chat of the owner and the person they blocked: neither may send.
    new Row("POST", "/chats/:chatId/messages", "direct", true, EnumSet.noneOf(Role.class), false, (s, a) -> send(s)),
    row("GET", "/chats/:chatId/messages", MEMBERS),
    row("PATCH", "/chats/:chatId/messages/:seq", AUTHOR, (s, a) -> new JsonObject().put("text", "edited")),
    query("DELETE", "/chats/:chatId/messages/:seq", "scope=everyone", EnumSet.of(Role.OWNER, Role.ADMIN, Role.MEMBER)),
    row("GET", "/chats/:chatId/messages/:seq/receipts", AUTHOR),
    row("POST", "/chats/:chatId/messages/:seq/reactions", MEMBERS, (s, a) -> new JsonObject().put("emoji", "👍")),
    row("GET", "/chats/:chatId/messages/:seq/reactions", MEMBERS),
    row("PUT", "/chats/:chatId/messages/:seq/pin", MANAGERS, (s, a) -> new JsonObject().put("pinned", true)),
    row("GET", "/chats/:chatId/pins", MEMBERS),
    row("POST", "/chats/:chatId/messages/:seq/forward", MEMBERS, (s, a) -> new JsonObject().put("toChatId", s.group())
      .put("clientMessageId", UUID.randomUUID().toString())),
    row("POST", "/chats/:chatId/messages/:messageSeq/location", AUTHOR, (s, a) -> new JsonObject().put("latitude", 48.2).put("longitude", 11.6)),
    row("DELETE", "/chats/:chatId/messages/:messageSeq/location", AUTHOR),
    row("GET", "/chats/:chatId/media", MEMBERS),
    query("GET", "/search", "q=matrix", ANYONE),
    row("POST", "/chats/:chatId/read", MEMBERS, (s, a) -> new JsonObject().put("seq", s.message())),
    row("POST", "/chats/:chatId/delivered", MEMBERS, (s, a) -> new JsonObject().put("seq", s.message())),
    query("GET", "/chats/:chatId/changes", "after=0", MEMBERS),
    row("GET", "/sync", ANYONE),
    row("POST", "/sync", ANYONE, (s, a) -> new JsonObject()),
    row("POST", "/media", ANYONE, (s, a) -> new JsonObject().put("kind", "image").put("contentType", "image/png").put("size", 500)),
    // The member asked for the upload but sent no bytes: nobody may complete it (the uploader gets a conflict).
    row("POST", "/media/:mediaId/complete", EnumSet.noneOf(Role.class)),
    row("GET", "/media/:mediaId", AUTHOR),
    row("DELETE", "/media/:mediaId", AUTHOR),
    row("POST", "/stories", ANYONE, (s, a) -> new JsonObject().put("text", "matrix").put("background", "#123456")),
    row("GET", "/stories", ANYONE),
    row("POST", "/stories/:storyId/views", EnumSet.noneOf(Role.class)),
    row("GET", "/stories/:storyId/views", EnumSet.noneOf(Role.class)),
    row("DELETE", "/stories/:storyId", EnumSet.noneOf(Role.class)),
    row("GET", "/notifications", ANYONE),
    row("POST", "/notifications/read", ANYONE, (s, a) -> new JsonObject().put("all", true)),
    row("GET", "/notifications/settings", ANYONE),
    row("PUT", "/notifications/settings", ANYONE, (s, a) -> new JsonObject().put("hidePreviews", true)),
    row("DELETE", "/notifications/:notificationId", EnumSet.noneOf(Role.class)),
    row("GET", "/chats/:chatId/notifications", MEMBERS),
    row("PUT", "/chats/:chatId/notifications", MEMBERS, (s, a) -> new JsonObject().put("mode", "mentions")),
    open("GET", "/push/vapid-key", null),
    row("POST", "/push/subscriptions", ANYONE, (s, a) -> subscription()),
    // Nobody has a subscription with a fresh endpoint.
    row("DELETE", "/push/subscriptions", EnumSet.noneOf(Role.class), (s, a) -> new JsonObject()
      .put("endpoint", "https://push.example.net/send/" + UUID.randomUUID())),
    // Only a receipt a push carried proves a delivery; a made-up one is refused whoever sends it.
    new Row("POST", "/push/delivered", "", false, EnumSet.noneOf(Role.class), false,
      (s, a) -> new JsonObject().put("receipt", "made-up")),
    open("GET", "/openapi.json", null));

  static final List<Command> BRIDGE = List.of(
    new Command(Address.REALTIME_AUTH, ANYONE, (s, a) -> new JsonObject()),
    new Command(Address.REALTIME_PRESENCE, ANYONE, (s, a) -> new JsonObject().put("status", "busy")),
    new Command(Address.REALTIME_TYPING, MEMBERS, (s, a) -> new JsonObject().put("chatId", s.group()).put("typing", true)),
    new Command(Address.REALTIME_LOCATION, AUTHOR, (s, a) -> new JsonObject().put("chatId", s.group())
      .put("messageSeq", s.liveLocation()).put("latitude", 1.5).put("longitude", 2.5)),
    new Command(Address.CHAT_MESSAGE_SEND, MEMBERS, (s, a) -> send(s).put("chatId", s.group())),
    new Command(Address.CHAT_MESSAGE_HISTORY, MEMBERS, (s, a) -> new JsonObject().put("chatId", s.group())),
    new Command(Address.CHAT_READ, MEMBERS, (s, a) -> new JsonObject().put("chatId", s.group()).put("seq", s.message())),
    new Command(Address.CHAT_DELIVERED, MEMBERS, (s, a) -> new JsonObject().put("chatId", s.group()).put("seq", s.message())),
    new Command(Address.CHAT_SYNC, ANYONE, (s, a) -> new JsonObject()),
    new Command(Address.CHAT_CHANGES, MEMBERS, (s, a) -> new JsonObject().put("chatId", s.group()).put("after", 0)));
}
