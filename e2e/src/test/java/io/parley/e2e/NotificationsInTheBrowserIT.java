package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.notify.TestPushService;
import io.parley.notify.TestPushService.Browser;
import io.parley.notify.TestPushService.Push;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.presence.PresenceKeys;
import io.parley.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Notifications for someone away, in real browsers: Bob turns them on in settings, closes his tab,
 * Alice writes. The server sends the real Web Push request (VAPID-signed, encrypted for Bob's
 * subscription) to the test push service, which checks and opens it; the push then reaches Bob's
 * service worker as Chromium delivers pushes (a DevTools push event, since an offline Chromium
 * reaches no real push service). The worker shows the notification and reports the message
 * delivered, so Alice's ticks say so while Bob's tab is still closed; back in the app, the bell
 * counts it and its address opens the chat.
 *
 * <p>Only the browser vendor's push service is stood in for: Bob's page hands the app a
 * subscription whose endpoint is the test push service, with keys the test holds.
 */
class NotificationsInTheBrowserIT {

  @RegisterExtension
  static final BrowserScenario scenario = BrowserScenario.withNode(config -> {
    Config.set(config, ConfigKeys.NOTIFY_PUSH_ALLOW_LOOPBACK_HTTP, true);
    // A closed tab counts as away a moment later, not after the default grace.
    Config.set(config, ConfigKeys.REALTIME_PRESENCE_GRACE_MS, 200);
  });

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Vertx vertx;
  private static Redis redis;
  private static TestPushService push;
  private static String vapidKey;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    redis = Connections.redis(vertx, scenario.node().config());
    vapidKey = new JsonObject(HttpClient.newHttpClient().send(
      HttpRequest.newBuilder(URI.create(scenario.baseUrl() + "/api/v1/push/vapid-key")).build(), HttpResponse.BodyHandlers.ofString())
      .body()).getString("publicKey");
    push = new TestPushService(vertx, vapidKey);
  }

  @AfterAll
  static void stop() {
    push.close();
    vertx.close().await();
  }

  @Test
  void aPushReachesTheServiceWorkerWithTheTabClosedMarksTheMessageDeliveredAndOpensTheChat() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    alice.openDirectChatWith(bob);
    alice.send("Hi Bob, quick question later");
    bob.openChat(alice.displayName);
    bob.waitForMessages(List.of("Hi Bob, quick question later"));

    Browser browser = push.newBrowser("bob-chromium");
    turnOnNotifications(bob, browser);
    assertThat(bob.js("return window.parleyPushKey")).as("subscribed with the server's key").isEqualTo(vapidKey);
    bob.screenshot("40-notification-settings");

    String bobsId = userId(bob);
    bob.driver().get("about:blank");
    Poll.until(() -> !PresenceKeys.connected(redis.send(PresenceKeys.connectedNodes(bobsId, System.currentTimeMillis())).await()),
      WAIT);

    alice.send("Are you there, Bob?");
    Poll.until(() -> push.pushesTo(browser.id()).stream().anyMatch(NotificationsInTheBrowserIT::isTheQuestion), WAIT);
    assertThat(push.refusals()).isEmpty();
    Push received = push.pushesTo(browser.id()).stream().filter(NotificationsInTheBrowserIT::isTheQuestion).findFirst().orElseThrow();
    assertThat(received.payload().getString("title")).isEqualTo("Alice Martin");
    assertThat(alice.tickOf("Are you there, Bob?")).isEqualTo("sent");

    try (ServiceWorkerPush worker = ServiceWorkerPush.of(bob.driver())) {
      worker.deliver(scenario.baseUrl(), received.payload().encode());
    }
    alice.waitFor(() -> "delivered".equals(alice.tickOf("Are you there, Bob?")), "delivered, with Bob's tab still closed");

    bob.driver().get(scenario.baseUrl() + "/");
    bob.waitFor(() -> bob.present(".app-shell"), "the app");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shown = (List<Map<String, Object>>) ((JavascriptExecutor) bob.driver()).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        navigator.serviceWorker.ready.then((r) => r.getNotifications())
          .then((list) => done(list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url }))),
            (error) => done([{ error: String(error) }]));""");
    String chatUrl = received.payload().getString("url");
    assertThat(shown).anySatisfy(notification -> {
      assertThat(notification.get("title")).isEqualTo("Alice Martin");
      assertThat(notification.get("body")).isEqualTo("Are you there, Bob?");
      assertThat(notification.get("tag")).isEqualTo(received.payload().getString("tag"));
      assertThat(notification.get("url")).isEqualTo(chatUrl);
    });

    bob.waitFor(() -> "1".equals(bob.js("const b = document.querySelector('.bell-badge'); return b && !b.hidden ? b.textContent : null")),
      "the bell counting the notification");
    bob.screenshot("41-bell");
    bob.driver().findElement(By.cssSelector(".bell")).click();
    bob.waitFor(() -> bob.present("dialog[open] .notification.unread"), "the notifications list");
    assertThat(bob.driver().findElement(By.cssSelector("dialog[open] .notification-body")).getText()).isEqualTo("Are you there, Bob?");
    bob.screenshot("42-notifications");
    bob.driver().findElement(By.cssSelector("dialog[open] .notification-open")).click();
    bob.waitForConversationTitle(alice.displayName);
    assertThat(chatUrl).startsWith("/#/chat/");
    assertThat(bob.js("return location.hash")).isEqualTo(chatUrl.substring(1));
    bob.waitFor(() -> Boolean.TRUE.equals(bob.js("return document.querySelector('.bell-badge').hidden")), "the bell cleared");
    alice.waitFor(() -> "read".equals(alice.tickOf("Are you there, Bob?")), "read once Bob opened the chat");

    // Bob quiets this chat from its info: the setting is his, kept by the server.
    bob.driver().findElement(By.cssSelector(".conv-body:not([hidden]) .icon-button[aria-label='Chat info']")).click();
    bob.waitFor(() -> bob.present("dialog[open] .notify-mode:not([disabled])"), "the chat's notification setting");
    new org.openqa.selenium.support.ui.Select(bob.driver().findElement(By.cssSelector("dialog[open] .notify-mode")))
      .selectByValue("none");
    String chatId = chatUrl.substring("/#/chat/".length());
    Poll.until(() -> "none".equals(chatSetting(bob, chatId).getString("mode")), WAIT);
    bob.screenshot("43-chat-notifications");
  }

  private static JsonObject chatSetting(Person person, String chatId) {
    try {
      String token = String.valueOf(person.js("return JSON.parse(localStorage.getItem('parley.session')).accessToken"));
      return new JsonObject(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(scenario.baseUrl() + "/api/v1/chats/" + chatId + "/notifications")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isTheQuestion(Push push) {
    return "Are you there, Bob?".equals(push.payload().getString("body"));
  }

  /**
   * Allows notifications for the app's origin (the prompt a person would answer), hands the page
   * a push subscription at the test push service in place of the browser vendor's, and turns
   * notifications on from the settings, as a person would.
   */
  private void turnOnNotifications(Person person, Browser browser) {
    person.driver().executeCdpCommand("Browser.grantPermissions",
      Map.of("origin", scenario.baseUrl(), "permissions", List.of("notifications")));
    person.js("""
        const subscription = JSON.parse(arguments[0]);
        let current = null;
        const toBase64Url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
          .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
        PushManager.prototype.getSubscription = async function () { return current; };
        PushManager.prototype.subscribe = async function (options) {
          window.parleyPushKey = toBase64Url(options.applicationServerKey);
          current = { endpoint: subscription.endpoint, options: { applicationServerKey: options.applicationServerKey },
            toJSON: () => subscription, unsubscribe: async () => { current = null; return true; } };
          return current;
        };""", browser.subscriptionJson().encode());
    person.driver().findElement(By.cssSelector(".me-button")).click();
    person.waitFor(() -> person.present("dialog[open] .segment[data-section=notifications]"), "the settings");
    person.driver().findElement(By.cssSelector("dialog[open] .segment[data-section=notifications]")).click();
    person.waitFor(() -> person.present("dialog[open] .push-toggle"), "the notification settings");
    person.driver().findElement(By.cssSelector("dialog[open] .push-toggle")).click();
    person.waitFor(() -> person.present("dialog[open] .push-status[data-state=on]"), "notifications on");
  }

  private static String userId(Person person) {
    return String.valueOf(person.js("return JSON.parse(localStorage.getItem('parley.session') || 'null')?.user?.id || null"));
  }
}
