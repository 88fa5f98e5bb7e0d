package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.media.testing.MediaUploads;
import io.parley.media.testing.Samples;
import io.parley.shared.Address;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Media messages made of real uploads: what a message stores comes from the media service, only
 * ready media of the sender's own can be attached, a chat's members (and nobody else) may
 * download what its messages hold, forwards reach the new chat's members, and the gallery lists
 * them.
 */
class MediaMessagesTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.withMedia().build();

  private static MediaUploads uploads;

  @BeforeAll
  static void uploadFlow() {
    uploads = fixture.uploads();
  }

  private static JsonObject mediaMessage(UUID chatId, String kind, JsonObject media) {
    return chat(chatId).put("clientMessageId", UUID.randomUUID().toString()).put("kind", kind).put("media", media);
  }

  private static JsonObject ref(JsonObject uploaded) {
    return new JsonObject().put("id", uploaded.getString("id"));
  }

  private static JsonObject media(JsonObject uploaded) {
    return new JsonObject().put("mediaId", uploaded.getString("id"));
  }

  @Test
  void aMediaMessageStoresWhatTheMediaServiceKnowsNotWhatTheClientClaims() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    JsonObject photo = uploads.photo(alice.id());

    JsonObject sent = fixture.call(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "image", ref(photo)
      .put("caption", "the view").put("contentType", "text/html").put("size", 1).put("width", 99_999)));

    assertThat(sent.getJsonObject("media")).isEqualTo(new JsonObject().put("id", photo.getString("id"))
      .put("contentType", "image/jpeg").put("size", photo.getLong("size")).put("fileName", "photo.jpg")
      .put("width", 640).put("height", 480).put("thumbnail", new JsonObject().put("width", 320).put("height", 240))
      .put("caption", "the view"));
    assertThat(fixture.history(bob, chatId)).singleElement().isEqualTo(sent);
    assertThat(fixture.eventAt(chatId, sent.getLong("seq")).getJsonObject("payload").getJsonObject("message")).isEqualTo(sent);
  }

  @Test
  void voiceNotesAndDocumentsCarryTheirDurationAndFileName() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    JsonObject voice = uploads.upload(alice.id(), "audio", "audio/wav", Samples.wav(2500), null);
    JsonObject plan = uploads.upload(alice.id(), "document", "application/pdf", Samples.pdf(), "plan.pdf");

    JsonObject note = fixture.call(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "audio", ref(voice)));
    JsonObject document = fixture.call(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "document", ref(plan)
      .put("caption", "for monday")));

    assertThat(note.getJsonObject("media").getLong("durationMs")).isEqualTo(2500L);
    assertThat(note.getJsonObject("media").getString("contentType")).isEqualTo("audio/wav");
    assertThat(document.getJsonObject("media").getString("fileName")).isEqualTo("plan.pdf");
    assertThat(fixture.call(bob, Address.CHAT_SEARCH, new JsonObject().put("q", "monday")).getJsonArray("items"))
      .as("a caption is searchable").hasSize(1);
  }

  @Test
  void onlyTheSendersOwnReadyMediaOfTheMessagesKindCanBeAttached() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User mallory = fixture.user("mallory");
    UUID chatId = fixture.group(alice, bob, mallory);
    JsonObject photo = uploads.photo(alice.id());
    JsonObject pending = uploads.create(alice.id(), "image", "image/jpeg", 100, null);
    long before = fixture.lastSeq(chatId);

    fixture.assertRefused(mallory, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "image", ref(photo)), "media.not_found", 404);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "image", ref(pending)), "media.not_ready", 409);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "video", ref(photo)),
      "media.kind_mismatch", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "image",
      new JsonObject().put("id", UUID.randomUUID().toString())), "media.not_found", 404);
    UUID notMine = fixture.group(bob);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(notMine, "image", ref(photo)), "chat.not_found", 404);

    assertThat(fixture.lastSeq(chatId)).isEqualTo(before);
  }

  @Test
  void aChatsMembersMayDownloadItsMediaAndNobodyElse() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID chatId = fixture.direct(alice, bob);
    JsonObject photo = uploads.photo(alice.id());
    fixture.assertRefused(bob, Address.MEDIA_GET, media(photo), "media.not_found", 404);

    long seq = fixture.call(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "image", ref(photo))).getLong("seq");

    JsonObject seen = uploads.call(bob.id(), Address.MEDIA_GET, media(photo));
    assertThat(uploads.fetch(seen.getString("url"), Map.of()).body().getBytes()).hasSize(photo.getInteger("size"));
    assertThat(uploads.fetch(seen.getString("thumbnailUrl"), Map.of()).statusCode()).isEqualTo(200);
    fixture.assertRefused(carol, Address.MEDIA_GET, media(photo), "media.not_found", 404);

    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(chatId).put("seq", seq).put("scope", "everyone"));
    fixture.assertRefused(bob, Address.MEDIA_GET, media(photo), "media.not_found", 404);
    assertThat(uploads.call(alice.id(), Address.MEDIA_GET, media(photo)).getString("status")).as("the uploader's own").isEqualTo("ready");
  }

  @Test
  void aForwardedMediaMessageReachesTheOtherChatsMembers() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID first = fixture.direct(alice, bob);
    UUID second = fixture.direct(bob, carol);
    JsonObject photo = uploads.photo(alice.id());
    JsonObject sent = fixture.call(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(first, "image", ref(photo)));
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_SEND, mediaMessage(second, "image", ref(photo)), "media.not_found", 404);

    JsonObject forwarded = fixture.call(bob, Address.CHAT_MESSAGE_FORWARD, chat(first).put("seq", sent.getLong("seq"))
      .put("toChatId", second.toString()).put("clientMessageId", "fw-1"));

    assertThat(forwarded.getJsonObject("media")).isEqualTo(sent.getJsonObject("media"));
    JsonObject seen = uploads.call(carol.id(), Address.MEDIA_GET, media(photo));
    assertThat(uploads.fetch(seen.getString("url"), Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void theMediaGalleryListsAChatsMediaByKind() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    fixture.send(alice, chatId, "just text");
    long photo = fixture.call(alice, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "image", ref(uploads.photo(alice.id()))))
      .getLong("seq");
    long voice = fixture.call(bob, Address.CHAT_MESSAGE_SEND, mediaMessage(chatId, "audio",
      ref(uploads.upload(bob.id(), "audio", "audio/wav", Samples.wav(800), null)))).getLong("seq");

    JsonArray all = fixture.call(bob, Address.CHAT_MEDIA, chat(chatId)).getJsonArray("items");
    JsonArray images = fixture.call(bob, Address.CHAT_MEDIA, chat(chatId).put("kind", "image")).getJsonArray("items");

    assertThat(all.stream().map(m -> ((JsonObject) m).getLong("seq"))).containsExactly(voice, photo);
    assertThat(images.stream().map(m -> ((JsonObject) m).getLong("seq"))).containsExactly(photo);
    assertThat(images.getJsonObject(0).getJsonObject("media").getInteger("width")).isEqualTo(640);
    assertThat(all.getJsonObject(0).getJsonObject("media").getLong("durationMs")).isEqualTo(800L);
    fixture.assertRefused(bob, Address.CHAT_MEDIA, chat(chatId).put("kind", "text"), "request.invalid_parameter", 400);
  }

  @Test
  void aGroupPictureIsOneOfTheChangersReadyImagesAndVisibleToItsMembers() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID chatId = fixture.group(alice, bob);
    JsonObject picture = uploads.photo(alice.id());
    JsonObject plan = uploads.upload(alice.id(), "document", "application/pdf", Samples.pdf(), "plan.pdf");

    fixture.assertRefused(alice, Address.CHAT_UPDATE, chat(chatId).put("avatarMediaId", plan.getString("id")),
      "media.kind_mismatch", 422);
    fixture.assertRefused(bob, Address.CHAT_UPDATE, chat(chatId).put("avatarMediaId", picture.getString("id")),
      "media.not_found", 404);
    fixture.call(alice, Address.CHAT_UPDATE, chat(chatId).put("avatarMediaId", picture.getString("id")));

    assertThat(uploads.call(bob.id(), Address.MEDIA_GET, media(picture)).getString("url")).isNotBlank();
    fixture.assertRefused(carol, Address.MEDIA_GET, media(picture), "media.not_found", 404);
  }
}
