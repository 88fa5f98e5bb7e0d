package io.parley.chat;

import io.parley.chat.Transactions.Written;
import io.parley.shared.Ids;
import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A numbered change of the chat itself (membership, invite links) that the chat shows as a system
 * message: take the chat's next number, apply the change under it, store the system message with
 * the change's details and record the change. Called inside a {@link Transactions#write}, after the
 * actor's and the target's member rows are locked (the writers' lock order).
 */
final class SystemChanges {

  /** What the change does to the chat's state, under its number. */
  @FunctionalInterface
  interface Mutation {
    Future<?> apply(long seq, Instant at);
  }

  private final MessageStore messages;
  private final ChangeStore changes;
  private final ChatEvents events;
  private final Ids ids;
  private final Clock clock;

  SystemChanges(MessageStore messages, ChangeStore changes, ChatEvents events, Clock clock) {
    this.messages = messages;
    this.changes = changes;
    this.events = events;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /** Completes with the change's number and its event. */
  Future<Written<Long>> record(SqlConnection tx, UUID chatId, UUID actorId, String type, JsonObject data,
                               Mutation mutation) {
    Instant now = DbTime.now(clock);
    return changes.nextSeq(tx, chatId, now).compose(seq -> mutation.apply(seq, now)
      .compose(applied -> messages.insertSystem(tx, ids.next(), chatId, seq, actorId, data, now))
      .compose(system -> {
        Change change = new Change(chatId, seq, type, actorId, now, seq, data, system.toJson());
        return changes.record(tx, change).map(done -> new Written<>(seq, List.of(events.of(change))));
      }));
  }
}
