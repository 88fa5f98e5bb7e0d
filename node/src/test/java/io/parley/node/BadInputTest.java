package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inputs that answered 500 (or a plain-text 400) when fuzzed, each a stable repro: every one
 * gets a 4xx with the JSON error shape and a stable code, and changes nothing.
 */
class BadInputTest {

  private static final String FAR_FUTURE = "+294277-01-01T00:00:00Z";

  @RegisterExtension
  static final TestCluster single = TestCluster.single().build();
  private static Api api;
  private static Account alice;
  private static Account bob;
  private static String chat;

  @BeforeAll
  static void people() {
    api = new Api(single.vertx(), single.member(0).httpPort());
    alice = api.register("alice");
    bob = api.register("bob");
    chat = api.group(alice, List.of(bob));
  }

  @Test
  void aNulInTheSignInLoginIs400() {
    Reply reply = api.post("/api/v1/auth/login", null, "{\"login\":\"a\\u0000b\",\"password\":\"whatever it is\"}");
    assertError(reply, 400, "request.invalid");
  }

  @Test
  void aMutedUntilBeyondWhatPostgresCanStoreIs400() {
    Reply reply = api.call(HttpMethod.PUT, "/api/v1/chats/" + chat + "/settings", alice.token(),
      new JsonObject().put("mutedUntil", FAR_FUTURE));
    assertError(reply, 400, "request.invalid");
    assertThat(api.get("/api/v1/chats/" + chat, alice.token()).body().getValue("mutedUntil")).as("unchanged").isNull();
  }

  @Test
  void anInviteExpiringBeyondWhatPostgresCanStoreIs400() {
    Reply reply = api.post("/api/v1/chats/" + chat + "/invites", alice.token(), new JsonObject().put("expiresAt", FAR_FUTURE));
    assertError(reply, 400, "request.invalid");
    assertThat(api.get("/api/v1/chats/" + chat + "/invites", alice.token()).body().getJsonArray("items")).isEmpty();
  }

  @Test
  void cursorsWithATimeOutOfRangeAre400() {
    String chatList = cursor("u|" + FAR_FUTURE + "|" + UUID.randomUUID());
    String search = cursor(FAR_FUTURE + "|" + UUID.randomUUID() + "|1");
    assertError(api.get("/api/v1/chats?cursor=" + chatList, alice.token()), 400, "request.invalid_parameter");
    assertError(api.get("/api/v1/search?q=hello&cursor=" + search, alice.token()), 400, "request.invalid_parameter");
  }

  @Test
  void aMalformedPercentEncodingInTheQueryIsAJson400OnEveryRoute() {
    for (String path : List.of("/api/v1/presence", "/api/v1/chats/" + chat + "/members", "/api/v1/chats/" + chat + "/invites",
      "/api/v1/chats/" + chat + "/messages", "/api/v1/chats/" + chat + "/changes", "/api/v1/chats", "/api/v1/users")) {
      assertError(api.get(path + "?%ZZ=1", alice.token()), 400, "request.invalid_parameter");
    }
  }

  private static String cursor(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertError(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.raw().getHeader("Content-Type")).startsWith("application/json");
    assertThat(reply.errorCode()).as(reply.text()).isEqualTo(code);
  }
}
