package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.MessageStore.NewMessage;
import io.parley.chat.ChatFixture.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batched send is the statement the server runs most, and the longest: a session prepares it
 * once and runs the kept statement for every later batch. Unprepared, PostgreSQL parsed and
 * planned it again for each batch, which cost more server CPU than storing the messages.
 */
class SendStatementTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  @Test
  void aSessionPreparesTheBatchedSendOnceAndRunsItForEveryBatch() {
    User owner = fixture.user("owner");
    User member = fixture.user("member");
    UUID chatId = fixture.group(owner, member);
    MessageStore messages = new MessageStore();

    long prepared = fixture.pool().withConnection(session -> messages.sendAll(session, List.of(text(chatId, owner, "one")))
        .compose(first -> messages.sendAll(session, List.of(text(chatId, member, "two"), text(chatId, owner, "three"))))
        .compose(second -> session.query("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO messages%'")
          .execute()))
      .await().iterator().next().getLong(0);

    assertThat(prepared).as("the send statement kept in the session").isEqualTo(1);
    assertThat(fixture.lastSeq(chatId)).as("both batches stored").isEqualTo(4);
  }

  private static NewMessage text(UUID chatId, User sender, String text) {
    return new NewMessage(UUID.randomUUID(), chatId, sender.id(), UUID.randomUUID().toString(),
      new MessageContent(MessageContent.TEXT, text, null, null), List.of(), null, null, null, null, Instant.now());
  }
}
