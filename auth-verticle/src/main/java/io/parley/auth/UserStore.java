package io.parley.auth;

import io.parley.shared.error.AuthErrors;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** All SQL on {@code users}. Usernames and emails are citext: equal regardless of letter case. */
final class UserStore {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS = """
      id, username::text AS username, email::text AS email, display_name, password_hash, bio, status_text,
      avatar_media_id, last_seen_visibility, phone, phone_visibility, created_at, deleted_at""";

  private final Pool pool;

  UserStore(Pool pool) {
    this.pool = pool;
  }

  /** Fails with 409 {@code auth.username_taken} or {@code auth.email_taken} when either is in use. */
  Future<UserAccount> insert(SqlClient tx, UUID id, RegisterRequest request, String passwordHash, Instant now) {
    return tx.preparedQuery("""
        INSERT INTO users (id, username, email, display_name, password_hash, created_at, updated_at)
        VALUES ($1, $2::text::citext, $3::text::citext, $4, $5, $6, $6)
        RETURNING""" + " " + COLUMNS)
      .execute(Tuple.of(id, request.username(), request.email(), request.displayName(), passwordHash, at(now)))
      .map(rows -> toAccount(rows.iterator().next()))
      .recover(failure -> Future.failedFuture(takenOr(failure)));
  }

  /** The live account with this username (any case), or null. */
  Future<UserAccount> findByUsername(String username) {
    return one(pool, "SELECT " + COLUMNS + " FROM users WHERE username = $1::text::citext AND deleted_at IS NULL",
      Tuple.of(username));
  }

  /** The live account with this email (any case), or null. */
  Future<UserAccount> findByEmail(String email) {
    return one(pool, "SELECT " + COLUMNS + " FROM users WHERE email = $1::text::citext AND deleted_at IS NULL",
      Tuple.of(email));
  }

  /** The account, deleted or not, or null. */
  Future<UserAccount> findById(UUID id) {
    return one(pool, "SELECT " + COLUMNS + " FROM users WHERE id = $1", Tuple.of(id));
  }

  /** Applies the fields present in {@code update}; completes with the account as it now is (null if gone). */
  Future<UserAccount> updateProfile(SqlClient tx, UUID id, ProfileUpdate update, Instant now) {
    return one(tx, """
        UPDATE users SET
          display_name         = coalesce($2, display_name),
          bio                  = coalesce($3, bio),
          status_text          = coalesce($4, status_text),
          avatar_media_id      = CASE WHEN $5 THEN NULL ELSE coalesce($6, avatar_media_id) END,
          last_seen_visibility = coalesce($7, last_seen_visibility),
          updated_at           = $8,
          phone                = CASE WHEN $9 THEN NULL ELSE coalesce($10, phone) END,
          phone_visibility     = coalesce($11, phone_visibility)
        WHERE id = $1 AND deleted_at IS NULL
        RETURNING""" + " " + COLUMNS,
      Tuple.from(new Object[] {id, update.displayName(), update.bio(), update.statusText(), update.clearAvatar(),
        update.avatarMediaId(), update.lastSeenVisibility(), at(now), update.clearPhone(), update.phone(),
        update.phoneVisibility()}));
  }

  Future<Void> updatePasswordHash(SqlClient client, UUID id, String passwordHash, Instant now) {
    return client.preparedQuery("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
      .execute(Tuple.of(id, passwordHash, at(now)))
      .mapEmpty();
  }

  /**
   * Wipes an account's personal data but keeps the row, so messages keep a sender ("Deleted
   * user"). Username and email become tombstones that no real one can equal (a '~' is not
   * allowed in usernames), which frees the originals for new accounts.
   */
  Future<Void> anonymise(SqlClient tx, UUID id, Instant now) {
    return tx.preparedQuery("""
        UPDATE users SET
          username = ('deleted~' || id)::citext,
          email = ('deleted~' || id || '@invalid')::citext,
          display_name = $2,
          password_hash = '',
          bio = '',
          status_text = '',
          avatar_media_id = NULL,
          last_seen_visibility = 'nobody',
          phone = NULL,
          phone_visibility = 'nobody',
          updated_at = $3,
          deleted_at = $3
        WHERE id = $1""")
      .execute(Tuple.of(id, AccountRules.DELETED_DISPLAY_NAME, at(now)))
      .mapEmpty();
  }

  private static Future<UserAccount> one(SqlClient client, String sql, Tuple params) {
    return client.preparedQuery(sql).execute(params)
      .map(rows -> rows.size() == 0 ? null : toAccount(rows.iterator().next()));
  }

  private static UserAccount toAccount(Row row) {
    OffsetDateTime deletedAt = row.getOffsetDateTime("deleted_at");
    return new UserAccount(
      row.getUUID("id"),
      row.getString("username"),
      row.getString("email"),
      row.getString("display_name"),
      row.getString("password_hash"),
      row.getString("bio"),
      row.getString("status_text"),
      row.getUUID("avatar_media_id"),
      row.getString("last_seen_visibility"),
      row.getString("phone"),
      row.getString("phone_visibility"),
      row.getOffsetDateTime("created_at").toInstant(),
      deletedAt == null ? null : deletedAt.toInstant());
  }

  private static Throwable takenOr(Throwable failure) {
    if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      if ("users_username_key".equals(pg.getConstraint())) {
        return AuthErrors.USERNAME_TAKEN.exception("This username is taken");
      }
      if ("users_email_key".equals(pg.getConstraint())) {
        return AuthErrors.EMAIL_TAKEN.exception("An account with this email exists");
      }
    }
    return failure;
  }

  static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
