package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryBatchTest {

  private final UUID chat = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();
  private final UUID carol = UUID.randomUUID();

  private Plan.Deliver message(long seq, Kind kind, String body, UUID... to) {
    List<Notice> notices = java.util.Arrays.stream(to).map(user -> new Notice(user, kind, "Group", body,
      NotifyRules.pushKey(kind, chat), NotifyRules.groupKey(kind, chat))).toList();
    return new Plan.Deliver(UUID.randomUUID(), chat, seq, UUID.randomUUID(), null, notices);
  }

  @Test
  void aChatsMessagesToOnePersonFoldIntoOneRowShowingTheNewest() {
    DeliveryBatch batch = new DeliveryBatch();
    batch.add(message(2, Kind.MESSAGE, "one", bob, carol), UUID::randomUUID);
    batch.add(message(3, Kind.MENTION, "two", bob), UUID::randomUUID);
    batch.add(message(4, Kind.MESSAGE, "three", bob), UUID::randomUUID);

    assertThat(batch.rows()).hasSize(2);
    DeliveryBatch.Row bobs = batch.rows().get(0);
    assertThat(bobs.userId()).isEqualTo(bob);
    assertThat(bobs.count()).isEqualTo(3);
    assertThat(bobs.body()).isEqualTo("three");
    assertThat(bobs.seq()).isEqualTo(4);
    assertThat(bobs.type()).as("a mention is kept over later plain messages").isEqualTo("mention");
    assertThat(batch.rows().get(1).count()).isEqualTo(1);
    assertThat(batch.touches(bob, chat)).isTrue();
    assertThat(batch.touches(bob, UUID.randomUUID())).isFalse();
  }

  @Test
  void notificationsThatDoNotCollapseStayRowsOfTheirOwn() {
    DeliveryBatch batch = new DeliveryBatch();
    batch.add(message(5, Kind.REACTION, "👍", bob), UUID::randomUUID);
    batch.add(message(6, Kind.REACTION, "🎉", bob), UUID::randomUUID);
    assertThat(batch.rows()).extracting(DeliveryBatch.Row::body).containsExactly("👍", "🎉");
    assertThat(batch.rows()).extracting(DeliveryBatch.Row::groupKey).containsOnlyNulls();
    assertThat(batch.mentions(bob)).isTrue();
    assertThat(batch.touches(bob, chat)).isTrue();
  }
}
