package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthVerticle;
import io.parley.notify.NotifyFixture.Person;
import io.parley.notify.TestPushService.Browser;
import io.parley.shared.Address;
import io.parley.testkit.Poll;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who is told what, through the real path (chat service, outbox, Kafka, notify). An absence is
 * only asserted once a witness in the same chat (so the same partition, handled in order) got
 * the notification of the same or a later event: then the decision about the absent one was made.
 */
class WhoIsToldTest {

  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().deploy(AuthVerticle::new).build();

  @Test
  void beingAddedToAGroupIsToldWithWhoDidIt() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person dave = fixture.person("Dave");
    UUID chat = fixture.group(alice, bob);
    fixture.ask(alice, Address.CHAT_MEMBERS_ADD, new JsonObject().put("chatId", chat.toString())
      .put("userIds", new JsonArray().add(dave.id().toString())));

    fixture.awaitStored(bob, 1);
    fixture.awaitStored(dave, 1);
    for (Person added : List.of(bob, dave)) {
      JsonObject item = fixture.items(added).get(0);
      assertThat(item.getString("type")).isEqualTo("added");
      assertThat(item.getString("title")).isEqualTo("Group of Alice");
      assertThat(item.getString("body")).isEqualTo("Alice added you to the group");
      assertThat(item.getString("chatId")).isEqualTo(chat.toString());
    }
    assertThat(fixture.items(alice)).isEmpty();
  }

  @Test
  void aMutedChatTellsNothingUntilTheMuteEnds() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    UUID chat = fixture.group(alice, bob, carol);
    setChat(bob, chat, new JsonObject().put("mode", "all").put("mutedUntil", Instant.now().plus(1, ChronoUnit.HOURS).toString()));

    fixture.send(alice, chat, "@" + bob.username() + " even a mention stays quiet");
    awaitMessage(carol, 1);
    assertThat(messages(bob)).isEmpty();

    setChat(bob, chat, new JsonObject().put("mode", "all"));
    fixture.send(alice, chat, "and now it is heard");
    awaitMessage(bob, 1);
    assertThat(messages(bob).get(0).getString("body")).isEqualTo("Alice: and now it is heard");
  }

  @Test
  void mentionsModeTellsOnlyWhatIsAboutMe() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    UUID chat = fixture.group(alice, bob, carol);
    setChat(bob, chat, new JsonObject().put("mode", "mentions"));

    fixture.send(alice, chat, "general chatter");
    long mine = fixture.send(bob, chat, "my own message");
    fixture.send(carol, chat, new JsonObject().put("text", "answering Bob").put("replyTo", mine));
    fixture.send(alice, chat, "hey @" + bob.username() + " look");

    Poll.until(() -> messages(bob).stream().anyMatch(item -> item.getString("type").equals("mention")), NotifyFixture.WAIT);
    // One row per chat: the reply and the mention, never the chatter.
    JsonObject item = messages(bob).get(0);
    assertThat(messages(bob)).hasSize(1);
    assertThat(item.getInteger("count")).isEqualTo(2);
    assertThat(item.getString("body")).isEqualTo("2 new messages");
  }

  @Test
  void modeNoneTellsNothingEvenOfMentions() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    UUID chat = fixture.group(alice, bob, carol);
    setChat(bob, chat, new JsonObject().put("mode", "none"));
    assertThat(fixture.call(HttpMethod.GET, "/chats/" + chat + "/notifications", bob, null).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("mode", "none").put("hidePreviews", false));

    fixture.send(alice, chat, "@" + bob.username() + " you will not hear this");

    awaitMessage(carol, 1);
    assertThat(messages(bob)).isEmpty();
  }

  @Test
  void whoeverBlockedTheSenderOrLeftTheChatIsNeverTold() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    Person erin = fixture.person("Erin");
    UUID chat = fixture.group(alice, bob, carol, erin);
    fixture.block(bob, alice);
    fixture.ask(erin, Address.CHAT_LEAVE, new JsonObject().put("chatId", chat.toString()));

    fixture.send(alice, chat, "anyone?");

    awaitMessage(carol, 1);
    assertThat(messages(bob)).isEmpty();
    assertThat(messages(erin)).isEmpty();
  }

  @Test
  void aReactionToMyMessageIsToldUnlessITurnedReactionsOff() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    UUID chat = fixture.direct(alice, bob);
    long seq = fixture.send(bob, chat, "The report is done");
    fixture.ask(alice, Address.CHAT_MESSAGE_REACT, new JsonObject().put("chatId", chat.toString()).put("seq", seq)
      .put("emoji", "👍"));

    Poll.until(() -> fixture.items(bob).stream().anyMatch(item -> item.getString("type").equals("reaction")), NotifyFixture.WAIT);
    JsonObject reaction = fixture.items(bob).stream().filter(item -> item.getString("type").equals("reaction")).findFirst()
      .orElseThrow();
    assertThat(reaction.getString("body")).isEqualTo("Alice reacted 👍 to \u201cThe report is done\u201d");
    assertThat(reaction.getString("title")).isEqualTo("Alice");

    assertThat(fixture.call(HttpMethod.PUT, "/notifications/settings", bob, new JsonObject().put("reactions", false))
      .bodyAsJsonObject()).isEqualTo(new JsonObject().put("hidePreviews", false).put("reactions", false));
    fixture.ask(alice, Address.CHAT_MESSAGE_REACT, new JsonObject().put("chatId", chat.toString()).put("seq", seq)
      .put("emoji", "🎉"));
    fixture.send(alice, chat, "great");
    awaitMessage(bob, 1);
    assertThat(fixture.items(bob).stream().filter(item -> item.getString("type").equals("reaction"))).hasSize(1);
  }

  @Test
  void aNewSignInIsPushedToTheAccountsOtherBrowsersOnly() {
    String username = "signer" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject registered = fixture.call(HttpMethod.POST, "/auth/register", null, new JsonObject().put("username", username)
      .put("email", username + "@example.org").put("password", "correct horse battery staple").put("displayName", "Sig"))
      .bodyAsJsonObject();
    Browser home = subscribeWith(registered.getString("accessToken"), username + "-home");

    // The laptop's browser subscribes before notify reads the sign-in, which is then told only to home.
    fixture.stopNotify();
    Browser work;
    try {
      JsonObject laptop = login(username, "Work laptop");
      work = fixture.push.newBrowser(username + "-work");
      insertSubscription(registered.getJsonObject("user").getString("id"), sessionOf(laptop.getString("accessToken")), work);
    } finally {
      fixture.startNotify();
    }

    Poll.until(() -> fixture.push.pushesTo(home.id()).size() == 1, NotifyFixture.WAIT);
    JsonObject payload = fixture.push.pushesTo(home.id()).get(0).payload();
    assertThat(payload.getString("type")).isEqualTo("sign_in");
    assertThat(payload.getString("title")).isEqualTo("New sign-in to your account");
    assertThat(payload.getString("body")).startsWith("Signed in on Work laptop.");
    assertThat(payload.containsKey("receipt")).isFalse();
    // The push is finished only after every subscription it went to answered.
    Poll.until(() -> fixture.count("SELECT count(*) FROM push_schedule WHERE user_id = $1 AND push_key = 'signin'"
      + " AND leased_until IS NULL AND due_at IS NULL", UUID.fromString(registered.getJsonObject("user").getString("id"))) == 1,
      NotifyFixture.WAIT);
    assertThat(fixture.push.attemptsAt(work.id())).isZero();
  }

  @Test
  void theServiceWorkersReceiptMarksTheMessageDeliveredAndAForgedOneIsRefused() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Browser browser = fixture.subscribe(bob);
    UUID chat = fixture.direct(alice, bob);
    long seq = fixture.send(alice, chat, "did you get this?");
    Poll.until(() -> fixture.push.pushesTo(browser.id()).size() == 1, NotifyFixture.WAIT);
    String receipt = fixture.push.pushesTo(browser.id()).get(0).payload().getString("receipt");
    assertThat(status(alice, chat, seq)).isEqualTo("sent");

    String forged = receipt.substring(0, receipt.length() - 2) + (receipt.endsWith("AA") ? "BB" : "AA");
    HttpResponse<Buffer> refused = fixture.call(HttpMethod.POST, "/push/delivered", null, new JsonObject().put("receipt", forged));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("push.invalid_receipt");
    assertThat(status(alice, chat, seq)).isEqualTo("sent");

    HttpResponse<Buffer> accepted = fixture.call(HttpMethod.POST, "/push/delivered", null, new JsonObject().put("receipt", receipt));
    assertThat(accepted.statusCode()).isEqualTo(204);
    assertThat(status(alice, chat, seq)).isEqualTo("delivered");
  }

  // ---- helpers ----

  private static void setChat(Person person, UUID chat, JsonObject setting) {
    HttpResponse<Buffer> answer = fixture.call(HttpMethod.PUT, "/chats/" + chat + "/notifications", person, setting);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
  }

  private static List<JsonObject> messages(Person person) {
    return fixture.items(person).stream().filter(item -> !item.getString("type").equals("added")).toList();
  }

  private static void awaitMessage(Person person, int atLeast) {
    Poll.until(() -> messages(person).size() >= atLeast, NotifyFixture.WAIT);
  }

  private static String status(Person sender, UUID chat, long seq) {
    return fixture.ask(sender, Address.CHAT_MESSAGE_RECEIPTS, new JsonObject().put("chatId", chat.toString()).put("seq", seq))
      .getString("status");
  }

  private static JsonObject login(String username, String device) {
    return fixture.call(HttpMethod.POST, "/auth/login", null, new JsonObject().put("login", username)
      .put("password", "correct horse battery staple").put("deviceName", device)).bodyAsJsonObject();
  }

  private static String sessionOf(String accessToken) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
      java.nio.charset.StandardCharsets.UTF_8)).getString("sid");
  }

  /** What a subscribe through the API stores, written while the notify service is stopped. */
  private static void insertSubscription(String userId, String sessionId, Browser browser) {
    JsonObject keys = browser.subscriptionJson().getJsonObject("keys");
    fixture.pool.preparedQuery("""
        INSERT INTO push_subscriptions (id, user_id, session_id, endpoint, p256dh, auth, created_at)
        VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now())""")
      .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(userId), UUID.fromString(sessionId), browser.endpoint(),
        Buffer.buffer(io.parley.notify.push.P256.fromBase64Url(keys.getString("p256dh"))),
        Buffer.buffer(io.parley.notify.push.P256.fromBase64Url(keys.getString("auth"))))).await();
  }

  private static Browser subscribeWith(String accessToken, String id) {
    Browser browser = fixture.push.newBrowser(id);
    int status = fixture.http().post("/api/v1/push/subscriptions").putHeader("Authorization", "Bearer " + accessToken)
      .sendJsonObject(browser.subscriptionJson()).await().statusCode();
    assertThat(status).isEqualTo(201);
    return browser;
  }
}
