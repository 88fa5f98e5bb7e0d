package io.parley.media;

import static io.parley.shared.db.DbTime.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** All SQL of the media service. */
final class MediaStore {

  /** The two-key advisory lock space of the pending-upload cap; the second key is the user's. */
  private static final int PENDING_LOCK = 0x6d656469;

  private static final String INSERT_UNDER_CAP = """
      INSERT INTO media AS m (id, owner_id, kind, status, content_type, size, file_name, object_key, created_at, sweep_at)
      SELECT #{id}, #{owner}, #{kind}, 'pending', #{contentType}, #{size}, #{fileName}, #{objectKey}, #{now}, #{sweepAt}
      WHERE (SELECT count(*) FROM media WHERE owner_id = #{owner} AND status = 'pending' AND sweep_at > #{now}) < #{max}
      RETURNING""" + " " + Media.COLUMNS;

  private static final String READY = """
      UPDATE media m SET status = 'ready', object_key = #{objectKey}, width = #{width}, height = #{height},
                         duration_ms = #{durationMs}, thumbnail_type = #{thumbnailType}, thumbnail_width = #{thumbnailWidth},
                         thumbnail_height = #{thumbnailHeight}, ready_at = #{now}, sweep_at = #{sweepAt}
      WHERE m.id = #{id} AND m.status = 'pending'
      RETURNING""" + " " + Media.COLUMNS;

  /**
   * One round of the orphan job: the media whose time came (oldest first, none another round
   * holds), each either kept (ready and referenced: looked at again later) or marked
   * {@code deleting} and answered, so its objects can be removed and then its row.
   */
  private static final String SWEEP = """
      WITH due AS (
        SELECT m.id, m.status = 'ready' AND %s AS keep
        FROM media m WHERE m.sweep_at <= $1 ORDER BY m.sweep_at LIMIT $2
        FOR UPDATE SKIP LOCKED
      ), kept AS (
        UPDATE media m SET sweep_at = $3 FROM due WHERE m.id = due.id AND due.keep
      )
      UPDATE media m SET status = 'deleting', sweep_at = $4 FROM due WHERE m.id = due.id AND NOT due.keep
      RETURNING""".formatted(MediaReferences.REFERENCED) + " " + Media.COLUMNS;

