package io.parley.chat;

import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.Outbox;
import io.parley.shared.event.Topics;
import io.vertx.core.Future;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the chat service writes: the state change and its events' outbox rows commit in
 * one transaction, and only after the commit are the events published on the bus and the caller
 * answered. So an acknowledged change is durable, and every published event exists in the outbox.
 *
 * <p>Writers lock rows in one order (member rows, then the chat row, then message rows), so
 * deadlocks are rare; when PostgreSQL breaks one anyway, the whole transaction runs again once.
 */
final class Transactions {

  private static final Logger log = LoggerFactory.getLogger(Transactions.class);
  private static final String DEADLOCK = "40P01";
  private static final String SERIALIZATION_FAILURE = "40001";

  private final Pool pool;
  private final ChatEvents events;

  Transactions(Pool pool, ChatEvents events) {
    this.pool = pool;
    this.events = events;
  }

  /** The outcome of a write: the answer and the events of what changed (none if nothing did). */
  record Written<T>(T value, List<EventEnvelope> events) {

    static <T> Written<T> unchanged(T value) {
      return new Written<>(value, List.of());
    }
  }

  <T> Future<T> write(Function<SqlConnection, Future<Written<T>>> work) {
    return attempt(work).recover(failure -> {
      if (failure instanceof DatabaseException db
        && (DEADLOCK.equals(db.getSqlState()) || SERIALIZATION_FAILURE.equals(db.getSqlState()))) {
        log.debug("Retrying a chat write after {}", db.getSqlState());
        return attempt(work);
      }
      return Future.failedFuture(failure);
    });
  }

  private <T> Future<T> attempt(Function<SqlConnection, Future<Written<T>>> work) {
    return pool.withTransaction(tx -> work.apply(tx)
        .compose(written -> Outbox.append(tx, Topics.CHATS, written.events()).map(written)))
      .map(written -> {
        events.publish(written.events());
        return written.value();
      });
  }

  /** Whether a failure is a unique-constraint violation (SQLSTATE 23505). */
  static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof DatabaseException db && "23505".equals(db.getSqlState());
  }
}
