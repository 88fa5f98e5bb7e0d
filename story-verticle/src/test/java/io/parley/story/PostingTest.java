package io.parley.story;

import static io.parley.story.StoryFixture.assertRefused;
import static io.parley.story.StoryFixture.audience;
import static io.parley.story.StoryFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.media.testing.Samples;
import io.parley.story.StoryFixture.Person;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Posting: what a new story answers, and every bad request refused with its code, storing nothing. */
class PostingTest {

  private static final int MAX_ACTIVE = 3;

  @RegisterExtension
  static final StoryFixture fixture = StoryFixture.services()
    .config("story.maxActivePerAuthor", MAX_ACTIVE)
    .config("story.maxCaptionLength", 20)
    .build();

  @Test
  void aTextStoryAnswersItsAuthorAndLivesExactlyTheConfiguredTime() {
    Person alice = fixture.person("Alice");

    JsonObject story = fixture.post(alice, text("  Good morning  ").put("background", "#AABBCC").put("caption", "first"));

    assertThat(story.getString("id")).isNotBlank();
    assertThat(story.getJsonObject("author").getString("id")).isEqualTo(alice.id().toString());
    assertThat(story.getJsonObject("author").getString("displayName")).isEqualTo("Alice");
    assertThat(story.getString("kind")).isEqualTo("text");
    assertThat(story.getString("text")).isEqualTo("Good morning");
    assertThat(story.getString("background")).isEqualTo("#aabbcc");
    assertThat(story.getString("caption")).isEqualTo("first");
    assertThat(story.getJsonObject("audience").getString("type")).isEqualTo("contacts");
    assertThat(Duration.between(Instant.parse(story.getString("createdAt")), Instant.parse(story.getString("expiresAt"))))
      .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aVideoStoryKeepsWhatTheMediaServiceSaidOfIt() {
    Person alice = fixture.person("Alice");
    JsonObject video = fixture.uploads().upload(alice.id(), "video", "video/mp4", Samples.mp4(true), "clip.mp4");

    JsonObject story = fixture.post(alice, new JsonObject().put("media", new JsonObject().put("id", video.getString("id"))
      .put("durationMs", 1)));

    assertThat(story.getString("kind")).isEqualTo("video");
    assertThat(story.getJsonObject("media").getString("contentType")).isEqualTo("video/mp4");
    assertThat(story.getJsonObject("media").getValue("durationMs")).isNotEqualTo(1);
  }

  @Test
  void badRequestsAreRefusedWithTheirCodesAndPostNothing() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    JsonObject pdf = fixture.uploads().upload(alice.id(), "document", "application/pdf", Samples.pdf(), "a.pdf");
    JsonObject bobsPhoto = fixture.uploads().photo(bob.id());

    refused(alice, new JsonObject(), 422, "story.invalid_content");
    refused(alice, text("both").put("media", new JsonObject().put("id", bobsPhoto.getString("id"))), 422,
      "story.invalid_content");
    refused(alice, new JsonObject().put("text", "   ").put("background", "#000000"), 422, "story.invalid_text");
    refused(alice, new JsonObject().put("text", "x".repeat(701)).put("background", "#000000"), 422, "story.invalid_text");
    refused(alice, new JsonObject().put("text", "hi").put("background", "red"), 422, "story.invalid_background");
    refused(alice, new JsonObject().put("text", "hi"), 422, "story.invalid_background");
    refused(alice, text("hi").put("caption", "c".repeat(21)), 422, "story.invalid_caption");
    refused(alice, text("hi").put("caption", 7), 400, "request.invalid");
    refused(alice, text("hi").put("audience", "contacts"), 400, "request.invalid");
    refused(alice, text("hi").put("audience", new JsonObject().put("type", "everyone")), 422, "story.invalid_audience");
    refused(alice, text("hi").put("audience", new JsonObject().put("type", "selected")), 422, "story.invalid_audience");
    refused(alice, text("hi").put("audience", audience("contacts", bob)), 422, "story.invalid_audience");
    refused(alice, text("hi").put("audience", new JsonObject().put("type", "selected")
      .put("userIds", new JsonArray().add("nope"))), 400, "request.invalid");
    refused(alice, text("hi").put("audiance", audience("selected", bob)), 400, "request.invalid");
    refused(alice, new JsonObject().put("media", new JsonObject().put("id", "x")), 400, "request.invalid");
    refused(alice, new JsonObject().put("media", new JsonObject().put("id", bobsPhoto.getString("id"))), 404,
      "media.not_found");
    refused(alice, new JsonObject().put("media", new JsonObject().put("id", pdf.getString("id"))), 422,
      "media.kind_mismatch");

    assertThat(fixture.scalar("SELECT count(*) FROM stories WHERE author_id = $1", alice.id())).isEqualTo(0L);
    assertThat(fixture.storyIds(bob)).isEmpty();
    assertRefused(fixture.call(HttpMethod.POST, "/stories", null, text("anonymous")), 401, "auth.unauthenticated");
  }

  @Test
  void anAuthorHasAtMostTheConfiguredActiveStories() {
    Person alice = fixture.person("Alice");
    for (int i = 0; i < MAX_ACTIVE; i++) {
      fixture.postText(alice, "story " + i);
    }

    refused(alice, text("one too many"), 429, "story.too_many_active");

    assertThat(fixture.scalar("SELECT count(*) FROM stories WHERE author_id = $1", alice.id())).isEqualTo((long) MAX_ACTIVE);
  }

  private static void refused(Person as, JsonObject body, int status, String code) {
    assertRefused(fixture.call(HttpMethod.POST, "/stories", as, body), status, code);
  }
}
