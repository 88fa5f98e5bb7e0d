package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * All SQL on {@code user_contacts}, and who may see a phone number. The story service reads
 * contacts through the {@code story_viewers} view (V061), never this table by name.
 */
final class ContactStore {

  /** The two-key advisory lock space of the contacts cap; the second key is the owner's. */
  private static final int CAP_LOCK = 0x636f6e74;
  /** The most people one phone number answers with (numbers are not unique: see V060). */
  private static final int LOOKUP_MAX = 20;

  private static final String SUMMARY = """
      u.id, u.username::text AS username, u.display_name, u.avatar_media_id, u.status_text""";

  private final Pool pool;

  ContactStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Whether the viewer bound as {@code viewer} may see the phone number of user {@code u} (and
   * find {@code u} by it): {@code everyone}; {@code contacts}, when {@code u} added the viewer; and
   * never across a block, either way.
   */
  static String phoneVisibleTo(String viewer) {
    return """
        (u.phone IS NOT NULL
         AND (u.phone_visibility = 'everyone'
              OR u.phone_visibility = 'contacts'
                 AND EXISTS (SELECT 1 FROM user_contacts back WHERE back.owner_id = u.id AND back.contact_id = %1$s))
         AND NOT EXISTS (SELECT 1 FROM user_blocks b
                         WHERE b.blocker_id = u.id AND b.blocked_id = %1$s OR b.blocker_id = %1$s AND b.blocked_id = u.id))"""
      .formatted(viewer);
  }

  /** My contacts by the name I see (local name, else display name), each with the phone if I may see it. */
  Future<List<JsonObject>> list(UUID owner, int max) {
    return pool.preparedQuery("SELECT " + SUMMARY + ", c.name, c.created_at, CASE WHEN " + phoneVisibleTo("$1")
        + """
         THEN u.phone END AS phone
        FROM user_contacts c JOIN users u ON u.id = c.contact_id
        WHERE c.owner_id = $1 AND u.deleted_at IS NULL
        ORDER BY lower(coalesce(c.name, u.display_name)), u.id
        LIMIT $2""")
      .execute(Tuple.of(owner, max))
      .map(ContactStore::contacts);
  }

  /** Outcome of an add: the contact as now stored (null: no such live user), and whether it is new. */
  record Added(JsonObject contact, boolean created) {
  }

  /**
   * Adds {@code contact} to {@code owner}'s contacts with a local name (null: none), or renames an
   * existing one. Completes with null when there is no such live user, and fails with
   * {@code tooMany} when a new contact would pass {@code max}.
   */
  Future<Added> add(UUID owner, UUID contact, String name, Instant now, int max, RuntimeException tooMany) {
    // The count and the insert are exact only one at a time per owner: concurrent adds queue on the lock.
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1, hashtext($2))")
      .execute(Tuple.of(CAP_LOCK, owner.toString()))
      .compose(locked -> tx.preparedQuery("""
          SELECT (SELECT count(*) FROM user_contacts WHERE owner_id = $1) AS contacts,
                 EXISTS (SELECT 1 FROM user_contacts WHERE owner_id = $1 AND contact_id = $2) AS known,
                 EXISTS (SELECT 1 FROM users WHERE id = $2 AND deleted_at IS NULL) AS live""")
        .execute(Tuple.of(owner, contact)))
      .compose(state -> {
        Row row = state.iterator().next();
        if (!row.getBoolean("live")) {
          return Future.succeededFuture(null);
        }
        boolean known = row.getBoolean("known");
        if (!known && row.getLong("contacts") >= max) {
          return Future.failedFuture(tooMany);
        }
        return tx.preparedQuery("""
            INSERT INTO user_contacts (owner_id, contact_id, name, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (owner_id, contact_id) DO UPDATE SET name = EXCLUDED.name""")
          .execute(Tuple.of(owner, contact, name, at(now)))
          .compose(stored -> one(tx, owner, contact))
          .map(stored -> new Added(stored, !known));
      }));
  }

  /** Removes {@code contact} from {@code owner}'s contacts; nothing when they were not one. */
  Future<Void> remove(UUID owner, UUID contact) {
    return pool.preparedQuery("DELETE FROM user_contacts WHERE owner_id = $1 AND contact_id = $2")
      .execute(Tuple.of(owner, contact)).mapEmpty();
  }

  /** The live people other than {@code viewer} with this number who let {@code viewer} find them by it. */
  Future<List<JsonObject>> byPhone(UUID viewer, String phone) {
    return pool.preparedQuery("SELECT " + SUMMARY + """
        , EXISTS (SELECT 1 FROM user_contacts mine WHERE mine.owner_id = $1 AND mine.contact_id = u.id) AS contact
        FROM users u
        WHERE u.phone = $2 AND u.deleted_at IS NULL AND u.id <> $1 AND """ + phoneVisibleTo("$1") + """

        ORDER BY u.created_at, u.id
        LIMIT $3""")
      .execute(Tuple.of(viewer, phone, LOOKUP_MAX))
      .map(rows -> {
        List<JsonObject> people = new ArrayList<>(rows.size());
        for (Row row : rows) {
          people.add(summary(row).toJson().put("contact", row.getBoolean("contact")));
        }
        return people;
      });
  }

  /** The phone number of {@code user} if {@code viewer} may see it, else null. */
  Future<String> visiblePhone(UUID viewer, UUID user) {
    return pool.preparedQuery("SELECT CASE WHEN " + phoneVisibleTo("$1") + " THEN u.phone END AS phone FROM users u WHERE u.id = $2")
      .execute(Tuple.of(viewer, user))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("phone"));
  }

  /** Removes every contact of and with the user (on account deletion). */
  static Future<Void> deleteAllOf(SqlClient client, UUID userId) {
    return client.preparedQuery("DELETE FROM user_contacts WHERE owner_id = $1 OR contact_id = $1")
      .execute(Tuple.of(userId)).mapEmpty();
  }

  private static Future<JsonObject> one(SqlClient client, UUID owner, UUID contact) {
    return client.preparedQuery("SELECT " + SUMMARY + ", c.name, c.created_at, CASE WHEN " + phoneVisibleTo("$1")
        + " THEN u.phone END AS phone FROM user_contacts c JOIN users u ON u.id = c.contact_id"
        + " WHERE c.owner_id = $1 AND c.contact_id = $2")
      .execute(Tuple.of(owner, contact))
      .map(rows -> contacts(rows).get(0));
  }

  private static List<JsonObject> contacts(RowSet<Row> rows) {
    List<JsonObject> contacts = new ArrayList<>(rows.size());
    for (Row row : rows) {
      JsonObject contact = new JsonObject()
        .put("user", summary(row).toJson())
        .put("name", row.getString("name"))
        .put("addedAt", row.getOffsetDateTime("created_at").toInstant().toString());
      if (row.getString("phone") != null) {
        contact.put("phone", row.getString("phone"));
      }
      contacts.add(contact);
    }
    return contacts;
  }

  private static UserSummary summary(Row row) {
    return new UserSummary(row.getUUID("id"), row.getString("username"), row.getString("display_name"),
      row.getUUID("avatar_media_id"), row.getString("status_text"));
  }
}