  /** A new pending upload, unless the owner already has {@code max} pending: then null. */
  Future<Media> insertPending(Pool pool, Media media, int max, Instant sweepAt) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", media.id());
    params.put("owner", media.ownerId());
    params.put("kind", media.kind().wire);
    params.put("contentType", media.contentType());
    params.put("size", media.size());
    params.put("fileName", media.fileName());
    params.put("objectKey", media.objectKey());
    params.put("now", utc(media.createdAt()));
    params.put("sweepAt", utc(sweepAt));
    params.put("max", max);
    // The count and the insert are exact only one at a time per user: concurrent requests queue
    // on the user's lock, and each then counts in its own, later snapshot.
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1, hashtext($2))")
      .execute(Tuple.of(PENDING_LOCK, media.ownerId().toString()))
      .compose(locked -> SqlTemplate.forQuery(tx, INSERT_UNDER_CAP).execute(params))
      .map(MediaStore::first));
  }

  /** A media by id, whatever its state; null if none. */
  Future<Media> find(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT " + Media.COLUMNS + " FROM media m WHERE m.id = $1")
      .execute(Tuple.of(id)).map(MediaStore::first);
  }

  /**
   * A media {@code viewer} may see at {@code now} (their own, or a ready one that reaches them
   * through a reference); null otherwise.
   */
  Future<Media> findVisible(SqlClient client, UUID id, UUID viewer, Instant now) {
    return client.preparedQuery("SELECT " + Media.COLUMNS + " FROM media m WHERE m.id = $1 AND m.status <> 'deleting'"
        + " AND (m.owner_id = $2 OR m.status = 'ready' AND " + MediaReferences.visible("$2", "$3") + ")")
      .execute(Tuple.of(id, viewer, utc(now))).map(MediaStore::first);
  }

  /**
   * Marks a ready media as about to be referenced (kept until {@code sweepAt} at least); null unless
   * ready, the owner's and of one of the kinds.
   */
  Future<Media> attach(SqlClient client, UUID id, UUID owner, Set<MediaKind> kinds, Instant sweepAt) {
    return client.preparedQuery("UPDATE media m SET sweep_at = greatest(m.sweep_at, $4)"
        + " WHERE m.id = $1 AND m.owner_id = $2 AND m.kind = ANY($3) AND m.status = 'ready' RETURNING " + Media.COLUMNS)
      .execute(Tuple.of(id, owner, kinds.stream().map(kind -> kind.wire).toArray(String[]::new), utc(sweepAt)))
      .map(MediaStore::first);
  }

  /** Stores what completion learnt; null if the media was no longer pending (another completion won). */
  Future<Media> markReady(SqlClient client, UUID id, String objectKey, Inspection inspection, Instant now, Instant sweepAt) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", id);
    params.put("objectKey", objectKey);
    params.put("width", inspection.width());
    params.put("height", inspection.height());
    params.put("durationMs", inspection.durationMs());
    params.put("thumbnailType", inspection.thumbnail() == null ? null : inspection.thumbnail().contentType());
    params.put("thumbnailWidth", inspection.thumbnail() == null ? null : inspection.thumbnail().width());
    params.put("thumbnailHeight", inspection.thumbnail() == null ? null : inspection.thumbnail().height());
    params.put("now", utc(now));
    params.put("sweepAt", utc(sweepAt));
    return SqlTemplate.forQuery(client, READY).execute(params).map(MediaStore::first);
  }

  /** Refused at completion with {@code code}: unusable from now on, its row removed at {@code sweepAt}. */
  Future<Void> markRejected(SqlClient client, UUID id, String code, Instant sweepAt) {
    return client.preparedQuery("UPDATE media SET status = 'rejected', rejection = $2, sweep_at = $3"
        + " WHERE id = $1 AND status = 'pending'")
      .execute(Tuple.of(id, code, utc(sweepAt))).mapEmpty();
  }

  /**
   * Marks one of the owner's media for removal unless something references it; the marked media,
   * or null when it is not the owner's (or already going). {@code referenced} tells which.
   */
  Future<Media> markDeleting(SqlClient client, UUID id, UUID owner, Instant retryAt) {
    return client.preparedQuery("UPDATE media m SET status = 'deleting', sweep_at = $3"
        + " WHERE m.id = $1 AND m.owner_id = $2 AND m.status <> 'deleting' AND NOT " + MediaReferences.REFERENCED
        + " RETURNING " + Media.COLUMNS)
      .execute(Tuple.of(id, owner, utc(retryAt))).map(MediaStore::first);
  }

  /**
   * Marks for removal those of the owner's media among {@code ids} that nothing references (their
   * reference just went); the marked media. The rest are left as they are.
   */
  Future<List<Media>> markReleased(SqlClient client, List<UUID> ids, UUID owner, Instant retryAt) {
    return client.preparedQuery("UPDATE media m SET status = 'deleting', sweep_at = $3"
        + " WHERE m.id = ANY($1) AND m.owner_id = $2 AND m.status <> 'deleting' AND NOT " + MediaReferences.REFERENCED
        + " RETURNING " + Media.COLUMNS)
      .execute(Tuple.of(ids.toArray(UUID[]::new), owner, utc(retryAt)))
      .map(MediaStore::all);
  }

  /** One orphan-job round's media to remove (see {@link #SWEEP}). */
  Future<List<Media>> sweep(SqlClient tx, Instant now, int batch, Instant recheckAt, Instant retryAt) {
    return tx.preparedQuery(SWEEP).execute(Tuple.of(utc(now), batch, utc(recheckAt), utc(retryAt)))
      .map(MediaStore::all);
  }

  /** Removes the rows of media whose objects are gone. */
  Future<Void> remove(SqlClient client, List<UUID> ids) {
    return client.preparedQuery("DELETE FROM media WHERE id = ANY($1) AND status = 'deleting'")
      .execute(Tuple.of(ids.toArray(UUID[]::new))).mapEmpty();
  }

  private static List<Media> all(RowSet<Row> rows) {
    List<Media> media = new ArrayList<>(rows.size());
    rows.forEach(row -> media.add(Media.from(row)));
    return media;
  }

  private static Media first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Media.from(rows.iterator().next());
  }
}
