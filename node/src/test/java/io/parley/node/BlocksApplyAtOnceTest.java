package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Users.User;
import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A block applies to live signals the moment it is made, without anyone reconnecting: the blocked
 * person stops receiving the blocker's presence changes, and typing crosses the block in neither
 * direction. Absence is proved against a later event that does arrive on the same connection.
 */
class BlocksApplyAtOnceTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension
  static final TestCluster single = TestCluster.single().build();
  private static Node node;
  private static Api api;
  private static Users users;

  @BeforeAll
  static void clients() {
    node = single.member(0);
    api = new Api(single.vertx(), node.httpPort());
    users = new Users(single.vertx());
  }

  @Test
  void afterABlockTheBlockedSeesNoMorePresenceOfTheBlockerAndTypingCrossesNeitherWay() throws Exception {
    Account alice = api.register("alice");
    Account bob = api.register("bob");
    Account dave = api.register("dave");
    String direct = api.direct(alice, bob);
    String group = api.group(alice, List.of(bob, dave));
    try (BridgeClient aliceDevice = users.connect(node, user(alice));
         BridgeClient bobDevice = users.connect(node, user(bob));
         BridgeClient daveDevice = users.connect(node, user(dave))) {
      setStatus(aliceDevice, alice, "busy");
      assertThat(daveDevice.next(presence(alice, "busy"), WAIT)).as("the observer sees it").isNotNull();
      assertThat(bobDevice.next(presence(alice, "busy"), WAIT)).as("before the block, so does bob").isNotNull();
      // What reached bob before the block (alice's "online" of her own connect, when it comes
      // after bob's) is not what this test is about.
      bobDevice.drain();

      assertThat(api.post("/api/v1/blocks/" + bob.id(), alice.token(), null).status()).isEqualTo(204);

      setStatus(aliceDevice, alice, "online");
      assertThat(daveDevice.next(presence(alice, "online"), WAIT)).isNotNull();
      Users.request(bobDevice, user(bob), Address.REALTIME_AUTH, new JsonObject());
      assertThat(bobDevice.drain()).as("nothing of alice's presence after the block").noneMatch(presence(alice, null));

      typing(aliceDevice, alice, direct, true);
      typing(daveDevice, dave, group, true);
      assertThat(bobDevice.next(typingOf(dave, true), WAIT)).as("a later typing arrives").isNotNull();
      assertThat(bobDevice.drain()).as("alice's typing did not cross the block").noneMatch(typingOf(alice, true));

      aliceDevice.drain();
      typing(bobDevice, bob, direct, true);
      typing(daveDevice, dave, group, false);
      assertThat(aliceDevice.next(typingOf(dave, false), WAIT)).as("a later stop arrives").isNotNull();
      assertThat(aliceDevice.drain()).as("nor did bob's, the other way").noneMatch(typingOf(bob, true));
    }
  }

  private static User user(Account account) {
    return new User(account.id(), account.token());
  }

  private static void setStatus(BridgeClient device, Account who, String status) throws InterruptedException {
    Users.request(device, user(who), Address.REALTIME_PRESENCE, new JsonObject().put("status", status));
  }

  private static void typing(BridgeClient device, Account who, String chat, boolean typing) throws InterruptedException {
    Users.request(device, user(who), Address.REALTIME_TYPING, new JsonObject().put("chatId", chat).put("typing", typing));
  }

  private static Predicate<JsonObject> presence(Account of, String status) {
    return frame -> {
      JsonObject body = frame.getJsonObject("body");
      return body != null && "presence".equals(body.getString("type")) && of.id().equals(body.getString("userId"))
        && (status == null || status.equals(body.getString("status")));
    };
  }

  private static Predicate<JsonObject> typingOf(Account of, boolean typing) {
    return frame -> {
      JsonObject body = frame.getJsonObject("body");
      return body != null && "typing".equals(body.getString("type")) && of.id().equals(body.getString("userId"))
        && body.getBoolean("typing", false) == typing;
    };
  }
}
