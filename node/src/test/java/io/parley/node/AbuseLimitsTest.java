package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Actions fanned out to every member have a limit per user (edits, reactions, pins, renames,
 * live-location moves), and an attacker who spends an account's sign-in budget from their address
 * does not lock the owner out of theirs.
 */
class AbuseLimitsTest {

  private static final int BURST = 5;
  private static final int SIGN_INS = 3;

  @RegisterExtension
  static final TestCluster single = TestCluster.single()
    .config(ConfigKeys.CHAT_ACTION_RATE_BURST, BURST)
    .config(ConfigKeys.CHAT_ACTION_RATE_PER_MINUTE, 1)
    .config(ConfigKeys.AUTH_SIGN_IN_PER_ACCOUNT, SIGN_INS)
    .build();
  private static Api api;

  @BeforeAll
  static void client() {
    api = new Api(single.vertx(), single.member(0).httpPort());
  }

  @Test
  void editsReactionsPinsRenamesAndLocationMovesAreLimitedPerUserAndKind() {
    Account alice = api.register("alice");
    Account bob = api.register("bob");
    String chat = api.group(alice, List.of(bob));
    long seq = api.send(alice, chat, "to be edited");
    Reply live = api.post("/api/v1/chats/" + chat + "/messages", alice.token(), new JsonObject()
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "live_location")
      .put("location", new JsonObject().put("latitude", 1.0).put("longitude", 2.0).put("liveUntil",
        java.time.Instant.now().plusSeconds(3_600).toString())));
    assertThat(live.status()).as(live.text()).isEqualTo(201);
    long liveSeq = live.body().getLong("seq");

    List<Function<Integer, Reply>> actions = List.of(
      i -> api.call(HttpMethod.PATCH, "/api/v1/chats/" + chat + "/messages/" + seq, alice.token(), new JsonObject().put("text", "edit " + i)),
      i -> api.post("/api/v1/chats/" + chat + "/messages/" + seq + "/reactions", alice.token(), new JsonObject().put("emoji", "👍")),
      i -> api.call(HttpMethod.PUT, "/api/v1/chats/" + chat + "/messages/" + seq + "/pin", alice.token(), new JsonObject().put("pinned", i % 2 == 0)),
      i -> api.call(HttpMethod.PATCH, "/api/v1/chats/" + chat, alice.token(), new JsonObject().put("title", "title " + i)),
      i -> api.post("/api/v1/chats/" + chat + "/messages/" + liveSeq + "/location", alice.token(),
        new JsonObject().put("latitude", 1.0 + i / 100.0).put("longitude", 2.0)));
    for (Function<Integer, Reply> action : actions) {
      for (int i = 0; i < BURST; i++) {
        Reply allowed = action.apply(i);
        assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);
      }
      Reply limited = action.apply(BURST);
      assertThat(limited.status()).as(limited.text()).isEqualTo(429);
      assertThat(limited.errorCode()).isEqualTo("request.rate_limited");
      assertThat(limited.raw().getHeader("Retry-After")).isNotBlank();
    }
    long changesBefore = api.get("/api/v1/chats/" + chat, alice.token()).body().getLong("lastSeq");
    assertThat(api.post("/api/v1/chats/" + chat + "/messages/" + seq + "/reactions", alice.token(),
      new JsonObject().put("emoji", "🎉")).status()).isEqualTo(429);
    assertThat(api.get("/api/v1/chats/" + chat, alice.token()).body().getLong("lastSeq")).as("a refused action changes nothing")
      .isEqualTo(changesBefore);
    assertThat(api.post("/api/v1/chats/" + chat + "/messages/" + seq + "/reactions", bob.token(),
      new JsonObject().put("emoji", "🎉")).status()).as("another member has a budget of their own").isEqualTo(200);
  }

  @Test
  void anAttackerSpendingAnAccountsSignInBudgetDoesNotLockTheOwnerOut() {
    Account owner = api.register("owner");
    Api attacker = new Api(single.vertx(), api.port(), "127.0.0.7");
    for (int i = 0; i < SIGN_INS; i++) {
      assertThat(attacker.login(owner.username(), "not the password " + i).status()).isEqualTo(401);
    }
    assertThat(attacker.login(owner.username(), Users.PASSWORD).status()).as("the attacker's address is locked").isEqualTo(429);
    Reply ownSignIn = api.login(owner.username(), Users.PASSWORD);
    assertThat(ownSignIn.status()).as("the owner, from their own address, " + ownSignIn.text()).isEqualTo(200);
  }
}
