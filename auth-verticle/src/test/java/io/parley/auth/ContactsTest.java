package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** My contacts: adding, naming, listing and removing them, and the phone number on my profile. */
class ContactsTest {

  private static final int MAX_CONTACTS = 3;

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth()
    .config("auth.maxContacts", MAX_CONTACTS)
    .build();

  /** A registered person. */
  record Person(String id, String token, String displayName) {
  }

  static Person person(String prefix) {
    JsonObject registered = harness.register(AuthHarness.uniqueName(prefix));
    JsonObject user = registered.getJsonObject("user");
    return new Person(user.getString("id"), registered.getString("accessToken"), user.getString("displayName"));
  }

  static HttpResponse<Buffer> add(Person owner, Person contact, String name) {
    JsonObject body = new JsonObject().put("userId", contact.id());
    if (name != null) {
      body.put("name", name);
    }
    return harness.post("/contacts", owner.token(), body);
  }

  static List<JsonObject> contacts(Person owner) {
    HttpResponse<Buffer> list = harness.get("/contacts", owner.token());
    assertThat(list.statusCode()).isEqualTo(200);
    return list.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void iAddNameListAndRemoveContacts() {
    Person alice = person("Alice");
    Person bob = person("Bob");
    Person carol = person("Carol");

    HttpResponse<Buffer> added = add(alice, bob, "  Bobby from work ");
    assertThat(added.statusCode()).isEqualTo(201);
    JsonObject contact = added.bodyAsJsonObject();
    assertThat(contact.getJsonObject("user").getString("id")).isEqualTo(bob.id());
    assertThat(contact.getString("name")).isEqualTo("Bobby from work");
    assertThat(contact.getString("addedAt")).isNotBlank();
    assertThat(add(alice, carol, null).statusCode()).isEqualTo(201);

    // Again: the name changes (absent: no local name), the contact is the same one.
    HttpResponse<Buffer> renamed = add(alice, bob, "Zed");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("addedAt")).isEqualTo(contact.getString("addedAt"));

    // By the name I see: Carol's display name, then my "Zed".
    assertThat(contacts(alice)).extracting(item -> item.getJsonObject("user").getString("id"))
      .containsExactly(carol.id(), bob.id());
    assertThat(contacts(alice).get(1).getString("name")).isEqualTo("Zed");
    assertThat(contacts(bob)).as("one-sided").isEmpty();

    assertThat(harness.delete("/contacts/" + bob.id(), alice.token()).statusCode()).isEqualTo(204);
    assertThat(harness.delete("/contacts/" + bob.id(), alice.token()).statusCode()).as("idempotent").isEqualTo(204);
    assertThat(contacts(alice)).extracting(item -> item.getJsonObject("user").getString("id")).containsExactly(carol.id());
  }

  @Test
  void refusedAddsChangeNothing() {
    Person alice = person("Alice");
    assertRefused(harness.post("/contacts", alice.token(), new JsonObject().put("userId", alice.id())),
      400, "contact.cannot_add_self");
    assertRefused(harness.post("/contacts", alice.token(), new JsonObject().put("userId", UUID.randomUUID().toString())),
      404, "user.not_found");
    assertRefused(harness.post("/contacts", alice.token(), new JsonObject().put("userId", "bob")), 400, "request.invalid");
    assertRefused(harness.post("/contacts", alice.token(), new JsonObject()), 400, "request.invalid");
    assertRefused(add(alice, person("Bob"), "x".repeat(ContactRequests.NAME_MAX + 1)), 400, "request.invalid");
    assertRefused(add(alice, person("Bob"), "tab\there"), 400, "request.invalid");
    assertRefused(harness.delete("/contacts/not-an-id", alice.token()), 400, "request.invalid_parameter");
    assertRefused(harness.get("/contacts", null), 401, "auth.unauthenticated");

    Person deleted = person("Gone");
    assertThat(harness.delete("/me", deleted.token(), new JsonObject().put("password", AuthHarness.PASSWORD)).statusCode())
      .isEqualTo(204);
    assertRefused(add(alice, deleted, null), 404, "user.not_found");
    assertThat(contacts(alice)).isEmpty();
  }

