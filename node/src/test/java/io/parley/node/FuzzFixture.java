package io.parley.node;

import io.parley.shared.infra.Connections;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A small world for the fuzzers, on the JVM's {@link PermissiveNode}: two members of a group (one its owner) and a
 * stranger, a message, a live location and an invite link, whose ids the generators mix into
 * what they send; a snapshot of everything a refused request must leave as it was.
 */
final class FuzzFixture implements AutoCloseable {

  static final String PASSWORD = "correct horse battery staple";
  /** The tables whose rows a request may change (the audit log records failed sign-ins too, by design). */
  private static final String SNAPSHOT = """
      SELECT (SELECT count(*) FROM users) AS users,
             (SELECT count(*) FROM users WHERE deleted_at IS NULL) AS live_users,
             (SELECT count(*) FROM sessions WHERE revoked_at IS NULL) AS sessions,
             (SELECT count(*) FROM user_blocks) AS blocks,
             (SELECT count(*) FROM chats) AS chats,
             (SELECT coalesce(sum(last_seq), 0) FROM chats) AS seqs,
             (SELECT count(*) FROM chat_members WHERE left_at IS NULL) AS members,
             (SELECT count(*) FROM messages) AS messages,
             (SELECT count(*) FROM chat_invites) AS invites""";

  final Node node;
  final Vertx vertx;
  final WebClient http;
  final Set<String> codes = ErrorCodes.all();
  private final Pool pool;
  final List<String> users = new ArrayList<>();
  final List<String> tokens = new ArrayList<>();
  final List<String> usernames = new ArrayList<>();
  String group;
  long message;
  long liveLocation;
  String invite;
  List<String> sessions = new ArrayList<>();

  private FuzzFixture(Node node, Vertx vertx, String clientAddress) {
    this.node = node;
    this.vertx = vertx;
    // An address of its own: the sign-in and sign-up limits count per address in the JVM's one Redis.
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort())
      .setLocalAddress(clientAddress));
    this.pool = Connections.postgres(vertx, node.config());
  }

  /** A world of its own on the JVM's permissive node, its requests from {@code clientAddress}. */
  static FuzzFixture start(String clientAddress) throws Exception {
    FuzzFixture fixture = new FuzzFixture(PermissiveNode.acquire(), Vertx.vertx(), clientAddress);
    fixture.populate();
    return fixture;
  }

  private void populate() {
    for (String name : List.of("owner", "member", "stranger")) {
      String username = name + "_" + UUID.randomUUID().toString().substring(0, 8);
      JsonObject body = post("/api/v1/auth/register", null, new JsonObject().put("email", username + "@example.org")
        .put("username", username).put("password", PASSWORD).put("displayName", name)).bodyAsJsonObject();
      users.add(body.getJsonObject("user").getString("id"));
      tokens.add(body.getString("accessToken"));
      usernames.add(username);
    }
    group = post("/api/v1/chats", tokens.get(0), new JsonObject().put("type", "group").put("title", "fuzz")
      .put("memberIds", new JsonArray().add(users.get(1)))).bodyAsJsonObject().getString("id");
    message = post("/api/v1/chats/" + group + "/messages", tokens.get(1), new JsonObject().put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "text").put("text", "fuzz me")).bodyAsJsonObject().getLong("seq");
    liveLocation = post("/api/v1/chats/" + group + "/messages", tokens.get(0), new JsonObject().put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "live_location").put("location", new JsonObject().put("latitude", 1.0).put("longitude", 2.0)
        .put("liveUntil", Instant.now().plusSeconds(7_200).toString()))).bodyAsJsonObject().getLong("seq");
    invite = post("/api/v1/chats/" + group + "/invites", tokens.get(0), new JsonObject()).bodyAsJsonObject().getString("token");
  }

  /** Signs everyone in again whose session a fuzzed request ended (sign-out, revocation). */
  void renewRevokedTokens() {
    for (int i = 0; i < tokens.size(); i++) {
      if (http.get("/api/v1/me").putHeader("Authorization", "Bearer " + tokens.get(i)).send().await().statusCode() == 401) {
        HttpResponse<Buffer> login = post("/api/v1/auth/login", null, new JsonObject().put("login", usernames.get(i)).put("password", PASSWORD));
        if (login.statusCode() == 200) {
          tokens.set(i, login.bodyAsJsonObject().getString("accessToken"));
        }
      }
    }
  }

  /** What a refused request must leave unchanged. */
  JsonObject snapshot() {
    Row row = pool.query(SNAPSHOT).execute().await().iterator().next();
    return row.toJson();
  }

  HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    var request = http.post(path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.sendJsonObject(body).await();
  }

  /** The ids a generator may use: real ones of this world, which reach past validation into the rules. */
  List<String> knownIds() {
    List<String> ids = new ArrayList<>(users);
    ids.add(group);
    ids.add(invite);
    ids.add(String.valueOf(message));
    ids.add(String.valueOf(liveLocation));
    return ids;
  }

  /** Closes this world's clients and lets go of the node. */
  @Override
  public void close() {
    pool.close().await();
    vertx.close().await();
    PermissiveNode.release();
  }
}
