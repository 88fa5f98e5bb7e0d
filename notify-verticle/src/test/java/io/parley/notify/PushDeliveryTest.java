package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.notify.NotifyFixture.Person;
import io.parley.notify.TestPushService.Browser;
import io.parley.notify.TestPushService.Push;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.metrics.Meters;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real protocol end to end: a message sent through the chat service reaches Kafka through the
 * outbox, the notify consumer stores a notification and schedules a push, and the push arrives at
 * the test push service VAPID-signed and encrypted for the recipient's browser alone.
 */
class PushDeliveryTest {

  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().build();

  @Test
  void aDirectMessageReachesTheAwayRecipientsBrowserSignedAndEncrypted() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser bobsBrowser = fixture.subscribe(bob);
    UUID chat = fixture.direct(alice, bob);

    long seq = fixture.send(alice, chat, "Lunch at noon?");

    Poll.until(() -> fixture.push.pushesTo(bobsBrowser.id()).size() == 1, NotifyFixture.WAIT);
    Push push = fixture.push.pushesTo(bobsBrowser.id()).get(0);
    JsonObject payload = push.payload();
    assertThat(payload.getString("type")).isEqualTo("message");
    assertThat(payload.getString("title")).isEqualTo("Alice");
    assertThat(payload.getString("sender")).isEqualTo("Alice");
    assertThat(payload.getString("body")).isEqualTo("Lunch at noon?");
    assertThat(payload.getString("chatId")).isEqualTo(chat.toString());
    assertThat(payload.getLong("seq")).isEqualTo(seq);
    assertThat(payload.getString("url")).isEqualTo("/#/chat/" + chat);
    assertThat(payload.getString("tag")).isEqualTo("chat:" + chat);
    assertThat(payload.getString("receipt")).isNotBlank();
    assertThat(push.headers().get("Urgency")).isEqualTo("high");
    assertThat(push.headers().get("TTL")).isEqualTo("86400");
    assertThat(push.vapidClaims().getString("sub")).isEqualTo("mailto:admin@localhost");
    assertThat(fixture.push.refusals()).isEmpty();

