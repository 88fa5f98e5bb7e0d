package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.parley.auth.StaffStore.Standing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/** All SQL on an account's standing (the suspension and ban columns of {@code users}) and on {@code user_warnings}. */
final class SanctionStore {

  private SanctionStore() {
  }

  /** The standing of a live account, or null when there is none. */
  static Future<Standing> standing(SqlClient client, UUID userId) {
    return client.preparedQuery("SELECT suspended_until, banned_at FROM users WHERE id = $1 AND deleted_at IS NULL")
      .execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 ? null : Standing.of(rows.iterator().next()));
  }

  static Future<Void> suspend(SqlClient tx, UUID userId, Instant until) {
    return tx.preparedQuery("UPDATE users SET suspended_until = $2 WHERE id = $1")
      .execute(Tuple.of(userId, at(until))).mapEmpty();
  }

  static Future<Void> ban(SqlClient tx, UUID userId, Instant at) {
    return tx.preparedQuery("UPDATE users SET banned_at = $2 WHERE id = $1")
      .execute(Tuple.of(userId, at(at))).mapEmpty();
  }

  /** Lifts a suspension and a ban. */
  static Future<Void> reinstate(SqlClient tx, UUID userId) {
    return tx.preparedQuery("UPDATE users SET suspended_until = NULL, banned_at = NULL WHERE id = $1")
      .execute(Tuple.of(userId)).mapEmpty();
  }

  static Future<Void> warn(SqlClient tx, UUID id, UUID userId, UUID moderatorId, UUID reportId, String reason, Instant now) {
    return tx.preparedQuery("""
        INSERT INTO user_warnings (id, user_id, moderator_id, report_id, reason, created_at)
        VALUES ($1, $2, $3, $4, $5, $6)""")
      .execute(Tuple.of(id, userId, moderatorId, reportId, reason, at(now))).mapEmpty();
  }

  /** The user's warnings, newest first; who gave them is the moderators' business, not shown. */
  static Future<JsonArray> warningsOf(SqlClient client, UUID userId) {
    return client.preparedQuery("""
        SELECT id, reason, created_at FROM user_warnings WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100""")
      .execute(Tuple.of(userId))
      .map(rows -> {
        JsonArray warnings = new JsonArray();
        for (Row row : rows) {
          warnings.add(new JsonObject().put("id", row.getUUID("id").toString()).put("reason", row.getString("reason"))
            .put("at", row.getOffsetDateTime("created_at").toInstant().toString()));
        }
        return warnings;
      });
  }
}
