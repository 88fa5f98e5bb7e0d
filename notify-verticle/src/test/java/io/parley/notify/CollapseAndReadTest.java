package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.notify.NotifyFixture.Person;
import io.parley.notify.TestPushService.Browser;
import io.parley.notify.TestPushService.Push;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.Poll;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bursts collapse into one push per chat and window; a read on any device clears what is pending. */
class CollapseAndReadTest {

  private static final long WINDOW_MS = 3_000;
  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().config(ConfigKeys.NOTIFY_COLLAPSE_WINDOW_MS, WINDOW_MS).build();

  @Test
  void aBurstIsOnePushNowAndOneSayingHowManyAfterTheWindow() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser browser = fixture.subscribe(bob);
    UUID chat = fixture.direct(alice, bob);

    fixture.send(alice, chat, "one");
    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 1, NotifyFixture.WAIT);
    fixture.send(alice, chat, "two");
    fixture.send(alice, chat, "three");

    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 2, NotifyFixture.WAIT);
    awaitNothingWaiting(bob, chat);
    List<Push> pushes = fixture.push.pushesTo(browser.id());
    assertThat(pushes).hasSize(2);
    Push first = pushes.get(0);
    Push second = pushes.get(1);
    assertThat(first.payload().getString("body")).isEqualTo("one");
    assertThat(second.payload().getString("body")).isEqualTo("3 new messages");
    assertThat(second.payload().getInteger("count")).isEqualTo(3);
    assertThat(second.payload().getString("tag")).isEqualTo(first.payload().getString("tag"));
    assertThat(second.headers().get("Topic")).isEqualTo(first.headers().get("Topic"));
    assertThat(Duration.between(first.at(), second.at())).isGreaterThanOrEqualTo(Duration.ofMillis(WINDOW_MS - 500));

    List<JsonObject> stored = fixture.items(bob);
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).getInteger("count")).isEqualTo(3);
    assertThat(stored.get(0).getString("body")).isEqualTo("3 new messages");
  }

  @Test
  void aReadOnAnyDeviceClearsThePendingNotificationAndItsWaitingPush() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser browser = fixture.subscribe(bob);
    UUID chat = fixture.direct(alice, bob);

    fixture.send(alice, chat, "first");
    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 1, NotifyFixture.WAIT);
    long second = fixture.send(alice, chat, "second");
    Poll.until(() -> fixture.items(bob).get(0).getInteger("count") == 2, NotifyFixture.WAIT);

    fixture.read(bob, chat, second);

    Poll.until(() -> fixture.notifications(bob).getLong("unread") == 0, NotifyFixture.WAIT);
    assertThat(fixture.items(bob).get(0).getBoolean("read")).isTrue();
    awaitNothingWaiting(bob, chat);
    assertThat(fixture.push.pushesTo(browser.id())).hasSize(1);

    fixture.send(alice, chat, "after reading");
    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 2, NotifyFixture.WAIT);
    assertThat(fixture.push.pushesTo(browser.id()).get(1).payload().getString("body")).isEqualTo("after reading");
    List<JsonObject> stored = fixture.items(bob);
    assertThat(stored).extracting(item -> item.getBoolean("read")).containsExactly(false, true);
    assertThat(stored.get(0).getInteger("count")).isEqualTo(1);
  }

  @Test
  void readingANotificationInTheListAlsoTakesBackItsWaitingPush() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser browser = fixture.subscribe(bob);
    UUID chat = fixture.direct(alice, bob);
    fixture.send(alice, chat, "first");
    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 1, NotifyFixture.WAIT);
    fixture.send(alice, chat, "second");
    Poll.until(() -> fixture.items(bob).get(0).getInteger("count") == 2, NotifyFixture.WAIT);

    String id = fixture.items(bob).get(0).getString("id");
    JsonObject answer = fixture.call(io.vertx.core.http.HttpMethod.POST, "/notifications/read", bob,
      new JsonObject().put("ids", new io.vertx.core.json.JsonArray().add(id))).bodyAsJsonObject();

    assertThat(answer).isEqualTo(new JsonObject().put("unread", 0));
    awaitNothingWaiting(bob, chat);
    assertThat(fixture.push.pushesTo(browser.id())).hasSize(1);
  }

  @Test
  void aReadBetweenTwoMessagesOfOneBatchClearsOnlyWhatCameBeforeIt() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    UUID chat = fixture.direct(alice, bob);

    // Notify stopped, so the three events wait in Kafka and are read as one batch.
    fixture.stopNotify();
    try {
      long first = fixture.send(alice, chat, "before the read");
      fixture.read(bob, chat, first);
      fixture.send(alice, chat, "after the read");
    } finally {
      fixture.startNotify();
    }

    Poll.until(() -> fixture.items(bob).size() == 2, NotifyFixture.WAIT);
    List<JsonObject> stored = fixture.items(bob);
    assertThat(stored).extracting(item -> item.getString("body")).containsExactly("after the read", "before the read");
    assertThat(stored).extracting(item -> item.getBoolean("read")).containsExactly(false, true);
    assertThat(fixture.notifications(bob).getLong("unread")).isEqualTo(1);
  }

  /** The chat's push schedule row holds nothing waiting and no lease: no further push will go. */
  private static void awaitNothingWaiting(Person person, UUID chat) {
    Poll.until(() -> fixture.count("SELECT count(*) FROM push_schedule WHERE user_id = $1 AND push_key = $2"
      + " AND due_at IS NULL AND leased_until IS NULL", person.id(), "chat:" + chat) == 1, NotifyFixture.WAIT);
  }
}
