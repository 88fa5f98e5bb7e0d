package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL on {@code sessions}: device sessions and the hashes of their refresh tokens. */
final class SessionStore {

  static final String SIGN_OUT = "sign_out";
  static final String REVOKED = "revoked";
  static final String PASSWORD_CHANGED = "password_changed";
  static final String REFRESH_REUSE = "refresh_reuse";
  static final String SUSPENDED = "suspended";
  static final String BANNED = "banned";

  /** A session found by one of its refresh tokens. */
  record SessionRef(UUID id, UUID userId) {
  }

  private final Pool pool;

  SessionStore(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(SqlClient client, NewSession session) {
    return client.preparedQuery("""
        INSERT INTO sessions (id, user_id, refresh_hash, device_name, user_agent, client_address,
                              created_at, last_used_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)""")
      .execute(Tuple.from(new Object[] {session.id(), session.userId(), Buffer.buffer(session.refreshHash()),
        session.deviceName(), session.userAgent(), session.clientAddress(), at(session.createdAt()),
        at(session.expiresAt())}))
      .mapEmpty();
  }

  /**
   * Swaps the live session's refresh token {@code presented} for {@code next} and pushes its
   * expiry forward, in one atomic statement: of two requests racing with the same token, one
   * rotates and the other finds it already rotated. Completes with the session, or null when
   * {@code presented} is not the current token of a live session, or its account is suspended or
   * banned (a session signed in while the suspension was being decided ends here).
   */
  Future<SessionRef> rotate(byte[] presented, byte[] next, String clientAddress, Instant now, Instant expiresAt) {
    return pool.preparedQuery("""
        UPDATE sessions
        SET previous_hash = refresh_hash, refresh_hash = $2, client_address = $3, last_used_at = $4, expires_at = $5
        WHERE refresh_hash = $1 AND revoked_at IS NULL AND expires_at > $4
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = sessions.user_id
                          AND (u.banned_at IS NOT NULL OR u.suspended_until > $4))
        RETURNING id, user_id""")
      .execute(Tuple.of(Buffer.buffer(presented), Buffer.buffer(next), clientAddress, at(now), at(expiresAt)))
      .map(SessionStore::firstRef);
  }

  /**
   * Revokes the live session whose previous (already rotated) token is {@code presented}: seeing
   * it again means someone else holds the session's tokens. Completes with that session, or null.
   */
  Future<SessionRef> revokeByReusedToken(SqlClient client, byte[] presented, Instant now) {
    return client.preparedQuery("""
        UPDATE sessions SET revoked_at = $2, revoked_reason = $3
        WHERE previous_hash = $1 AND revoked_at IS NULL
        RETURNING id, user_id""")
      .execute(Tuple.of(Buffer.buffer(presented), at(now), REFRESH_REUSE))
      .map(SessionStore::firstRef);
  }

  /** Whether the session is live and belongs to a live account: the check behind every authenticated call. */
  Future<Boolean> isActive(UUID sessionId, UUID userId, Instant now) {
    return pool.preparedQuery("""
        SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 AND u.deleted_at IS NULL""")
      .execute(Tuple.of(sessionId, userId, at(now)))
      .map(rows -> rows.size() > 0);
  }

  /** The user's live sessions, most recently used first. */
  Future<List<SessionInfo>> listActive(UUID userId, Instant now) {
    return pool.preparedQuery("""
        SELECT id, device_name, user_agent, client_address, created_at, last_used_at, expires_at
        FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
        ORDER BY last_used_at DESC""")
      .execute(Tuple.of(userId, at(now)))
      .map(rows -> {
        List<SessionInfo> sessions = new ArrayList<>(rows.size());
        for (Row row : rows) {
          sessions.add(new SessionInfo(row.getUUID("id"), row.getString("device_name"), row.getString("user_agent"),
            row.getString("client_address"), row.getOffsetDateTime("created_at").toInstant(),
            row.getOffsetDateTime("last_used_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant()));
        }
        return sessions;
      });
  }

  /** Revokes one of the user's live sessions; completes with whether there was one to revoke. */
  Future<Boolean> revoke(SqlClient client, UUID userId, UUID sessionId, String reason, Instant now) {
    return client.preparedQuery("""
        UPDATE sessions SET revoked_at = $3, revoked_reason = $4
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL""")
      .execute(Tuple.of(sessionId, userId, at(now), reason))
      .map(rows -> rows.rowCount() > 0);
  }

  /** Revokes every live session of the user except {@code keep}; completes with the ids revoked. */
  Future<List<UUID>> revokeAllExcept(SqlClient client, UUID userId, UUID keep, String reason, Instant now) {
    return client.preparedQuery("""
        UPDATE sessions SET revoked_at = $3, revoked_reason = $4
        WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL
        RETURNING id""")
      .execute(Tuple.of(userId, keep, at(now), reason))
      .map(SessionStore::ids);
  }

  /** Revokes every live session of the user (a suspension, a ban); completes with the ids revoked. */
  Future<List<UUID>> revokeAll(SqlClient client, UUID userId, String reason, Instant now) {
    return client.preparedQuery("""
        UPDATE sessions SET revoked_at = $2, revoked_reason = $3
        WHERE user_id = $1 AND revoked_at IS NULL
        RETURNING id""")
      .execute(Tuple.of(userId, at(now), reason))
      .map(SessionStore::ids);
  }

  /**
   * Deletes all the user's sessions, live or not (device names, user agents and addresses are
   * personal data); completes with the ids of those that were live.
   */
  Future<List<UUID>> deleteAll(SqlClient client, UUID userId) {
    return client.preparedQuery("DELETE FROM sessions WHERE user_id = $1 RETURNING id, revoked_at")
      .execute(Tuple.of(userId))
      .map(rows -> {
        List<UUID> live = new ArrayList<>();
        for (Row row : rows) {
          if (row.getValue("revoked_at") == null) {
            live.add(row.getUUID("id"));
          }
        }
        return live;
      });
  }

  private static SessionRef firstRef(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    return new SessionRef(row.getUUID("id"), row.getUUID("user_id"));
  }

  private static List<UUID> ids(RowSet<Row> rows) {
    List<UUID> ids = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ids.add(row.getUUID("id"));
    }
    return ids;
  }

  /** Housekeeping: deletes up to {@code batch} sessions that expired or were revoked before {@code endedBefore}. */
  static Future<Integer> pruneEnded(SqlClient tx, Instant endedBefore, int batch) {
    return tx.preparedQuery("""
        DELETE FROM sessions WHERE id IN (
          SELECT id FROM sessions WHERE expires_at < $1
          UNION
          SELECT id FROM sessions WHERE revoked_at < $1
          LIMIT $2)""")
      .execute(Tuple.of(at(endedBefore), batch))
      .map(RowSet::rowCount);
  }
}