  @Test
  void contactsAreCappedButRenamingOneStillWorks() {
    Person alice = person("Alice");
    List<Person> friends = List.of(person("One"), person("Two"), person("Three"));
    friends.forEach(friend -> assertThat(add(alice, friend, null).statusCode()).isEqualTo(201));

    assertRefused(add(alice, person("Four"), null), 422, "contact.too_many");
    assertThat(add(alice, friends.get(0), "Still one").statusCode()).isEqualTo(200);
    assertThat(contacts(alice)).hasSize(MAX_CONTACTS);
  }

  @Test
  void aDeletedAccountLeavesEveryContactList() {
    Person alice = person("Alice");
    Person bob = person("Bob");
    add(alice, bob, null);
    add(bob, alice, null);
    assertThat(harness.delete("/me", bob.token(), new JsonObject().put("password", AuthHarness.PASSWORD)).statusCode())
      .isEqualTo(204);
    assertThat(contacts(alice)).isEmpty();
    assertThat(harness.count("SELECT count(*) FROM user_contacts WHERE owner_id = $1 OR contact_id = $1",
      UUID.fromString(bob.id()))).isZero();
  }

  @Test
  void myPhoneNumberIsNormalisedAndShownOnlyToWhomItsVisibilityAllows() {
    Person alice = person("Alice");
    Person friend = person("Friend");
    Person stranger = person("Stranger");
    add(alice, friend, null);

    HttpResponse<Buffer> set = harness.patch("/me", alice.token(), new JsonObject().put("phone", "+44 20 7946 0958"));
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(set.bodyAsJsonObject().getString("phone")).isEqualTo("+442079460958");
    assertThat(set.bodyAsJsonObject().getString("phoneVisibility")).as("the default").isEqualTo("contacts");

    assertThat(profile(friend, alice).getString("phone")).isEqualTo("+442079460958");
    assertThat(profile(stranger, alice).containsKey("phone")).isFalse();
    assertThat(contacts(alice).get(0).containsKey("phone")).as("Friend gave none").isFalse();

    harness.patch("/me", alice.token(), new JsonObject().put("phoneVisibility", "everyone"));
    assertThat(profile(stranger, alice).getString("phone")).isEqualTo("+442079460958");
    assertThat(harness.post("/blocks/" + stranger.id(), alice.token(), null).statusCode()).isEqualTo(204);
    assertThat(profile(stranger, alice).containsKey("phone")).as("blocks hide it").isFalse();

    harness.patch("/me", alice.token(), new JsonObject().put("phoneVisibility", "nobody"));
    assertThat(profile(friend, alice).containsKey("phone")).isFalse();

    JsonObject cleared = harness.patch("/me", alice.token(), new JsonObject().putNull("phone")).bodyAsJsonObject();
    assertThat(cleared.getString("phone")).isNull();
  }

  @Test
  void badPhoneSettingsAreRefusedAndChangeNothing() {
    Person alice = person("Alice");
    harness.patch("/me", alice.token(), new JsonObject().put("phone", "+33 1 23 45 67 89"));
    assertRefused(harness.patch("/me", alice.token(), new JsonObject().put("phone", "01 23 45 67 89")), 400, "auth.invalid_phone");
    assertRefused(harness.patch("/me", alice.token(), new JsonObject().put("phone", 33123456789L)), 400, "request.invalid");
    assertRefused(harness.patch("/me", alice.token(), new JsonObject().put("phoneVisibility", "friends")), 400,
      "request.invalid");
    JsonObject me = harness.get("/me", alice.token()).bodyAsJsonObject();
    assertThat(me.getString("phone")).isEqualTo("+33123456789");
    assertThat(me.getString("phoneVisibility")).isEqualTo("contacts");
  }

  private static JsonObject profile(Person viewer, Person of) {
    HttpResponse<Buffer> profile = harness.get("/users/" + of.id(), viewer.token());
    assertThat(profile.statusCode()).isEqualTo(200);
    return profile.bodyAsJsonObject();
  }

  static void assertRefused(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(errorCode(response)).isEqualTo(code);
  }
}
