package io.parley.story;

import static io.parley.story.StoryFixture.assertRefused;
import static io.parley.story.StoryFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.story.StoryFixture.Person;
import io.parley.testkit.BridgeClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expiry by a moved clock: a story is gone from the feed, views and downloads at the instant it
 * expires, before any cleaning; the expiry job then deletes it, its views and its media, and tells
 * its audience.
 */
class ExpiryTest {

  @RegisterExtension
  static final StoryFixture fixture = StoryFixture.services().build();

  @AfterEach
  void realTimeAgain() {
    fixture.clock.reset();
  }

  @Test
  void aStoryIsGoneEverywhereAtTheInstantItExpiresAndTheJobRemovesItsRowsAndMedia() throws Exception {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    String mediaId = fixture.uploads().photo(alice.id()).getString("id");
    JsonObject posted = fixture.post(alice, new JsonObject().put("media", new JsonObject().put("id", mediaId)));
    String story = posted.getString("id");
    Instant expiresAt = Instant.parse(posted.getString("expiresAt"));
    expect(fixture.view(bob, story), 204);

    fixture.clock.set(expiresAt.minusNanos(1_000));
    assertThat(fixture.storyIds(bob)).containsExactly(story);

    fixture.clock.set(expiresAt);
    assertThat(fixture.storyIds(bob)).isEmpty();
    assertThat(fixture.storyIds(alice)).isEmpty();
    assertRefused(fixture.view(bob, story), 404, "story.not_found");
    assertRefused(fixture.viewers(alice, story), 404, "story.not_found");
    assertRefused(fixture.call(HttpMethod.GET, "/media/" + mediaId, bob, null), 404, "media.not_found");
    // Not cleaned yet: the answers above came from the time filter alone.
    assertThat(fixture.scalar("SELECT count(*) FROM stories WHERE id = $1", UUID.fromString(story))).isEqualTo(1L);

    BridgeClient bobOnline = fixture.online(bob);
    assertThat(fixture.expireNow()).isGreaterThanOrEqualTo(1);

    assertThat(fixture.scalar("SELECT count(*) FROM stories WHERE id = $1", UUID.fromString(story))).isEqualTo(0L);
    assertThat(fixture.scalar("SELECT count(*) FROM story_views WHERE story_id = $1", UUID.fromString(story))).isEqualTo(0L);
    assertThat(fixture.scalar("SELECT count(*) FROM media WHERE id = $1", UUID.fromString(mediaId))).isEqualTo(0L);
    JsonObject expired = bobOnline.next(frame -> Address.CLIENT_EVENTS.equals(frame.getString("address"))
      && "story.expired".equals(frame.getJsonObject("body").getString("type")), StoryFixture.WAIT);
    assertThat(expired).isNotNull();
    assertThat(expired.getJsonObject("body").getJsonObject("payload").getString("storyId")).isEqualTo(story);
  }

  @Test
  void aStoryPostedLaterIsStillThereWhenAnEarlierOneExpires() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    JsonObject first = fixture.postText(alice, "first");
    fixture.clock.advance(Duration.ofMinutes(30));
    String second = fixture.postText(alice, "second").getString("id");

    fixture.clock.set(Instant.parse(first.getString("expiresAt")));

    assertThat(fixture.storyIds(bob)).containsExactly(second);
    fixture.expireNow();
    assertThat(fixture.scalar("SELECT count(*) FROM stories WHERE author_id = $1", alice.id())).isEqualTo(1L);
    assertThat(fixture.storyIds(bob)).containsExactly(second);
  }
}
