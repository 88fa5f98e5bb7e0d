package io.parley.story;

import static io.parley.shared.db.DbTime.instant;
import static io.parley.shared.db.DbTime.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All SQL of stories and their views. Who may see a story is the {@code story_viewers} view (the
 * author's contacts now, fitting the audience, without blocks); every read of a story adds
 * {@code expires_at > now} with the service's clock, so a story is gone at that instant whether or
 * not the expiry job has run.
 */
final class StoryStore {

  /** A story the expiry job removed: enough to tell its audience and release its media. */
  record Removed(UUID id, UUID authorId, UUID mediaId) {
  }

  /** A view of one of my stories. */
  record View(Person viewer, Instant viewedAt) {
  }

  private static final String SEEN_BY = """
      (s.author_id = $2 OR EXISTS (SELECT 1 FROM story_viewers sv WHERE sv.story_id = s.id AND sv.viewer_id = $2))""";

  /**
   * Serialises one author's posts (the active cap would otherwise let two concurrent posts both
   * pass): a transaction-scoped advisory lock keyed by the author.
   */
  Future<Void> lockAuthor(SqlClient tx, UUID author) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('story.author.' || $1::text, 0))")
      .execute(Tuple.of(author.toString())).mapEmpty();
  }

  Future<Long> activeCount(SqlClient client, UUID author, Instant now) {
    return client.preparedQuery("SELECT count(*) AS n FROM stories WHERE author_id = $1 AND expires_at > $2")
      .execute(Tuple.of(author, utc(now)))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Which of {@code ids} are my contacts now (blocks excluded). */
  Future<List<UUID>> contactsAmong(SqlClient client, UUID author, List<UUID> ids) {
    return client.preparedQuery("SELECT contact_id FROM story_contacts WHERE author_id = $1 AND contact_id = ANY ($2)")
      .execute(Tuple.of(author, (Object) ids.toArray(UUID[]::new)))
      .map(rows -> {
        List<UUID> found = new ArrayList<>();
        rows.forEach(row -> found.add(row.getUUID("contact_id")));
        return found;
      });
  }

  Future<Void> insert(SqlClient tx, Story story) {
    return tx.preparedQuery("""
        INSERT INTO stories (id, author_id, kind, media_id, media, text, background, caption, audience, audience_ids,
                             created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
      .execute(Tuple.wrap(new Object[] {story.id(), story.authorId(), story.kind(), story.mediaId(), story.media(),
        story.text(), story.background(), story.caption(), story.audience().type().wire,
        story.audience().userIds().toArray(UUID[]::new), utc(story.createdAt()), utc(story.expiresAt())}))
      .mapEmpty();
  }

  /** Who, besides its author, may see a story now (whatever its expiry): the recipients of its live events. */
  Future<List<UUID>> audience(SqlClient client, UUID storyId) {
    return client.preparedQuery("SELECT viewer_id FROM story_viewers WHERE story_id = $1")
      .execute(Tuple.of(storyId))
      .map(rows -> {
        List<UUID> viewers = new ArrayList<>();
        rows.forEach(row -> viewers.add(row.getUUID("viewer_id")));
        return viewers;
      });
  }

  /** The audiences of several stories at once (the expiry job, before it deletes them). */
  Future<Map<UUID, List<UUID>>> audiences(SqlClient client, List<UUID> storyIds) {
    return client.preparedQuery("SELECT story_id, viewer_id FROM story_viewers WHERE story_id = ANY ($1)")
      .execute(Tuple.of(storyIds.toArray(UUID[]::new)))
      .map(rows -> {
        Map<UUID, List<UUID>> audiences = new HashMap<>();
        rows.forEach(row -> audiences.computeIfAbsent(row.getUUID("story_id"), id -> new ArrayList<>())
          .add(row.getUUID("viewer_id")));
        return audiences;
      });
  }

  /** Story {@code id} if {@code me} may see it at {@code now} (its author or in its audience), else null. */
  Future<Story> visible(SqlClient client, UUID id, UUID me, Instant now) {
    return client.preparedQuery("SELECT " + Story.COLUMNS + " FROM stories s WHERE s.id = $1 AND s.expires_at > $3 AND "
        + SEEN_BY)
      .execute(Tuple.of(id, me, utc(now)))
      .map(rows -> rows.size() == 0 ? null : Story.from(rows.iterator().next()));
  }

  /** My active stories with how many have viewed each. */
  Future<List<Feed.Mine>> mine(SqlClient client, UUID me, Instant now) {
    return client.preparedQuery("SELECT " + Story.COLUMNS + """
        , (SELECT count(*) FROM story_views v WHERE v.story_id = s.id) AS views
        FROM stories s WHERE s.author_id = $1 AND s.expires_at > $2""")
      .execute(Tuple.of(me, utc(now)))
      .map(rows -> {
        List<Feed.Mine> mine = new ArrayList<>();
        rows.forEach(row -> mine.add(new Feed.Mine(Story.from(row), row.getLong("views"))));
        return mine;
      });
  }

  /** The active stories of others that I may see, with their authors and whether I viewed each. */
  Future<List<Feed.Seen>> seenBy(SqlClient client, UUID me, Instant now) {
    return client.preparedQuery("SELECT " + Story.COLUMNS + ", " + Person.columns("u", "author_") + """
        , EXISTS (SELECT 1 FROM story_views v WHERE v.story_id = s.id AND v.viewer_id = $1) AS seen
        FROM story_viewers sv
        JOIN stories s ON s.id = sv.story_id
        JOIN users u ON u.id = s.author_id AND u.deleted_at IS NULL
        WHERE sv.viewer_id = $1 AND s.expires_at > $2""")
      .execute(Tuple.of(me, utc(now)))
      .map(rows -> {
        List<Feed.Seen> seen = new ArrayList<>();
        rows.forEach(row -> seen.add(new Feed.Seen(Story.from(row), Person.from(row, "author_"), row.getBoolean("seen"))));
        return seen;
      });
  }

  Future<Person> person(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT " + Person.columns("u", "") + " FROM users u WHERE u.id = $1")
      .execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? null : Person.from(rows.iterator().next(), ""));
  }

  /** Records my first view of a story; its time, or null when I had viewed it already. */
  Future<Instant> recordView(SqlClient tx, UUID storyId, UUID viewer, Instant now) {
    return tx.preparedQuery("""
        INSERT INTO story_views (story_id, viewer_id, viewed_at) VALUES ($1, $2, $3)
        ON CONFLICT (story_id, viewer_id) DO NOTHING RETURNING viewed_at""")
      .execute(Tuple.of(storyId, viewer, utc(now)))
      .map(rows -> rows.size() == 0 ? null : instant(rows.iterator().next(), "viewed_at"));
  }

  /**
   * The views of a story, newest first, of the people still in its audience: someone who blocked
   * the author or was removed from their contacts is no longer shown.
   */
  Future<List<View>> views(SqlClient client, UUID storyId) {
    return client.preparedQuery("SELECT " + Person.columns("u", "") + """
        , v.viewed_at
        FROM story_views v
        JOIN story_viewers sv ON sv.story_id = v.story_id AND sv.viewer_id = v.viewer_id
        JOIN users u ON u.id = v.viewer_id
        WHERE v.story_id = $1
        ORDER BY v.viewed_at DESC, v.viewer_id""")
      .execute(Tuple.of(storyId))
      .map(rows -> {
        List<View> views = new ArrayList<>();
        rows.forEach(row -> views.add(new View(Person.from(row, ""), instant(row, "viewed_at"))));
        return views;
      });
  }

  /** Deletes my active story (its views go with it); true when there was one. */
  Future<Boolean> delete(SqlClient tx, UUID storyId, UUID author, Instant now) {
    return tx.preparedQuery("DELETE FROM stories WHERE id = $1 AND author_id = $2 AND expires_at > $3")
      .execute(Tuple.of(storyId, author, utc(now)))
      .map(rows -> rows.rowCount() > 0);
  }

  /** Up to {@code batch} stories expired at {@code now}, oldest first, locked for the job's transaction. */
  Future<List<Removed>> expired(SqlClient tx, Instant now, int batch) {
    return tx.preparedQuery("""
        SELECT id, author_id, media_id FROM stories WHERE expires_at <= $1
        ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED""")
      .execute(Tuple.of(utc(now), batch))
      .map(StoryStore::removed);
  }

  /** Deletes these stories (their views cascade). */
  Future<Void> deleteAll(SqlClient tx, List<UUID> storyIds) {
    return tx.preparedQuery("DELETE FROM stories WHERE id = ANY ($1)")
      .execute(Tuple.of(storyIds.toArray(UUID[]::new)))
      .mapEmpty();
  }

  private static List<Removed> removed(Iterable<Row> rows) {
    List<Removed> removed = new ArrayList<>();
    rows.forEach(row -> removed.add(new Removed(row.getUUID("id"), row.getUUID("author_id"), row.getUUID("media_id"))));
    return removed;
  }
}
