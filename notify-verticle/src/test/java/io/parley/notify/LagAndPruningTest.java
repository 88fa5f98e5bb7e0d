package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.DbTime;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.Topics;
import io.parley.testkit.Poll;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The consumer's lag is a metric; what is past keeping is pruned, on one node at a time. */
class LagAndPruningTest {

  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().config(ConfigKeys.NOTIFY_BATCH_SIZE, 10).build();

  @Test
  void aBacklogShowsAsLagThatFallsToZero() {
    fixture.stopNotify();
    String chat = UUID.randomUUID().toString();
    for (int i = 0; i < 300; i++) {
      EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), "chat.updated", Instant.now(), chat,
        new JsonObject().put("chatId", chat).put("seq", i + 1), 1);
      fixture.produce(Topics.CHATS, chat, event.toJson().encode());
    }
    fixture.startNotify();
    NotifyMetrics metrics = fixture.notifyService().metrics();

    AtomicLong highest = new AtomicLong();
    Poll.until(() -> {
      highest.accumulateAndGet(metrics.lag(), Math::max);
      return highest.get() > 0 && metrics.lag() == 0;
    }, NotifyFixture.WAIT);
    assertThat(highest.get()).isGreaterThan(10);
  }

  @Test
  void notificationsAndEventIdsPastKeepingArePrunedAndTheRestKept() {
    UUID user = fixture.person("Old").id();
    Instant old = Instant.now().minus(31, ChronoUnit.DAYS);
    Instant recent = Instant.now().minus(1, ChronoUnit.DAYS);
    UUID oldEvent = UUID.randomUUID();
    UUID recentEvent = UUID.randomUUID();
    for (Instant at : new Instant[] {old, recent}) {
      fixture.pool.preparedQuery("""
          INSERT INTO notifications (id, user_id, type, title, body, group_key, created_at)
          VALUES ($1, $2, 'sign_in', 't', 'b', 'n:' || $1, $3)""")
        .execute(Tuple.of(UUID.randomUUID(), user, DbTime.utc(at))).await();
    }
    fixture.pool.preparedQuery("INSERT INTO notify_events (event_id, processed_at) VALUES ($1, $2), ($3, $4)")
      .execute(Tuple.of(oldEvent, DbTime.utc(old), recentEvent, DbTime.utc(recent))).await();

    assertThat(fixture.notifyService().pruner().prune().await()).isTrue();

    assertThat(fixture.count("SELECT count(*) FROM notifications WHERE user_id = $1", user)).isEqualTo(1);
    assertThat(fixture.count("SELECT count(*) FROM notify_events WHERE event_id = $1", oldEvent)).isZero();
    assertThat(fixture.count("SELECT count(*) FROM notify_events WHERE event_id = $1", recentEvent)).isEqualTo(1);
  }
}
