package io.parley.story;

import static io.parley.story.StoryFixture.assertRefused;
import static io.parley.story.StoryFixture.audience;
import static io.parley.story.StoryFixture.expect;
import static io.parley.story.StoryFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.story.StoryFixture.Person;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who sees a story: each audience type against the author's contacts and blocks of the moment,
 * in the feed, for a view, and for the download of its photo. Outside the audience a story is
 * 404 everywhere, as one that does not exist.
 */
class AudienceTest {

  @RegisterExtension
  static final StoryFixture fixture = StoryFixture.services().build();

  @Test
  void aContactsStoryReachesMyContactsAndNobodyElse() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    Person stranger = fixture.person("Stranger");
    fixture.addContacts(alice, bob, carol);
    // Being someone's contact is one-sided: Alice is in the stranger's contacts, not the other way.
    fixture.addContacts(stranger, alice);

    String story = fixture.postText(alice, "Hello from the beach").getString("id");

    assertThat(fixture.storyIds(bob)).containsExactly(story);
    assertThat(fixture.storyIds(carol)).containsExactly(story);
    assertThat(fixture.storyIds(stranger)).isEmpty();
    assertRefused(fixture.view(stranger, story), 404, "story.not_found");
    assertRefused(fixture.viewers(stranger, story), 404, "story.not_found");
  }

  @Test
  void aSelectedStoryReachesOnlyTheListedContacts() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    fixture.addContacts(alice, bob, carol);

    String story = fixture.post(alice, text("Only for Bob").put("audience", audience("selected", bob))).getString("id");

    assertThat(fixture.storyIds(bob)).containsExactly(story);
    assertThat(fixture.storyIds(carol)).isEmpty();
    assertRefused(fixture.view(carol, story), 404, "story.not_found");
    expect(fixture.view(bob, story), 204);
  }

  @Test
  void aContactsExceptStoryLeavesOutTheListedContacts() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    Person dave = fixture.person("Dave");
    fixture.addContacts(alice, bob, carol, dave);

    JsonObject posted = fixture.post(alice, text("Not for Carol").put("audience", audience("contacts_except", carol)));
    String story = posted.getString("id");

    assertThat(posted.getJsonObject("audience").getString("type")).isEqualTo("contacts_except");
    assertThat(fixture.storyIds(bob)).containsExactly(story);
    assertThat(fixture.storyIds(dave)).containsExactly(story);
    assertThat(fixture.storyIds(carol)).isEmpty();
    assertRefused(fixture.view(carol, story), 404, "story.not_found");
  }

  @Test
  void aBlockEitherWayTakesSomeoneOutOfEveryAudience() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    fixture.addContacts(alice, bob, carol);
    String story = fixture.postText(alice, "Before the blocks").getString("id");
    assertThat(fixture.storyIds(bob)).containsExactly(story);

    fixture.block(bob, alice);
    fixture.block(alice, carol);

    assertThat(fixture.storyIds(bob)).isEmpty();
    assertThat(fixture.storyIds(carol)).isEmpty();
    assertRefused(fixture.view(bob, story), 404, "story.not_found");
    assertRefused(fixture.view(carol, story), 404, "story.not_found");
    // Nor can a blocked contact be named in a selected audience.
    assertRefused(fixture.call(HttpMethod.POST, "/stories", alice,
      text("For Carol?").put("audience", audience("selected", carol))), 422, "story.not_a_contact");
    assertRefused(fixture.call(HttpMethod.POST, "/stories", alice,
      text("For Bob?").put("audience", audience("selected", bob))), 422, "story.not_a_contact");
  }

  @Test
  void aContactRemovedAfterPostingNoLongerSeesTheStory() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    String story = fixture.postText(alice, "Still friends?").getString("id");
    expect(fixture.view(bob, story), 204);

    fixture.removeContact(alice, bob);

    assertThat(fixture.storyIds(bob)).isEmpty();
    assertRefused(fixture.view(bob, story), 404, "story.not_found");
    // Nor does Bob appear among the viewers any more.
    assertThat(expect(fixture.viewers(alice, story), 200).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void aSelectedAudienceNamesOnlyMyContactsAndARefusalPostsNothing() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person stranger = fixture.person("Stranger");
    fixture.addContacts(alice, bob);

    assertRefused(fixture.call(HttpMethod.POST, "/stories", alice,
      text("For a stranger").put("audience", audience("selected", bob, stranger))), 422, "story.not_a_contact");

    assertThat(fixture.scalar("SELECT count(*) FROM stories WHERE author_id = $1", alice.id())).isEqualTo(0L);
    assertThat(fixture.storyIds(bob)).isEmpty();
  }

  @Test
  void aPhotoStoryDownloadsForItsAudienceOnly() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    fixture.addContacts(alice, bob, carol);
    JsonObject photo = fixture.uploads().photo(alice.id());
    String mediaId = photo.getString("id");

    JsonObject posted = fixture.post(alice, new JsonObject().put("media", new JsonObject().put("id", mediaId))
      .put("caption", "Sunset").put("audience", audience("selected", bob)));

    assertThat(posted.getString("kind")).isEqualTo("image");
    assertThat(posted.getJsonObject("media").getString("id")).isEqualTo(mediaId);
    assertThat(posted.getString("caption")).isEqualTo("Sunset");
    JsonObject seen = fixture.feed(bob).getJsonArray("items").getJsonObject(0).getJsonArray("stories").getJsonObject(0);
    assertThat(seen.getJsonObject("media").getInteger("width")).isEqualTo(640);
    JsonObject download = expect(fixture.call(HttpMethod.GET, "/media/" + mediaId, bob, null), 200).bodyAsJsonObject();
    assertThat(download.getString("url")).isNotBlank();
    assertRefused(fixture.call(HttpMethod.GET, "/media/" + mediaId, carol, null), 404, "media.not_found");
  }
}
