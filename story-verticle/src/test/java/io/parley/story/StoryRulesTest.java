package io.parley.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.error.ParleyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules that need no database: lifetime, the active cap, selected audiences, authorship, parsing and the feed's order. */
class StoryRulesTest {

  private static final Instant POSTED = Instant.parse("2030-01-01T10:00:00Z");
  private static final StorySettings SETTINGS = new StorySettings(Duration.ofHours(24), 3, 10, 5, 2, Duration.ofMinutes(1), 10);
  private static final UUID AUTHOR = UUID.randomUUID();
  private static final UUID FRIEND = UUID.randomUUID();

  @Test
  void aStoryLivesExactlyItsTtlAndIsGoneAtThatInstant() {
    Story story = text(AUTHOR, POSTED);
    assertThat(story.expiresAt()).isEqualTo(POSTED.plus(Duration.ofHours(24)));
    assertThat(StoryRules.activeAt(story, story.expiresAt().minusNanos(1))).isTrue();
    assertThat(StoryRules.activeAt(story, story.expiresAt())).isFalse();
  }

  @Test
  void theActiveCapRefusesOneMoreWith429() {
    StoryRules.requireRoom(2, 3);
    assertThatThrownBy(() -> StoryRules.requireRoom(3, 3)).isInstanceOfSatisfying(ParleyException.class,
      refusal -> assertThat(refusal.errorCode().code()).isEqualTo("story.too_many_active"));
  }

  @Test
  void aSelectedAudienceListsOnlyContacts() {
    Audience selected = new Audience(Audience.Type.SELECTED, List.of(FRIEND));
    StoryRules.requireContacts(selected, List.of(FRIEND));
    assertThatThrownBy(() -> StoryRules.requireContacts(selected, List.of())).isInstanceOfSatisfying(ParleyException.class,
      refusal -> assertThat(refusal.errorCode().code()).isEqualTo("story.not_a_contact"));
    // Leaving out someone who is no contact anyway harms nobody.
    StoryRules.requireContacts(new Audience(Audience.Type.CONTACTS_EXCEPT, List.of(FRIEND)), List.of());
  }

  @Test
  void onlyTheAuthorIsTheAuthorAndTheirOwnLookIsNoView() {
    Story story = text(AUTHOR, POSTED);
    assertThat(StoryRules.isAuthor(story, AUTHOR)).isTrue();
    assertThat(StoryRules.isAuthor(story, FRIEND)).isFalse();
    assertThat(StoryRules.countsAsView(story, AUTHOR)).isFalse();
    assertThat(StoryRules.countsAsView(story, FRIEND)).isTrue();
  }

  @Test
  void requestsAreParsedStrictly() {
    StoryRequests.NewStory story = StoryRequests.NewStory.from(new JsonObject().put("text", " hi\n there ")
      .put("background", "#A0B0C0").put("caption", " "), SETTINGS);
    assertThat(story.text()).isEqualTo("hi\n there");
    assertThat(story.background()).isEqualTo("#a0b0c0");
    assertThat(story.caption()).isNull();
    assertThat(story.audience()).isEqualTo(Audience.CONTACTS);

    refused(new JsonObject().put("text", "hi\u0007").put("background", "#000000"), "story.invalid_text");
    refused(new JsonObject().put("text", "12345678901").put("background", "#000000"), "story.invalid_text");
    refused(new JsonObject().put("text", "hi").put("background", "#000000").put("caption", "123456"), "story.invalid_caption");
    refused(new JsonObject().put("media", new JsonObject().put("id", UUID.randomUUID().toString())).put("background", "#000000"),
      "story.invalid_content");
    refused(new JsonObject().put("text", "hi").put("background", "#000000").put("audience", new JsonObject()
      .put("type", "selected").put("userIds", new JsonArray().add(ids(1)).add(ids(2)).add(ids(3)))), "story.invalid_audience");
    assertThat(StoryRequests.NewStory.from(new JsonObject().put("text", "hi").put("background", "#000000")
      .put("audience", new JsonObject().put("type", "selected").put("userIds", new JsonArray().add(ids(1)).add(ids(1)))),
      SETTINGS).audience().userIds()).hasSize(1);
    assertThatThrownBy(() -> StoryRequests.storyId(new JsonObject().put("storyId", "x")))
      .isInstanceOfSatisfying(ParleyException.class, refusal -> assertThat(refusal.errorCode().status()).isEqualTo(404));
  }

  @Test
  void theFeedPutsMineFirstThenUnseenAuthorsNewestFirstThenTheSeen() {
    Person me = new Person(AUTHOR, "me", "Me", null);
    Person old = new Person(UUID.randomUUID(), "old", "Old", null);
    Person fresh = new Person(UUID.randomUUID(), "fresh", "Fresh", null);
    Person seen = new Person(UUID.randomUUID(), "seen", "Seen", null);
    JsonObject feed = Feed.of(me, List.of(new Feed.Mine(text(AUTHOR, POSTED), 2)), List.of(
      new Feed.Seen(text(seen.id(), POSTED.plusSeconds(300)), seen, true),
      new Feed.Seen(text(old.id(), POSTED.plusSeconds(10)), old, false),
      new Feed.Seen(text(fresh.id(), POSTED.plusSeconds(20)), fresh, false),
      new Feed.Seen(text(old.id(), POSTED.plusSeconds(5)), old, true)));

    List<JsonObject> groups = feed.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(groups).extracting(group -> group.getJsonObject("author").getString("displayName"))
      .containsExactly("Me", "Fresh", "Old", "Seen");
    assertThat(groups.get(0).getJsonArray("stories").getJsonObject(0).getLong("views")).isEqualTo(2L);
    assertThat(groups.get(2).getLong("unseen")).isEqualTo(1L);
    assertThat(groups.get(2).getJsonArray("stories").getJsonObject(0).getBoolean("seen")).isTrue();
  }

  private static void refused(JsonObject body, String code) {
    assertThatThrownBy(() -> StoryRequests.NewStory.from(body, SETTINGS)).as(body.encode())
      .isInstanceOfSatisfying(ParleyException.class, refusal -> assertThat(refusal.errorCode().code()).isEqualTo(code));
  }

  private static String ids(int n) {
    return new UUID(0, n).toString();
  }

  private static Story text(UUID author, Instant posted) {
    return new Story(UUID.randomUUID(), author, Story.TEXT, null, null, "words", "#000000", null, Audience.CONTACTS, posted,
      StoryRules.expiry(posted, SETTINGS.ttl()));
  }
}
