package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.parley.auth.AdminRequests.SettingsUpdate;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/** All SQL on {@code server_settings}, {@code chat_retention} and {@code registration_invites}. */
final class SettingsStore {

  private static final String COLUMNS = "registration, max_accounts, message_retention_days, media_retention_days";

  private SettingsStore() {
  }

  static Future<ServerSettings> read(SqlClient client) {
    return client.query("SELECT " + COLUMNS + " FROM server_settings").execute()
      .map(rows -> settings(rows.iterator().next()));
  }

  /**
   * The settings, the row locked until the sign-up's transaction ends: sign-ups then count the
   * accounts one at a time, so two at once cannot both take the last place.
   */
  static Future<ServerSettings> lockForSignUp(SqlClient tx) {
    return tx.query("SELECT " + COLUMNS + " FROM server_settings FOR NO KEY UPDATE").execute()
      .map(rows -> settings(rows.iterator().next()));
  }

  /** Applies the fields present; a 0 limit (sent as null here) removes the limit. */
  static Future<ServerSettings> update(SqlClient tx, SettingsUpdate update, UUID by, Instant now) {
    return tx.preparedQuery("""
        UPDATE server_settings SET
          registration = coalesce($1, registration),
          max_accounts = CASE WHEN $2 THEN $3 ELSE max_accounts END,
          message_retention_days = CASE WHEN $4 THEN $5 ELSE message_retention_days END,
          media_retention_days = CASE WHEN $6 THEN $7 ELSE media_retention_days END,
          updated_at = $8, updated_by = $9
        RETURNING""" + " " + COLUMNS)
      .execute(Tuple.from(new Object[] {update.registration(), update.maxAccounts().present(), update.maxAccounts().value(),
        update.messageRetentionDays().present(), update.messageRetentionDays().value(),
        update.mediaRetentionDays().present(), update.mediaRetentionDays().value(), at(now), by}))
      .map(rows -> settings(rows.iterator().next()));
  }

  static Future<Long> liveAccounts(SqlClient client) {
    return client.query("SELECT count(*) AS n FROM users WHERE deleted_at IS NULL").execute()
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Sets one chat's retention (nulls fall back to the server's); completes with false when there is no such chat. */
  static Future<Boolean> setChatRetention(SqlClient tx, UUID chatId, Integer messageDays, Integer mediaDays, UUID by,
                                          Instant now) {
    return tx.preparedQuery("""
        INSERT INTO chat_retention (chat_id, message_retention_days, media_retention_days, updated_at, updated_by)
        SELECT id, $2, $3, $4, $5 FROM chats WHERE id = $1
        ON CONFLICT (chat_id) DO UPDATE SET message_retention_days = $2, media_retention_days = $3,
          updated_at = $4, updated_by = $5""")
      .execute(Tuple.of(chatId, messageDays, mediaDays, at(now), by))
      .map(rows -> rows.rowCount() > 0);
  }

  static Future<Void> insertInvite(SqlClient tx, byte[] codeHash, UUID by, Instant now, Instant expiresAt) {
    return tx.preparedQuery("""
        INSERT INTO registration_invites (code_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4)""")
      .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(codeHash), by, at(now), at(expiresAt))).mapEmpty();
  }

  /** Uses up an unused, unexpired invite code for the new account; completes with whether there was one. */
  static Future<Boolean> useInvite(SqlClient tx, byte[] codeHash, UUID userId, Instant now) {
    return tx.preparedQuery("""
        UPDATE registration_invites SET used_by = $2, used_at = $3
        WHERE code_hash = $1 AND used_by IS NULL AND expires_at > $3""")
      .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(codeHash), userId, at(now)))
      .map(rows -> rows.rowCount() > 0);
  }

  static Future<JsonArray> invites(SqlClient client, Instant now) {
    return client.preparedQuery("""
        SELECT i.created_at, i.expires_at, i.used_at, u.username::text AS used_by
        FROM registration_invites i LEFT JOIN users u ON u.id = i.used_by
        ORDER BY i.created_at DESC LIMIT 100""")
      .execute(Tuple.tuple())
      .map(rows -> {
        JsonArray items = new JsonArray();
        for (Row row : rows) {
          Instant expires = row.getOffsetDateTime("expires_at").toInstant();
          boolean used = row.getValue("used_at") != null;
          items.add(new JsonObject().put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
            .put("expiresAt", expires.toString()).put("usedBy", row.getString("used_by"))
            .put("state", used ? "used" : expires.isAfter(now) ? "open" : "expired"));
        }
        return items;
      });
  }

  private static ServerSettings settings(Row row) {
    return new ServerSettings(row.getString("registration"), row.getInteger("max_accounts"),
      row.getInteger("message_retention_days"), row.getInteger("media_retention_days"));
  }
}
