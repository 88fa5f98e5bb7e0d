package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.UUID;

/** The REST API of one node as a test speaks it: a call, its status and its JSON body. */
final class Api {

  private final WebClient http;
  private final int port;

  Api(Vertx vertx, int port) {
    this(vertx, port, ClientAddresses.next());
  }

  /** A client whose connections come from {@code localAddress} (any of 127.0.0.0/8): another client address. */
  Api(Vertx vertx, int port, String localAddress) {
    this.http = WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress).setDefaultHost("127.0.0.1")
      .setDefaultPort(port).setUserAgent("parley-tests"));
    this.port = port;
  }

  int port() {
    return port;
  }

  /** The answer: status, and the body as JSON when there is one. */
  record Reply(int status, JsonObject body, String text, HttpResponse<Buffer> raw) {

    String errorCode() {
      return body == null || body.getJsonObject("error") == null ? null : body.getJsonObject("error").getString("code");
    }
  }

  /** A signed-in account: ids and tokens. */
  record Account(String id, String username, String token, String refreshToken, String sessionId) {
  }

  Reply call(HttpMethod method, String path, String token, Object body) {
    return request(method, path, token, body).await();
  }

  /** The same call without waiting: a test making several independent requests sends them together. */
  Future<Reply> request(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> request = http.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    Future<HttpResponse<Buffer>> response;
    if (body instanceof JsonObject json) {
      response = request.sendJsonObject(json);
    } else if (body instanceof String text) {
      response = request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(text));
    } else {
      response = request.send();
    }
    return response.map(Api::reply);
  }

  private static Reply reply(HttpResponse<Buffer> response) {
    String text = response.bodyAsString();
    JsonObject json = null;
    if (text != null && text.startsWith("{")) {
      try {
        json = new JsonObject(text);
      } catch (RuntimeException notJson) {
        json = null;
      }
    }
    return new Reply(response.statusCode(), json, text, response);
  }

  Reply get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  Reply post(String path, String token, Object body) {
    return call(HttpMethod.POST, path, token, body);
  }

  Account register(String prefix) {
    String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    Reply reply = post("/api/v1/auth/register", null, new JsonObject().put("email", username + "@example.org")
      .put("username", username).put("password", Users.PASSWORD).put("displayName", prefix));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return account(reply.body(), username);
  }

  Reply login(String login, String password) {
    return post("/api/v1/auth/login", null, new JsonObject().put("login", login).put("password", password));
  }

  static Account account(JsonObject signedIn, String username) {
    String token = signedIn.getString("accessToken");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
    return new Account(signedIn.getJsonObject("user").getString("id"), username, token,
      signedIn.getString("refreshToken"), new JsonObject(payload).getString("sid"));
  }

  String group(Account owner, List<Account> members) {
    Reply reply = post("/api/v1/chats", owner.token(), new JsonObject().put("type", "group").put("title", "a group")
      .put("memberIds", new JsonArray(members.stream().map(Account::id).toList())));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.body().getString("id");
  }

  String direct(Account me, Account other) {
    Reply reply = post("/api/v1/chats", me.token(), new JsonObject().put("type", "direct").put("userId", other.id()));
    assertThat(reply.status()).as(reply.text()).isIn(200, 201);
    return reply.body().getString("id");
  }

  long send(Account sender, String chatId, String text) {
    Reply reply = post("/api/v1/chats/" + chatId + "/messages", sender.token(), new JsonObject()
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", text));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.body().getLong("seq");
  }
}
