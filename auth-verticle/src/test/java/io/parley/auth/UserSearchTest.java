package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Finding people: by username prefix, by a word of the display name, despite typos; never those who blocked me. */
class UserSearchTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();
  /** Random letters in every name here, so searches see only this class's people. */
  private static String tribe;
  private static String me;

  @BeforeAll
  static void signUp() {
    tribe = randomLetters(6);
    me = harness.register(tribe + "_me").getString("accessToken");
  }

  @Test
  void findsByUsernamePrefixWithTheExactMatchFirst() {
    harness.register(tribe + "annabel");
    harness.register(tribe + "ann");
    harness.register(tribe + "anna");

    List<String> found = usernames(search(tribe.toUpperCase() + "ANN", 50));
    assertThat(found).startsWith(tribe + "ann", tribe + "anna", tribe + "annabel");
    assertThat(found).doesNotContain(tribe + "_me");
  }

  @Test
  void findsByAWordOfTheDisplayName() {
    String surname = randomLetters(9);
    harness.register(AuthHarness.registration(tribe + "_dn").put("displayName", "Marigold " + surname));

    List<String> found = usernames(search(surname.substring(0, 7), 20));
    assertThat(found).contains(tribe + "_dn");
  }

  @Test
  void findsDespiteATypo() {
    harness.register(tribe + "alexandra");
    assertThat(usernames(search(tribe + "alexnadra", 20))).contains(tribe + "alexandra");
  }

  @Test
  void leavesOutPeopleWhoBlockedMe() {
    JsonObject blocker = harness.register(tribe + "_blocker");
    harness.register(tribe + "_friendly");
    String myId = harness.get("/me", me).bodyAsJsonObject().getString("id");
    assertThat(harness.post("/blocks/" + myId, blocker.getString("accessToken"), null).statusCode()).isEqualTo(204);

    assertThat(usernames(search(tribe + "_", 50))).contains(tribe + "_friendly").doesNotContain(tribe + "_blocker");
    // Blocking is one-way: the blocker still finds me.
    assertThat(usernames(harness.get("/users?q=" + tribe + "_me", blocker.getString("accessToken")))).contains(tribe + "_me");

    harness.delete("/blocks/" + myId, blocker.getString("accessToken"));
    assertThat(usernames(search(tribe + "_", 50))).contains(tribe + "_blocker");
  }

  @Test
  void leavesOutDeletedAccounts() {
    JsonObject leaving = harness.register(tribe + "_leaving");
    assertThat(harness.delete("/me", leaving.getString("accessToken"),
      new JsonObject().put("password", AuthHarness.PASSWORD)).statusCode()).isEqualTo(204);
    assertThat(usernames(search(tribe + "_leav", 20))).isEmpty();
  }

  @Test
  void pagesThroughMatches() {
    String family = tribe + "pg";
    for (String name : List.of("a", "b", "c")) {
      harness.register(family + name);
    }
    JsonObject first = search(family, 2).bodyAsJsonObject();
    assertThat(usernames(first)).containsExactly(family + "a", family + "b");
    assertThat(first.getInteger("nextOffset")).isEqualTo(2);

    JsonObject second = harness.get("/users?q=" + family + "&limit=2&offset=2", me).bodyAsJsonObject();
    assertThat(usernames(second)).first().isEqualTo(family + "c");
    assertThat(second.getJsonArray("users").getJsonObject(0).fieldNames())
      .containsExactlyInAnyOrder("id", "username", "displayName", "avatarMediaId", "statusText");
  }

  @Test
  void wildcardsAreSearchedLiterally() {
    assertThat(usernames(search("%", 20))).isEmpty();
  }

  @Test
  void invalidSearchParametersAreRefused() {
    for (String query : List.of("", "?q=", "?q=%20%20", "?q=" + "x".repeat(65), "?q=ann&limit=0", "?q=ann&limit=51",
      "?q=ann&limit=ten", "?q=ann&offset=-1", "?q=ann&offset=501")) {
      HttpResponse<Buffer> response = harness.get("/users" + query, me);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(errorCode(response)).as(query).isEqualTo("request.invalid_parameter");
    }
  }

  private static HttpResponse<Buffer> search(String text, int limit) {
    return harness.get("/users?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&limit=" + limit, me);
  }

  private static List<String> usernames(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return usernames(response.bodyAsJsonObject());
  }

  private static List<String> usernames(JsonObject page) {
    return page.getJsonArray("users").stream().map(JsonObject.class::cast).map(user -> user.getString("username")).toList();
  }

  private static String randomLetters(int count) {
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < count; i++) {
      letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return letters.toString();
  }
}
