package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** All SQL on {@code user_roles}, and the accounts list of the admin area. */
final class StaffStore {

  private StaffStore() {
  }

  /**
   * The roles of the caller if their session is live and their account is too, else null: the
   * session check every auth-service call makes anyway, with the roles in the same round trip.
   */
  static Future<Set<ServerRole>> rolesOfLiveSession(SqlClient client, UUID sessionId, UUID userId, Instant now) {
    return client.preparedQuery("""
        SELECT array_remove(array_agg(r.role), NULL) AS roles
        FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_roles r ON r.user_id = u.id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 AND u.deleted_at IS NULL
        GROUP BY u.id""")
      .execute(Tuple.of(sessionId, userId, at(now)))
      .map(rows -> rows.size() == 0 ? null : roles(rows.iterator().next().getArrayOfStrings("roles")));
  }

  /** The user's roles (none for an unknown user). */
  static Future<Set<ServerRole>> rolesOf(SqlClient client, UUID userId) {
    return client.preparedQuery("SELECT role FROM user_roles WHERE user_id = $1").execute(Tuple.of(userId))
      .map(rows -> {
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.getString("role")));
        return roles(names.toArray(String[]::new));
      });
  }

  /** Gives the role; completes with whether it is new. */
  static Future<Boolean> grant(SqlClient tx, UUID userId, ServerRole role, UUID grantedBy, Instant now) {
    return tx.preparedQuery("""
        INSERT INTO user_roles (user_id, role, granted_by, granted_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT DO NOTHING""")
      .execute(Tuple.of(userId, role.code(), grantedBy, at(now)))
      .map(rows -> rows.rowCount() > 0);
  }

  /** Takes the role away; completes with whether the user had it. */
  static Future<Boolean> revoke(SqlClient tx, UUID userId, ServerRole role) {
    return tx.preparedQuery("DELETE FROM user_roles WHERE user_id = $1 AND role = $2")
      .execute(Tuple.of(userId, role.code()))
      .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Live accounts for the admin area, newest first, optionally those whose username, display name
   * or email contains {@code text}: with roles and standing (suspension, ban).
   */
  static Future<JsonArray> accounts(SqlClient client, String text, int limit, Instant now) {
    return client.preparedQuery("""
        SELECT u.id, u.username::text AS username, u.email::text AS email, u.display_name, u.created_at,
               u.suspended_until, u.banned_at,
               array_remove(array_agg(r.role ORDER BY r.role), NULL) AS roles
        FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
        WHERE u.deleted_at IS NULL
          AND ($1::text IS NULL OR lower(u.username::text) LIKE '%' || $1 || '%'
               OR lower(u.display_name) LIKE '%' || $1 || '%' OR lower(u.email::text) LIKE '%' || $1 || '%')
        GROUP BY u.id
        ORDER BY u.created_at DESC, u.id DESC
        LIMIT $2""")
      .execute(Tuple.of(text, limit))
      .map(rows -> {
        JsonArray accounts = new JsonArray();
        for (Row row : rows) {
          accounts.add(new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put("username", row.getString("username"))
            .put("email", row.getString("email"))
            .put("displayName", row.getString("display_name"))
            .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
            .put("roles", new JsonArray(List.of(row.getArrayOfStrings("roles"))))
            .put("standing", Standing.of(row).toJson(now)));
        }
        return accounts;
      });
  }

  private static Set<ServerRole> roles(String[] names) {
    Set<ServerRole> roles = EnumSet.noneOf(ServerRole.class);
    if (names != null) {
      for (String name : names) {
        roles.add(ServerRole.of(name));
      }
    }
    return roles;
  }

  /** An account's standing: banned, suspended until a time, or in good standing. */
  record Standing(Instant suspendedUntil, Instant bannedAt) {

    static Standing of(Row row) {
      OffsetDateTime suspended = row.getOffsetDateTime("suspended_until");
      OffsetDateTime banned = row.getOffsetDateTime("banned_at");
      return new Standing(suspended == null ? null : suspended.toInstant(), banned == null ? null : banned.toInstant());
    }

    boolean banned() {
      return bannedAt != null;
    }

    boolean suspendedAt(Instant now) {
      return suspendedUntil != null && suspendedUntil.isAfter(now);
    }

    JsonObject toJson(Instant now) {
      String state = banned() ? "banned" : suspendedAt(now) ? "suspended" : "good";
      return new JsonObject().put("state", state)
        .put("suspendedUntil", suspendedAt(now) ? suspendedUntil.toString() : null)
        .put("bannedAt", bannedAt == null ? null : bannedAt.toString());
    }
  }
}
