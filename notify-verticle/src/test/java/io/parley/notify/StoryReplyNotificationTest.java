package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.notify.NotifyFixture.Person;
import io.parley.shared.Address;
import io.parley.story.StoryVerticle;
import io.parley.testkit.Poll;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reply to my story, a direct message quoting it, is told as a story reply through the real
 * path (story service, chat service, outbox, Kafka, notify), not as an ordinary message.
 */
class StoryReplyNotificationTest {

  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().deploy(StoryVerticle::new).build();

  @Test
  void aReplyToMyStoryIsToldAsAStoryReply() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    fixture.pool.preparedQuery("INSERT INTO user_contacts (owner_id, contact_id, created_at) VALUES ($1, $2, now())")
      .execute(Tuple.of(alice.id(), bob.id())).await();
    String story = fixture.ask(alice, Address.STORY_CREATE, new JsonObject().put("text", "Sunny here")
      .put("background", "#336699")).getString("id");
    UUID chat = fixture.direct(bob, alice);

    fixture.send(bob, chat, new JsonObject().put("text", "Lucky you!").put("story", new JsonObject().put("id", story)));

    Poll.until(() -> fixture.items(alice).stream().anyMatch(item -> "story_reply".equals(item.getString("type"))),
      NotifyFixture.WAIT);
    List<JsonObject> items = fixture.items(alice);
    JsonObject told = items.stream().filter(item -> "story_reply".equals(item.getString("type"))).findFirst().orElseThrow();
    assertThat(told.getString("body")).isEqualTo("Replied to your story: Lucky you!");
    assertThat(told.getString("chatId")).isEqualTo(chat.toString());
    assertThat(items).noneMatch(item -> "message".equals(item.getString("type")));
  }
}