    List<JsonObject> stored = fixture.items(bob);
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).getString("body")).isEqualTo("Lunch at noon?");
    assertThat(stored.get(0).getBoolean("read")).isFalse();
    assertThat(fixture.notifications(bob).getLong("unread")).isEqualTo(1);
  }

  @Test
  void theSenderIsNeverTold() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser alicesBrowser = fixture.subscribe(alice);
    Browser bobsBrowser = fixture.subscribe(bob);
    UUID chat = fixture.group(alice, bob);

    fixture.send(alice, chat, "Hello group");

    Poll.until(() -> fixture.push.messagePushesTo(bobsBrowser.id()).size() == 1, NotifyFixture.WAIT);
    assertThat(fixture.push.messagePushesTo(bobsBrowser.id()).get(0).payload().getString("body")).isEqualTo("Alice: Hello group");
    assertThat(fixture.push.attemptsAt(alicesBrowser.id())).isZero();
    assertThat(fixture.items(alice)).isEmpty();
  }

  @Test
  void aRecipientWithAConnectedDeviceGetsNoPushAndNothingStored() throws Exception {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    Browser bobsBrowser = fixture.subscribe(bob);
    Browser carolsBrowser = fixture.subscribe(carol);
    UUID chat = fixture.group(alice, bob, carol);
    Poll.until(() -> fixture.push.pushesTo(bobsBrowser.id()).size() == 1, NotifyFixture.WAIT);

    try (BridgeClient bobOnline = fixture.online(bob)) {
      fixture.send(alice, chat, "Who is around?");
      // Carol is away: her push proves the event was handled, Bob's absence that it was by rule.
      Poll.until(() -> fixture.push.messagePushesTo(carolsBrowser.id()).size() == 1, NotifyFixture.WAIT);
      assertThat(fixture.push.messagePushesTo(bobsBrowser.id())).isEmpty();
      assertThat(fixture.items(bob)).extracting(item -> item.getString("type")).containsExactly("added");
    }
  }

  @Test
  void aGoneSubscriptionIsRemovedAndTheOthersStillGetThePush() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser oldLaptop = fixture.subscribe(bob);
    Browser phone = fixture.subscribe(bob);
    fixture.push.answer(oldLaptop.id(), 410);
    UUID chat = fixture.direct(alice, bob);
    double sent = results("sent");
    double expired = results("expired");

    fixture.send(alice, chat, "Are you there?");

    Poll.until(() -> fixture.push.pushesTo(phone.id()).size() == 1, NotifyFixture.WAIT);
    Poll.until(() -> fixture.count("SELECT count(*) FROM push_subscriptions WHERE endpoint = $1", oldLaptop.endpoint()) == 0,
      NotifyFixture.WAIT);
    assertThat(fixture.push.attemptsAt(oldLaptop.id())).isEqualTo(1);
    assertThat(fixture.count("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", bob.id())).isEqualTo(1);
    Poll.until(() -> results("sent") == sent + 1, NotifyFixture.WAIT);
    assertThat(results("expired")).as("parley_push_results_total{result=expired}").isEqualTo(expired + 1);
  }

  @Test
  void tooManyRequestsAndServerErrorsAreRetriedAndTheFailuresRecorded() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser browser = fixture.subscribe(bob);
    fixture.push.answer(browser.id(), 429, 503);
    UUID chat = fixture.direct(alice, bob);

    fixture.send(alice, chat, "Third time lucky");

    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 1, NotifyFixture.WAIT);
    assertThat(fixture.push.attemptsAt(browser.id())).isEqualTo(3);
    Poll.until(() -> fixture.count("SELECT count(*) FROM push_subscriptions WHERE endpoint = $1 AND failures = 0 "
      + "AND last_success_at IS NOT NULL", browser.endpoint()) == 1, NotifyFixture.WAIT);
  }

  @Test
  void aPushServiceThatKeepsRefusingIsRecordedAsAFailure() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser browser = fixture.subscribe(bob);
    fixture.push.answer(browser.id(), 500, 500, 500, 500, 500);
    UUID chat = fixture.direct(alice, bob);
    double failed = results("failed");

    fixture.send(alice, chat, "Nobody home");

    Poll.until(() -> fixture.count("SELECT count(*) FROM push_subscriptions WHERE endpoint = $1 AND failures = 1 "
      + "AND last_error LIKE '500%'", browser.endpoint()) == 1, NotifyFixture.WAIT);
    assertThat(fixture.push.attemptsAt(browser.id())).isEqualTo(5);
    assertThat(fixture.push.pushesTo(browser.id())).isEmpty();
    assertThat(results("failed")).as("one result after five attempts").isEqualTo(failed + 1);
  }

  @Test
  void hiddenPreviewsCarryNoMessageText() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser browser = fixture.subscribe(bob);
    assertThat(fixture.call(HttpMethod.PUT, "/notifications/settings", bob, new JsonObject().put("hidePreviews", true))
      .statusCode()).isEqualTo(200);
    UUID chat = fixture.direct(alice, bob);

    fixture.send(alice, chat, "the secret is 4711");

    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 1, NotifyFixture.WAIT);
    JsonObject payload = fixture.push.pushesTo(browser.id()).get(0).payload();
    assertThat(payload.encode()).doesNotContain("4711").doesNotContain("secret");
    assertThat(payload.getString("body")).isEqualTo("New message");
    assertThat(fixture.items(bob).get(0).encode()).doesNotContain("4711");
  }

  /** {@code parley_push_results_total{result}} of the notify service under test. */
  private static double results(String result) {
    return NodeServices.of(fixture.vertx()).metrics().get(Meters.PUSH_RESULTS).tag("result", result).counter().count();
  }
}
