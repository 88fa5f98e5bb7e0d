package io.parley.story;

import static io.parley.story.StoryFixture.assertRefused;
import static io.parley.story.StoryFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.story.StoryFixture.Person;
import io.parley.testkit.Poll;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Views: one per viewer, the seen state in the feed, and the viewers list only its author gets. */
class ViewsTest {

  @RegisterExtension
  static final StoryFixture fixture = StoryFixture.services().build();

  @Test
  void aViewIsRecordedOnceAndTheAuthorSeesWhoViewedWhen() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    fixture.addContacts(alice, bob, carol);
    String story = fixture.postText(alice, "Who is watching?").getString("id");

    expect(fixture.view(bob, story), 204);
    JsonArray once = expect(fixture.viewers(alice, story), 200).bodyAsJsonObject().getJsonArray("items");
    expect(fixture.view(bob, story), 204);
    expect(fixture.view(carol, story), 204);

    JsonArray viewers = expect(fixture.viewers(alice, story), 200).bodyAsJsonObject().getJsonArray("items");
    assertThat(viewers.stream().map(JsonObject.class::cast).map(view -> view.getString("userId")))
      .containsExactlyInAnyOrder(bob.id().toString(), carol.id().toString());
    JsonObject bobsView = viewers.stream().map(JsonObject.class::cast)
      .filter(view -> view.getString("userId").equals(bob.id().toString())).findFirst().orElseThrow();
    // The second view kept the first one's time.
    assertThat(bobsView.getString("viewedAt")).isEqualTo(once.getJsonObject(0).getString("viewedAt"));
    assertThat(bobsView.getJsonObject("user").getString("displayName")).isEqualTo("Bob");
    assertThat(fixture.scalar("SELECT count(*) FROM story_views WHERE story_id = $1", UUID.fromString(story))).isEqualTo(2L);
  }

  @Test
  void nobodyButTheAuthorSeesTheViewers() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person stranger = fixture.person("Stranger");
    fixture.addContacts(alice, bob);
    String story = fixture.postText(alice, "Mine to know").getString("id");
    expect(fixture.view(bob, story), 204);

    assertRefused(fixture.viewers(bob, story), 404, "story.not_found");
    assertRefused(fixture.viewers(stranger, story), 404, "story.not_found");
    assertRefused(fixture.viewers(alice, "not-an-id"), 404, "story.not_found");
    assertRefused(fixture.call(HttpMethod.DELETE, "/stories/" + story, bob, null), 404, "story.not_found");
    assertThat(fixture.storyIds(bob)).containsExactly(story);
  }

  @Test
  void lookingAtMyOwnStoryIsNoView() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    String story = fixture.postText(alice, "Me, myself").getString("id");

    expect(fixture.view(alice, story), 204);

    assertThat(expect(fixture.viewers(alice, story), 200).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void theFeedPutsMineFirstThenUnseenAuthorsWithEachStorysSeenState() {
    Person me = fixture.person("Me");
    Person early = fixture.person("Early");
    Person late = fixture.person("Late");
    fixture.addContacts(early, me);
    fixture.addContacts(late, me);
    String earlyFirst = fixture.postText(early, "one").getString("id");
    String earlySecond = fixture.postText(early, "two").getString("id");
    String lateStory = fixture.postText(late, "three").getString("id");
    String mine = fixture.postText(me, "mine").getString("id");
    // Late posted last, so it leads the unseen; once seen in full it goes after Early.
    expect(fixture.view(me, lateStory), 204);
    expect(fixture.view(me, earlyFirst), 204);

    List<JsonObject> groups = fixture.feed(me).getJsonArray("items").stream().map(JsonObject.class::cast).toList();

    assertThat(groups).extracting(group -> group.getJsonObject("author").getString("id"))
      .containsExactly(me.id().toString(), early.id().toString(), late.id().toString());
    assertThat(groups.get(0).getJsonArray("stories").getJsonObject(0).getString("id")).isEqualTo(mine);
    JsonArray earlyStories = groups.get(1).getJsonArray("stories");
    assertThat(earlyStories.getJsonObject(0).getString("id")).isEqualTo(earlyFirst);
    assertThat(earlyStories.getJsonObject(0).getBoolean("seen")).isTrue();
    assertThat(earlyStories.getJsonObject(1).getString("id")).isEqualTo(earlySecond);
    assertThat(earlyStories.getJsonObject(1).getBoolean("seen")).isFalse();
    assertThat(groups.get(1).getJsonObject("author").getString("displayName")).isEqualTo("Early");
    assertThat(groups.get(2).getJsonArray("stories").getJsonObject(0).getBoolean("seen")).isTrue();
    // Others never learn whom a story is for.
    assertThat(earlyStories.getJsonObject(0).containsKey("audience")).isFalse();
  }

  @Test
  void theAuthorDeletesAStoryAndItIsGoneEverywhere() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    JsonObject photo = fixture.uploads().photo(alice.id());
    String story = fixture.post(alice, new JsonObject().put("media", new JsonObject().put("id", photo.getString("id"))))
      .getString("id");
    expect(fixture.view(bob, story), 204);

    expect(fixture.call(HttpMethod.DELETE, "/stories/" + story, alice, null), 204);

    assertThat(fixture.storyIds(bob)).isEmpty();
    assertThat(fixture.storyIds(alice)).isEmpty();
    assertRefused(fixture.view(bob, story), 404, "story.not_found");
    assertRefused(fixture.viewers(alice, story), 404, "story.not_found");
    assertRefused(fixture.call(HttpMethod.DELETE, "/stories/" + story, alice, null), 404, "story.not_found");
    assertThat(fixture.scalar("SELECT count(*) FROM story_views WHERE story_id = $1", UUID.fromString(story))).isEqualTo(0L);
    // Its photo went with it.
    assertRefused(fixture.call(HttpMethod.GET, "/media/" + photo.getString("id"), bob, null), 404, "media.not_found");
    Poll.until(() -> fixture.scalar("SELECT count(*) FROM media WHERE id = $1",
      UUID.fromString(photo.getString("id"))).equals(0L), StoryFixture.WAIT);
  }
}
