package io.parley.chat;

import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.Outbox;
import io.parley.shared.event.Topics;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Enforces the retention an admin set (server-wide in {@code server_settings}, per chat in
 * {@code chat_retention}, the chat's value first): messages older than their chat's message
 * retention, and media messages older than its media retention, are deleted for everyone through
 * the normal delete path ({@link ModerationDeletes}): tombstone, numbered {@code message.deleted}
 * change, outbox row, and after the commit the event, so every device's history changes the same
 * way. A cluster singleton: {@code Housekeeping} runs each batch under the job's advisory lock.
 */
final class RetentionJob implements HousekeepingJob {

  static final String NAME = "chat.retention";

  /** What is past its time, oldest first; a null retention compares as unknown, so it keeps everything. */
  private static final String EXPIRED = """
      SELECT m.chat_id, m.seq FROM messages m
      CROSS JOIN server_settings s
      LEFT JOIN chat_retention r ON r.chat_id = m.chat_id
      WHERE m.deleted_at IS NULL AND m.kind <> 'system'
        AND (m.created_at < $1::timestamptz - make_interval(days => coalesce(r.message_retention_days, s.message_retention_days))
          OR m.kind IN ('image', 'video', 'audio', 'document')
             AND m.created_at < $1::timestamptz - make_interval(days => coalesce(r.media_retention_days, s.media_retention_days)))
      ORDER BY m.created_at
      LIMIT $2""";

  private final ModerationDeletes deletes;
  private final ChatEvents events;
  private final Clock clock;

  RetentionJob(ModerationDeletes deletes, ChatEvents events, Clock clock) {
    this.deletes = deletes;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Integer> runBatch(SqlConnection tx, int batch) {
    Instant now = clock.instant();
    return tx.preparedQuery(EXPIRED).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), batch)).compose(rows -> {
      List<EventEnvelope> written = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        UUID chatId = row.getUUID("chat_id");
        long seq = row.getLong("seq");
        // One after another: the writes share the job's transaction (and its lock).
        chain = chain.compose(previous -> deletes.delete(tx, chatId, seq, MessageChanges.SERVER, ModerationDeletes.BY_RETENTION, now)
          .map(change -> {
            written.addAll(change.events());
            return null;
          }));
      }
      return chain
        .compose(done -> Outbox.append(tx, Topics.CHATS, written))
        .map(appended -> {
          // Published once the job's transaction committed, as every chat write does.
          tx.transaction().completion().onSuccess(committed -> events.publish(written));
          return written.size();
        });
    });
  }
}
