package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.media.testing.Samples;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** My profile, other people's public profiles, last-seen privacy and blocks. */
class ProfileTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();

  @Test
  void iUpdateMyProfileAndOthersSeeItsPublicPart() {
    JsonObject alice = harness.register(AuthHarness.uniqueName("Alice"));
    JsonObject bob = harness.register(AuthHarness.uniqueName("Bob"));
    String aliceToken = alice.getString("accessToken");
    UUID aliceId = UUID.fromString(harness.get("/me", aliceToken).bodyAsJsonObject().getString("id"));
    String avatar = harness.uploads().photo(aliceId).getString("id");

    HttpResponse<Buffer> updated = harness.patch("/me", aliceToken, new JsonObject()
      .put("displayName", "  Alice Liddell ")
      .put("bio", "Down the\nrabbit hole")
      .put("statusText", "Late for tea")
      .put("avatarMediaId", avatar)
      .put("lastSeenVisibility", "nobody"));
    assertThat(updated.statusCode()).isEqualTo(200);
    JsonObject mine = harness.get("/me", aliceToken).bodyAsJsonObject();
    assertThat(mine).isEqualTo(updated.bodyAsJsonObject());
    assertThat(mine.getString("displayName")).isEqualTo("Alice Liddell");
    assertThat(mine.getString("bio")).isEqualTo("Down the\nrabbit hole");
    assertThat(mine.getString("avatarMediaId")).isEqualTo(avatar);
    assertThat(mine.getString("lastSeenVisibility")).isEqualTo("nobody");
    assertThat(mine.getString("email")).isNotBlank();

    JsonObject seenByBob = harness.get("/users/" + mine.getString("id"), bob.getString("accessToken")).bodyAsJsonObject();
    assertThat(seenByBob.getString("displayName")).isEqualTo("Alice Liddell");
    assertThat(seenByBob.getString("statusText")).isEqualTo("Late for tea");
    assertThat(seenByBob.getBoolean("deleted")).isFalse();
    assertThat(seenByBob.containsKey("email")).isFalse();
    assertThat(seenByBob.containsKey("lastSeenVisibility")).isFalse();
    assertThat(seenByBob.getString("avatarMediaId")).isEqualTo(avatar);
    HttpResponse<Buffer> picture = harness.get("/media/" + avatar, bob.getString("accessToken"));
    assertThat(picture.statusCode()).as("anyone sees an avatar").isEqualTo(200);
    assertThat(harness.uploads().fetch(picture.bodyAsJsonObject().getString("thumbnailUrl"), Map.of())
      .statusCode()).isEqualTo(200);

    // Only the fields sent change; null clears the avatar.
    JsonObject cleared = harness.patch("/me", aliceToken, new JsonObject().putNull("avatarMediaId")).bodyAsJsonObject();
    assertThat(cleared.getString("avatarMediaId")).isNull();
    assertThat(cleared.getString("bio")).isEqualTo("Down the\nrabbit hole");
    assertThat(harness.patch("/me", aliceToken, new JsonObject()).bodyAsJsonObject()).isEqualTo(cleared);
  }

  @Test
  void anAvatarIsOneOfMyReadyImages() {
    JsonObject alice = harness.register(AuthHarness.uniqueName("Alice"));
    JsonObject bob = harness.register(AuthHarness.uniqueName("Bob"));
    String token = alice.getString("accessToken");
    UUID aliceId = UUID.fromString(harness.get("/me", token).bodyAsJsonObject().getString("id"));
    UUID bobId = UUID.fromString(harness.get("/me", bob.getString("accessToken")).bodyAsJsonObject().getString("id"));
    JsonObject before = harness.get("/me", token).bodyAsJsonObject();
    String bobsPhoto = harness.uploads().photo(bobId).getString("id");
    String pending = harness.uploads().create(aliceId, "image", "image/jpeg", 100, null).getString("id");
    String document = harness.uploads().upload(aliceId, "document", "application/pdf",
      Samples.pdf(), "cv.pdf").getString("id");

    assertRefused(token, bobsPhoto, 404, "media.not_found");
    assertRefused(token, UUID.randomUUID().toString(), 404, "media.not_found");
    assertRefused(token, pending, 409, "media.not_ready");
    assertRefused(token, document, 422, "media.kind_mismatch");
    assertThat(harness.get("/me", token).bodyAsJsonObject()).isEqualTo(before);
  }

  private static void assertRefused(String token, String avatar, int status, String code) {
    HttpResponse<Buffer> refused = harness.patch("/me", token, new JsonObject().put("avatarMediaId", avatar)
      .put("bio", "changed"));
    assertThat(refused.statusCode()).as(code).isEqualTo(status);
    assertThat(errorCode(refused)).isEqualTo(code);
  }

  static Stream<Arguments> invalidProfileChanges() {
    return Stream.of(
      Arguments.of("unknown field", new JsonObject().put("username", "renamed"), "request.invalid"),
      Arguments.of("empty display name", new JsonObject().put("displayName", " "), "request.invalid"),
      Arguments.of("display name too long", new JsonObject().put("displayName", "n".repeat(65)), "request.invalid"),
      Arguments.of("display name as a number", new JsonObject().put("displayName", 5), "request.invalid"),
      Arguments.of("bio too long", new JsonObject().put("bio", "b".repeat(501)), "request.invalid"),
      Arguments.of("status with a line break", new JsonObject().put("statusText", "two\nlines"), "request.invalid"),
      Arguments.of("status too long", new JsonObject().put("statusText", "s".repeat(141)), "request.invalid"),
      Arguments.of("avatar not an id", new JsonObject().put("avatarMediaId", "not-an-id"), "request.invalid"),
      Arguments.of("unknown visibility", new JsonObject().put("lastSeenVisibility", "friends"), "request.invalid"),
      Arguments.of("one valid, one invalid", new JsonObject().put("bio", "fine").put("statusText", 3), "request.invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidProfileChanges")
  void invalidProfileChangeIsRefusedAndChangesNothing(String name, JsonObject change, String code) {
    String token = harness.register(AuthHarness.uniqueName("Strict")).getString("accessToken");
    JsonObject before = harness.get("/me", token).bodyAsJsonObject();

    HttpResponse<Buffer> response = harness.patch("/me", token, change);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo(code);
    assertThat(harness.get("/me", token).bodyAsJsonObject()).isEqualTo(before);
  }

  @Test
  void unknownOrMalformedUserIdsAreRefused() {
    String token = harness.register(AuthHarness.uniqueName("Looker")).getString("accessToken");
    HttpResponse<Buffer> unknown = harness.get("/users/" + UUID.randomUUID(), token);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("user.not_found");
    HttpResponse<Buffer> malformed = harness.get("/users/12345", token);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(errorCode(malformed)).isEqualTo("request.invalid_parameter");
  }

  @Test
  void iBlockAndUnblockPeople() {
    JsonObject me = harness.register(AuthHarness.uniqueName("Blocker"));
    JsonObject pest = harness.register(AuthHarness.uniqueName("Pest"));
    String token = me.getString("accessToken");
    String pestId = pest.getJsonObject("user").getString("id");

    assertThat(harness.post("/blocks/" + pestId, token, null).statusCode()).isEqualTo(204);
    assertThat(harness.post("/blocks/" + pestId, token, null).statusCode()).isEqualTo(204);
    JsonArray blocks = harness.get("/blocks", token).bodyAsJsonObject().getJsonArray("blocks");
    assertThat(blocks).hasSize(1);
    assertThat(blocks.getJsonObject(0).getJsonObject("user").getString("id")).isEqualTo(pestId);
    assertThat(blocks.getJsonObject(0).getString("blockedAt")).isNotBlank();
    assertThat(harness.count("SELECT count(*) FROM user_blocks WHERE blocked_id = $1::uuid", pestId)).isEqualTo(1);

    assertThat(harness.delete("/blocks/" + pestId, token).statusCode()).isEqualTo(204);
    assertThat(harness.delete("/blocks/" + pestId, token).statusCode()).isEqualTo(204);
    assertThat(harness.get("/blocks", token).bodyAsJsonObject().getJsonArray("blocks")).isEmpty();
  }

  @Test
  void blockingMyselfOrNobodyIsRefused() {
    JsonObject me = harness.register(AuthHarness.uniqueName("Lonely"));
    String token = me.getString("accessToken");

    HttpResponse<Buffer> self = harness.post("/blocks/" + me.getJsonObject("user").getString("id"), token, null);
    assertThat(self.statusCode()).isEqualTo(400);
    assertThat(errorCode(self)).isEqualTo("user.cannot_block_self");
    HttpResponse<Buffer> nobody = harness.post("/blocks/" + UUID.randomUUID(), token, null);
    assertThat(nobody.statusCode()).isEqualTo(404);
    assertThat(errorCode(nobody)).isEqualTo("user.not_found");
    assertThat(harness.post("/blocks/nobody", token, null).statusCode()).isEqualTo(400);
    assertThat(harness.get("/blocks", token).bodyAsJsonObject().getJsonArray("blocks")).isEmpty();
  }
}
