package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.parley.shared.Caller;
import io.parley.shared.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** All SQL on {@code audit_log}: append only. */
final class AuditStore {

  private final Ids ids;
  private final Clock clock;

  AuditStore(Ids ids, Clock clock) {
    this.ids = ids;
    this.clock = clock;
  }

  /** Appends the entry with the request's origin; pass the transaction of the change it records. */
  Future<Void> record(SqlClient client, AuditEntry entry, Caller request) {
    return client.preparedQuery("""
        INSERT INTO audit_log (id, at, event, user_id, session_id, client_address, user_agent, details)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
      .execute(Tuple.from(new Object[] {ids.next(), at(clock.instant()), entry.event(), entry.userId(),
        entry.sessionId(), request.clientAddress(), request.userAgent(), entry.details()}))
      .mapEmpty();
  }

  /** The newest audit rows, of one user or all, for the admin area. */
  static Future<JsonArray> newest(SqlClient client, UUID userId, int limit) {
    return client.preparedQuery("""
        SELECT id, at, event, user_id, session_id, client_address, details FROM audit_log
        WHERE $1::uuid IS NULL OR user_id = $1
        ORDER BY at DESC, id DESC LIMIT $2""")
      .execute(Tuple.of(userId, limit))
      .map(rows -> {
        JsonArray items = new JsonArray();
        for (Row row : rows) {
          UUID user = row.getUUID("user_id");
          items.add(new JsonObject().put("id", row.getUUID("id").toString())
            .put("at", row.getOffsetDateTime("at").toInstant().toString())
            .put("event", row.getString("event"))
            .put("userId", user == null ? null : user.toString())
            .put("clientAddress", row.getString("client_address"))
            .put("details", row.getJsonObject("details")));
        }
        return items;
      });
  }

  /** Housekeeping: deletes up to {@code batch} audit rows older than {@code before}. */
  static Future<Integer> pruneBefore(SqlClient tx, Instant before, int batch) {
    return tx.preparedQuery("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $1 LIMIT $2)")
      .execute(Tuple.of(at(before), batch))
      .map(RowSet::rowCount);
  }
}
