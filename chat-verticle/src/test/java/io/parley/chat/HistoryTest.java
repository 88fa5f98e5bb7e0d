package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HistoryTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();
  private static User alice;
  private static User bob;
  private static UUID chatId;

  /** A direct chat with 30 messages: seq 2 to 31. */
  @BeforeAll
  static void sendThirtyMessages() {
    alice = fixture.user("alice");
    bob = fixture.user("bob");
    chatId = fixture.direct(alice, bob);
    for (int i = 1; i <= 30; i++) {
      fixture.send(i % 2 == 0 ? alice : bob, chatId, "message " + i);
    }
  }

  private static List<Long> seqs(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getLong("seq")).toList();
  }

  private static JsonObject page(JsonObject query) {
    return fixture.call(alice, Address.CHAT_MESSAGE_HISTORY, chat(chatId).mergeIn(query));
  }

  @Test
  void withoutBoundsTheNewestPageComesInSequenceOrder() {
    JsonObject newest = page(new JsonObject().put("limit", 5));
    assertThat(seqs(newest)).containsExactly(27L, 28L, 29L, 30L, 31L);
    assertThat(newest.getBoolean("hasMore")).isTrue();
  }

  @Test
  void beforePagesBackwardAndAfterPagesForward() {
    assertThat(seqs(page(new JsonObject().put("before", 27).put("limit", 3)))).containsExactly(24L, 25L, 26L);
    assertThat(seqs(page(new JsonObject().put("after", 3).put("limit", 3)))).containsExactly(4L, 5L, 6L);
    assertThat(seqs(page(new JsonObject().put("after", 3).put("before", 6)))).containsExactly(4L, 5L);
    JsonObject end = page(new JsonObject().put("after", 29));
    assertThat(seqs(end)).containsExactly(30L, 31L);
    assertThat(end.getBoolean("hasMore")).isFalse();
    // Query strings arrive as text through the gateway.
    assertThat(seqs(page(new JsonObject().put("after", "29").put("limit", "1")))).containsExactly(30L);
  }

  @Test
  void negativeOrAbsurdPagingIsRefused() {
    for (JsonObject bad : List.of(new JsonObject().put("limit", 0), new JsonObject().put("limit", 101),
      new JsonObject().put("limit", "lots"), new JsonObject().put("after", -1), new JsonObject().put("before", 0),
      new JsonObject().put("after", "99999999999999999999999"), new JsonObject().put("after", 10).put("before", 5),
      new JsonObject().put("after", 1.5))) {
      fixture.assertRefused(alice, Address.CHAT_MESSAGE_HISTORY, chat(chatId).mergeIn(bad), "request.invalid_parameter", 400);
    }
  }

  @Test
  void outsidersCannotReadTheHistory() {
    User mallory = fixture.user("mallory");
    fixture.assertRefused(mallory, Address.CHAT_MESSAGE_HISTORY, chat(chatId), "chat.not_found", 404);
    fixture.assertRefused(mallory, Address.CHAT_GET, chat(chatId), "chat.not_found", 404);
    fixture.assertRefused(mallory, Address.CHAT_CHANGES, chat(chatId).put("after", 0), "chat.not_found", 404);
  }
}
