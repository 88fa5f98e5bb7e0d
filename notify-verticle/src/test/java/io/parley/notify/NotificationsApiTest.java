package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.notify.NotifyFixture.Person;
import io.parley.notify.TestPushService.Browser;
import io.parley.notify.push.P256;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.Topics;
import io.parley.testkit.Poll;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST contract of notifications, push subscriptions and chat settings, and every refusal. */
class NotificationsApiTest {

  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().build();

  @Test
  void theListIsNewestFirstInPagesWithTheUnreadCount() {
    Person bob = fixture.person("Bob");
    List<Person> senders = List.of(fixture.person("Ann"), fixture.person("Cy"), fixture.person("Di"));
    for (Person sender : senders) {
      fixture.send(sender, fixture.direct(sender, bob), "hi from " + sender.name());
      fixture.awaitStored(bob, senders.indexOf(sender) + 1);
    }

    JsonObject all = fixture.notifications(bob);
    assertThat(all.getLong("unread")).isEqualTo(3);
    List<JsonObject> items = all.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(items).extracting(item -> item.getString("title")).containsExactly("Di", "Cy", "Ann");
    JsonObject newest = items.get(0);
    assertThat(newest.fieldNames()).contains("id", "type", "chatId", "seq", "title", "body", "createdAt", "read");

    JsonObject first = page(bob, "?limit=2");
    assertThat(first.getJsonArray("items")).hasSize(2);
    String last = first.getJsonArray("items").getJsonObject(1).getString("id");
    JsonObject second = page(bob, "?limit=2&before=" + last);
    assertThat(second.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("title")))
      .containsExactly("Ann");
    assertThat(second.getLong("unread")).isEqualTo(3);
  }

  @Test
  void readingSomeOrAllAnswersTheUnreadCountAndTheCachedListFollows() {
    Person bob = fixture.person("Bob");
    Person ann = fixture.person("Ann");
    Person cy = fixture.person("Cy");
    fixture.send(ann, fixture.direct(ann, bob), "one");
    fixture.awaitStored(bob, 1);
    assertThat(fixture.notifications(bob).getLong("unread")).isEqualTo(1);
    fixture.send(cy, fixture.direct(cy, bob), "two");
    // The first list filled the cache; the new notification still shows.
    fixture.awaitStored(bob, 2);

    String newest = fixture.items(bob).get(0).getString("id");
    assertThat(post(bob, "/notifications/read", new JsonObject().put("ids", new JsonArray().add(newest))).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("unread", 1));
    assertThat(fixture.items(bob)).extracting(item -> item.getBoolean("read")).containsExactly(true, false);
    assertThat(post(bob, "/notifications/read", new JsonObject().put("all", true)).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("unread", 0));
    assertThat(fixture.items(bob)).extracting(item -> item.getBoolean("read")).containsExactly(true, true);
  }

  @Test
  void deletingRemovesOnlyMyOwn() {
    Person bob = fixture.person("Bob");
    Person ann = fixture.person("Ann");
    fixture.send(ann, fixture.direct(ann, bob), "delete me");
    fixture.awaitStored(bob, 1);
    String id = fixture.items(bob).get(0).getString("id");

    assertRefused(fixture.call(HttpMethod.DELETE, "/notifications/" + id, ann, null), 404, "notification.not_found");
    assertThat(fixture.items(bob)).hasSize(1);
    assertThat(fixture.call(HttpMethod.DELETE, "/notifications/" + id, bob, null).statusCode()).isEqualTo(204);
    assertThat(fixture.items(bob)).isEmpty();
    assertRefused(fixture.call(HttpMethod.DELETE, "/notifications/" + id, bob, null), 404, "notification.not_found");
    assertRefused(fixture.call(HttpMethod.DELETE, "/notifications/not-an-id", bob, null), 400, "request.invalid_parameter");
  }

  @Test
  void badListAndReadRequestsAreRefused() {
    Person bob = fixture.person("Bob");
    assertRefused(fixture.call(HttpMethod.GET, "/notifications?limit=0", bob, null), 400, "request.invalid_parameter");
    assertRefused(fixture.call(HttpMethod.GET, "/notifications?limit=101", bob, null), 400, "request.invalid_parameter");
    assertRefused(fixture.call(HttpMethod.GET, "/notifications?before=yesterday", bob, null), 400, "request.invalid_parameter");
    assertRefused(post(bob, "/notifications/read", new JsonObject()), 400, "request.invalid");
    assertRefused(post(bob, "/notifications/read", new JsonObject().put("ids", "all")), 400, "request.invalid");
    assertRefused(post(bob, "/notifications/read", new JsonObject().put("ids", new JsonArray().add("nope"))), 400,
      "request.invalid");
    assertRefused(post(bob, "/notifications/read", new JsonObject().put("ids", new JsonArray()).put("all", true)), 400,
      "request.invalid");
    assertRefused(fixture.call(HttpMethod.GET, "/notifications", null, null), 401, "auth.unauthenticated");
  }

  @Test
  void theVapidKeyIsAnUncompressedP256PointForAnyone() {
    HttpResponse<Buffer> answer = fixture.call(HttpMethod.GET, "/push/vapid-key", null, null);
    assertThat(answer.statusCode()).isEqualTo(200);
    String key = answer.bodyAsJsonObject().getString("publicKey");
    assertThat(key).matches("[A-Za-z0-9_-]{87}");
    assertThat(P256.encode(P256.publicKey(P256.fromBase64Url(key)))).isEqualTo(P256.fromBase64Url(key));
  }

  @Test
  void aSubscriptionIsStoredOncePerBrowserAndRemovedByItsOwner() {
    Person bob = fixture.person("Bob");
    Person eve = fixture.person("Eve");
    Browser browser = fixture.subscribe(bob);
    assertThat(post(bob, "/push/subscriptions", browser.subscriptionJson()).statusCode()).isEqualTo(201);
    assertThat(fixture.count("SELECT count(*) FROM push_subscriptions WHERE endpoint = $1", browser.endpoint())).isEqualTo(1);

    JsonObject endpoint = new JsonObject().put("endpoint", browser.endpoint());
    assertRefused(fixture.call(HttpMethod.DELETE, "/push/subscriptions", eve, endpoint), 404, "push.subscription_not_found");
    assertThat(fixture.call(HttpMethod.DELETE, "/push/subscriptions", bob, endpoint).statusCode()).isEqualTo(204);
    assertThat(fixture.count("SELECT count(*) FROM push_subscriptions WHERE endpoint = $1", browser.endpoint())).isZero();
    assertRefused(fixture.call(HttpMethod.DELETE, "/push/subscriptions", bob, endpoint), 404, "push.subscription_not_found");
  }

  @Test
  void subscriptionsWithBadEndpointsOrKeysAreRefusedAndStoreNothing() {
    Person bob = fixture.person("Bob");
    JsonObject good = fixture.push.newBrowser("refusals-" + UUID.randomUUID()).subscriptionJson();
    for (String endpoint : List.of("http://push.example.com/abc", "ftp://push.example.com/abc", "not a url",
      "https://10.1.2.3/push", "https://192.168.0.1/push", "https://[fd00::1]/push", "https://169.254.1.1/push",
      "https://push.example.com/" + "x".repeat(2100))) {
      assertRefused(post(bob, "/push/subscriptions", good.copy().put("endpoint", endpoint)), 400, "push.invalid_endpoint");
    }
    JsonObject keys = good.getJsonObject("keys");
    byte[] offCurve = P256.fromBase64Url(keys.getString("p256dh"));
    offCurve[40] ^= 1;
    for (JsonObject bad : List.of(
      keys.copy().put("p256dh", P256.base64Url(offCurve)),
      keys.copy().put("p256dh", "too-short"),
      keys.copy().put("auth", P256.base64Url(new byte[15])),
      keys.copy().put("auth", "not base64url!"),
      new JsonObject())) {
      assertRefused(post(bob, "/push/subscriptions", good.copy().put("keys", bad)), 400, "push.invalid_keys");
    }
    assertRefused(post(bob, "/push/subscriptions", good.copy().putNull("keys")), 400, "push.invalid_keys");
    assertRefused(fixture.call(HttpMethod.POST, "/push/subscriptions", null, good), 401, "auth.unauthenticated");
    assertThat(fixture.count("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", bob.id())).isZero();
  }

  @Test
  void aChatsSettingIsItsMembersOwnAndIsChecked() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person eve = fixture.person("Eve");
    UUID chat = fixture.group(alice, bob);
    String path = "/chats/" + chat + "/notifications";

    assertThat(fixture.call(HttpMethod.GET, path, bob, null).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("mode", "all").put("hidePreviews", false));
    JsonObject muted = fixture.call(HttpMethod.PUT, path, bob, new JsonObject().put("mode", "mentions")
      .put("mutedUntil", "2031-01-01T00:00:00Z").put("hidePreviews", true)).bodyAsJsonObject();
    assertThat(muted).isEqualTo(new JsonObject().put("mode", "mentions").put("hidePreviews", true)
      .put("mutedUntil", "2031-01-01T00:00:00Z"));
    assertThat(fixture.call(HttpMethod.GET, path, bob, null).bodyAsJsonObject()).isEqualTo(muted);

    assertRefused(fixture.call(HttpMethod.PUT, path, eve, new JsonObject().put("mode", "all")), 404, "chat.not_found");
    assertRefused(fixture.call(HttpMethod.GET, path, eve, null), 404, "chat.not_found");
    assertRefused(fixture.call(HttpMethod.PUT, path, bob, new JsonObject().put("mode", "loud")), 400, "request.invalid");
    assertRefused(fixture.call(HttpMethod.PUT, path, bob, new JsonObject()), 400, "request.invalid");
    assertRefused(fixture.call(HttpMethod.PUT, path, bob, new JsonObject().put("mode", "all").put("mutedUntil", "tomorrow")),
      400, "request.invalid");
    assertRefused(fixture.call(HttpMethod.PUT, "/chats/not-a-chat/notifications", bob, new JsonObject().put("mode", "all")),
      400, "request.invalid_parameter");
    assertThat(fixture.call(HttpMethod.GET, path, bob, null).bodyAsJsonObject()).isEqualTo(muted);
  }

  @Test
  void myPreferencesKeepWhatARequestLeavesOut() {
    Person bob = fixture.person("Bob");
    assertThat(fixture.call(HttpMethod.GET, "/notifications/settings", bob, null).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("hidePreviews", false).put("reactions", true));
    fixture.call(HttpMethod.PUT, "/notifications/settings", bob, new JsonObject().put("hidePreviews", true));
    assertThat(fixture.call(HttpMethod.PUT, "/notifications/settings", bob, new JsonObject().put("reactions", false))
      .bodyAsJsonObject()).isEqualTo(new JsonObject().put("hidePreviews", true).put("reactions", false));
    assertRefused(fixture.call(HttpMethod.PUT, "/notifications/settings", bob, new JsonObject().put("reactions", "no")),
      400, "request.invalid");
    assertThat(fixture.call(HttpMethod.GET, "/notifications/settings", bob, null).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("hidePreviews", true).put("reactions", false));
  }

  @Test
  void aDeletedAccountTakesItsNotificationsSubscriptionsAndSettingsWithIt() {
    Person bob = fixture.person("Bob");
    Person ann = fixture.person("Ann");
    fixture.subscribe(bob);
    fixture.call(HttpMethod.PUT, "/notifications/settings", bob, new JsonObject().put("hidePreviews", true));
    fixture.send(ann, fixture.direct(ann, bob), "soon gone");
    fixture.awaitStored(bob, 1);

    EventEnvelope deleted = new EventEnvelope(UUID.randomUUID().toString(), "user.deleted", Instant.now(),
      bob.id().toString(), new JsonObject().put("userId", bob.id().toString()), 1);
    fixture.produce(Topics.USERS, bob.id().toString(), deleted.toJson().encode());

    Poll.until(() -> fixture.count("SELECT count(*) FROM notifications WHERE user_id = $1", bob.id()) == 0
      && fixture.count("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", bob.id()) == 0
      && fixture.count("SELECT count(*) FROM notify_user_settings WHERE user_id = $1", bob.id()) == 0, NotifyFixture.WAIT);
  }

  private static JsonObject page(Person person, String query) {
    return fixture.call(HttpMethod.GET, "/notifications" + query, person, null).bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> post(Person person, String path, JsonObject body) {
    return fixture.call(HttpMethod.POST, path, person, body);
  }

  private static void assertRefused(HttpResponse<Buffer> answer, int status, String code) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
    assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
  }
}
