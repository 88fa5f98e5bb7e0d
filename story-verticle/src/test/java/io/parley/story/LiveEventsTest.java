package io.parley.story;

import static io.parley.story.StoryFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.story.StoryFixture.Person;
import io.parley.testkit.BridgeClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live events over the real bridge go to exactly their people: a new or deleted story to its
 * audience and its author, a view to the author alone. An absence is asserted only after a
 * witness on the same node received a later event.
 */
class LiveEventsTest {

  @RegisterExtension
  static final StoryFixture fixture = StoryFixture.services().build();

  @Test
  void aNewStoryReachesItsAudienceLiveAndNobodyElse() throws Exception {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person carol = fixture.person("Carol");
    Person stranger = fixture.person("Stranger");
    fixture.addContacts(alice, bob, carol);
    BridgeClient bobOnline = fixture.online(bob);
    BridgeClient carolOnline = fixture.online(carol);
    BridgeClient strangerOnline = fixture.online(stranger);
    BridgeClient aliceOnline = fixture.online(alice);

    JsonObject posted = fixture.post(alice, StoryFixture.text("Live!")
      .put("audience", StoryFixture.audience("contacts_except", carol)));
    String story = posted.getString("id");

    JsonObject created = event(bobOnline, "story.created");
    assertThat(created.getJsonObject("payload").getJsonObject("story").getString("id")).isEqualTo(story);
    assertThat(created.getJsonObject("payload").getJsonObject("author").getString("displayName")).isEqualTo("Alice");
    assertThat(created.getJsonObject("payload").getJsonObject("story").containsKey("audience")).isFalse();
    assertThat(event(aliceOnline, "story.created").getJsonObject("payload").getString("storyId")).isEqualTo(story);

    expect(fixture.view(bob, story), 204);
    JsonObject viewed = event(aliceOnline, "story.viewed");
    assertThat(viewed.getJsonObject("payload").getString("viewerId")).isEqualTo(bob.id().toString());

    expect(fixture.call(HttpMethod.DELETE, "/stories/" + story, alice, null), 204);
    assertThat(event(bobOnline, "story.deleted").getJsonObject("payload").getString("storyId")).isEqualTo(story);

    // Bob got the delete, which came after every other event: had Carol or the stranger been
    // sent anything, it would be there by now. Bob never sees who viewed.
    assertThat(storyEvents(carolOnline)).isZero();
    assertThat(storyEvents(strangerOnline)).isZero();
    assertThat(bobOnline.drain().stream().filter(isEvent("story.viewed")).count()).isZero();
  }

  private static JsonObject event(BridgeClient client, String type) throws InterruptedException {
    JsonObject frame = client.next(isEvent(type), StoryFixture.WAIT);
    assertThat(frame).as(type).isNotNull();
    return frame.getJsonObject("body");
  }

  private static long storyEvents(BridgeClient client) {
    return client.drain().stream().filter(frame -> Address.CLIENT_EVENTS.equals(frame.getString("address"))
      && frame.getJsonObject("body", new JsonObject()).getString("type", "").startsWith("story.")).count();
  }

  private static Predicate<JsonObject> isEvent(String type) {
    return frame -> Address.CLIENT_EVENTS.equals(frame.getString("address"))
      && type.equals(frame.getJsonObject("body", new JsonObject()).getString("type"));
  }
}
