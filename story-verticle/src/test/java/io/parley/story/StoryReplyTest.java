package io.parley.story;

import static io.parley.story.StoryFixture.assertRefused;
import static io.parley.story.StoryFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.story.StoryFixture.Person;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reply to a story is a direct message to its author through the normal chat path, quoting
 * the story as the story service describes it; only someone who may see the story replies, and
 * only in the direct chat with its author.
 */
class StoryReplyTest {

  @RegisterExtension
  static final StoryFixture fixture = StoryFixture.services().build();

  @Test
  void aReplyArrivesAsADirectMessageQuotingTheStory() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    String story = fixture.postText(alice, "Guess where I am").getString("id");
    String chat = direct(bob, alice);

    JsonObject sent = expect(reply(bob, chat, story, "Lisbon?"), 201).bodyAsJsonObject();

    assertThat(sent.getString("text")).isEqualTo("Lisbon?");
    assertThat(sent.getJsonObject("story").getString("id")).isEqualTo(story);
    assertThat(sent.getJsonObject("story").getString("authorId")).isEqualTo(alice.id().toString());
    assertThat(sent.getJsonObject("story").getString("text")).isEqualTo("Guess where I am");
    JsonArray history = expect(fixture.call(HttpMethod.GET, "/chats/" + chat + "/messages", alice, null), 200)
      .bodyAsJsonObject().getJsonArray("items");
    JsonObject received = history.getJsonObject(history.size() - 1);
    assertThat(received.getString("text")).isEqualTo("Lisbon?");
    assertThat(received.getJsonObject("story").getString("id")).isEqualTo(story);
  }

  @Test
  void onlyTheAudienceRepliesAndOnlyToTheAuthorAndNothingIsStoredOtherwise() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    Person stranger = fixture.person("Stranger");
    Person carol = fixture.person("Carol");
    fixture.addContacts(alice, bob);
    String story = fixture.postText(alice, "For my contacts").getString("id");
    String strangersChat = direct(stranger, alice);
    String bobAndCarol = direct(bob, carol);
    String group = expect(fixture.call(HttpMethod.POST, "/chats", bob, new JsonObject().put("type", "group")
      .put("title", "Friends").put("memberIds", new JsonArray().add(alice.id().toString()))), 201)
      .bodyAsJsonObject().getString("id");

    assertRefused(reply(stranger, strangersChat, story, "Hi"), 404, "story.not_found");
    assertRefused(reply(bob, bobAndCarol, story, "Look at this"), 422, "message.invalid_story_reply");
    assertRefused(reply(bob, group, story, "In the group"), 422, "message.invalid_story_reply");
    assertRefused(reply(alice, direct(alice, bob), story, "My own"), 422, "message.invalid_story_reply");
    assertRefused(reply(bob, direct(bob, alice), UUID.randomUUID().toString(), "No such"), 404, "story.not_found");
    assertRefused(reply(bob, direct(bob, alice), "nope", "Bad id"), 400, "request.invalid");

    assertThat(fixture.scalar("SELECT count(*) FROM messages WHERE story IS NOT NULL AND sender_id = ANY ($1)",
      (Object) new UUID[] {alice.id(), bob.id(), stranger.id()})).isEqualTo(0L);
  }

  @Test
  void anExpiredStoryTakesNoReplies() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.addContacts(alice, bob);
    JsonObject story = fixture.postText(alice, "Soon gone");
    String chat = direct(bob, alice);

    fixture.clock.set(Instant.parse(story.getString("expiresAt")));
    try {
      assertRefused(reply(bob, chat, story.getString("id"), "Too late?"), 404, "story.not_found");
    } finally {
      fixture.clock.reset();
    }
  }

  private static String direct(Person me, Person other) {
    HttpResponse<Buffer> created = fixture.call(HttpMethod.POST, "/chats", me,
      new JsonObject().put("type", "direct").put("userId", other.id().toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isIn(200, 201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static HttpResponse<Buffer> reply(Person me, String chat, String storyId, String text) {
    return fixture.call(HttpMethod.POST, "/chats/" + chat + "/messages", me, new JsonObject()
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", text)
      .put("story", new JsonObject().put("id", storyId)));
  }
}
