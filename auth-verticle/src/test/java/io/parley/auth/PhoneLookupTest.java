package io.parley.auth;

import static io.parley.auth.ContactsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Finding people by exact phone number: only those whose visibility lets the caller, never across
 * a block, and few enough lookups per user and per address that a phone book cannot be walked.
 * Each test speaks from loopback addresses of its own (127.x.y.z), so the per-address counts are its own.
 */
class PhoneLookupTest {

  private static final int PER_USER = 5;
  private static final int PER_ADDRESS = 8;
  private static final int WINDOW_SECONDS = 600;

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth()
    .config(new JsonObject().put("auth", new JsonObject().put("phoneLookup", new JsonObject()
      .put("perUser", PER_USER).put("perAddress", PER_ADDRESS).put("windowSeconds", WINDOW_SECONDS))))
    .build();

  private record Person(String id, String token) {
  }

  private static Person person(String prefix, String phone, String visibility) {
    JsonObject registered = harness.register(AuthHarness.uniqueName(prefix));
    Person person = new Person(registered.getJsonObject("user").getString("id"), registered.getString("accessToken"));
    if (phone != null) {
      assertThat(harness.patch("/me", person.token(), new JsonObject().put("phone", phone)
        .put("phoneVisibility", visibility)).statusCode()).isEqualTo(200);
    }
    return person;
  }

  /** A number no other test uses: +44 7700 9 and six random digits. */
  private static String freshNumber() {
    return "+4477009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000)) + ThreadLocalRandom.current().nextInt(10);
  }

  @Test
  void findsExactlyThoseWhoLetMe() {
    WebClient client = clientFrom(randomLoopback());
    Person me = person("Me", null, null);
    String number = freshNumber();
    Person open = person("Open", number, "everyone");
    Person theirs = person("Theirs", number.replace("+", "00"), "contacts");
    Person hidden = person("Hidden", number, "nobody");
    Person blocker = person("Blocker", number, "everyone");
    assertThat(harness.post("/blocks/" + me.id(), blocker.token(), null).statusCode()).isEqualTo(204);

    assertThat(found(client, me, number)).as("only who shows it to everyone").containsExactly(open.id());

    // Theirs adds me: their "contacts" visibility now covers me. A spaced-out number is the same number.
    harness.post("/contacts", theirs.token(), new JsonObject().put("userId", me.id()));
    harness.post("/contacts", me.token(), new JsonObject().put("userId", open.id()));
    HttpResponse<Buffer> answer = lookup(client, me, number.substring(0, 3) + " " + number.substring(3));
    List<JsonObject> people = answer.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(people).extracting(person -> person.getString("id")).containsExactly(open.id(), theirs.id());
    assertThat(people.get(0).getBoolean("contact")).as("Open is one of mine").isTrue();
    assertThat(people.get(1).getBoolean("contact")).isFalse();
    assertThat(people.get(0).containsKey("phone")).isFalse();
    assertThat(hidden.id()).isNotIn(people.stream().map(person -> person.getString("id")).toList());

    assertThat(found(client, open, number)).as("never myself").doesNotContain(open.id());
    assertThat(found(client, me, freshNumber())).isEmpty();
  }

  @Test
  void lookupsPerUserAreLimitedFoundOrNotWhateverTheAddress() {
    Person me = person("Scraper", null, null);
    for (int i = 0; i < PER_USER; i++) {
      assertThat(lookup(clientFrom(randomLoopback()), me, freshNumber()).statusCode()).isEqualTo(200);
    }
    assertLimited(lookup(clientFrom(randomLoopback()), me, freshNumber()));
    assertThat(lookup(clientFrom(randomLoopback()), person("Other", null, null), freshNumber()).statusCode())
      .as("another user is not affected").isEqualTo(200);
  }

  @Test
  void lookupsPerAddressAreLimitedWhateverTheUser() {
    WebClient client = clientFrom(randomLoopback());
    for (int i = 0; i < PER_ADDRESS; i++) {
      assertThat(lookup(client, person("Sock" + i, null, null), freshNumber()).statusCode()).isEqualTo(200);
    }
    assertLimited(lookup(client, person("Sock", null, null), freshNumber()));
  }

  @Test
  void malformedLookupsAreRefusedWithoutCounting() {
    WebClient client = clientFrom(randomLoopback());
    Person me = person("Typo", null, null);
    for (int i = 0; i < PER_USER + 1; i++) {
      HttpResponse<Buffer> refused = lookup(client, me, "0207 946 0958");
      assertRefused(refused, 400, "auth.invalid_phone");
    }
    assertThat(lookup(client, me, freshNumber()).statusCode()).isEqualTo(200);
    assertRefused(client.post("/api/v1/users/lookup").bearerTokenAuthentication(me.token())
      .sendJsonObject(new JsonObject()).await(), 400, "request.invalid");
    assertRefused(client.post("/api/v1/users/lookup").sendJsonObject(new JsonObject().put("phone", freshNumber())).await(),
      401, "auth.unauthenticated");
  }

  private static List<String> found(WebClient client, Person viewer, String phone) {
    HttpResponse<Buffer> answer = lookup(client, viewer, phone);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  private static HttpResponse<Buffer> lookup(WebClient client, Person viewer, String phone) {
    return client.post("/api/v1/users/lookup").bearerTokenAuthentication(viewer.token())
      .sendJsonObject(new JsonObject().put("phone", phone)).await();
  }

  private static void assertLimited(HttpResponse<Buffer> response) {
    assertRefused(response, 429, "request.rate_limited");
    assertThat(Integer.parseInt(response.getHeader("Retry-After"))).isBetween(1, WINDOW_SECONDS);
  }

  private static WebClient clientFrom(String localAddress) {
    return WebClient.create(harness.vertx(), new WebClientOptions()
      .setDefaultHost("127.0.0.1").setDefaultPort(harness.httpPort()).setLocalAddress(localAddress));
  }

  private static String randomLoopback() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
  }
}
