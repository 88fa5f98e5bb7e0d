package io.parley.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of people search. Deleted accounts, the caller, and people who blocked the caller are
 * never found.
 *
 * <p>Ranking: usernames starting with the text first, in name order (so the exact match leads),
 * then usernames by trigram similarity (typos) and display names by word similarity (a word of
 * the name close to the text), closest first. Each branch stops after {@code offset + limit + 1}
 * rows. Prefixes walk a username btree in order, so the commonest prefix costs one page of index;
 * similarity goes through trigram GIN indexes, which hand over only the rows above pg_trgm's
 * similarity threshold to be ranked. With a million users a page takes about a millisecond by
 * prefix and 5 to 110 milliseconds by similarity (see V003__auth.sql).
 */
final class SearchStore {

  /** Usernames starting with the text: $1 caller, $2 LIKE pattern, $3 rows. */
  private static final String BY_PREFIX = """
      SELECT id, username::text AS username, display_name, avatar_media_id, status_text FROM users u
      WHERE lower(username::text) COLLATE "C" LIKE $2 AND deleted_at IS NULL
        AND id <> $1 AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = $1)
      ORDER BY lower(username::text) COLLATE "C"
      LIMIT $3""";

  /** All three branches merged: $1 caller, $2 text, $3 LIKE pattern, $4 rows per branch, $5 limit, $6 offset. */
  static final String BY_PREFIX_AND_SIMILARITY = """
      WITH matches AS (
        (SELECT id, 0 AS tier, 0::real AS distance FROM users u
         WHERE lower(username::text) COLLATE "C" LIKE $3 AND deleted_at IS NULL
           AND id <> $1 AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = $1)
         ORDER BY lower(username::text) COLLATE "C"
         LIMIT $4)
        UNION ALL
        (SELECT id, 1, lower(username::text) <-> $2 FROM users u
         WHERE lower(username::text) % $2 AND deleted_at IS NULL
           AND id <> $1 AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = $1)
         ORDER BY lower(username::text) <-> $2
         LIMIT $4)
        UNION ALL
        (SELECT id, 1, lower(display_name) <->> $2 FROM users u
         WHERE lower(display_name) %> $2 AND deleted_at IS NULL
           AND id <> $1 AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = $1)
         ORDER BY lower(display_name) <->> $2
         LIMIT $4)
      ), best AS (
        SELECT DISTINCT ON (id) id, tier, distance FROM matches ORDER BY id, tier, distance
      )
      SELECT u.id, u.username::text AS username, u.display_name, u.avatar_media_id, u.status_text
      FROM best JOIN users u USING (id)
      ORDER BY best.tier, best.distance, lower(u.username::text) COLLATE "C"
      LIMIT $5 OFFSET $6""";

  private final Pool pool;

  SearchStore(Pool pool) {
    this.pool = pool;
  }

  /** One page of matches plus one more when there is a next page. */
  Future<List<UserSummary>> search(UUID caller, SearchQuery query) {
    String pattern = query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    int window = query.offset() + query.limit() + 1;
    // Prefix matches rank first: when they alone fill the window, similarity cannot change the
    // page, and the cheap btree walk answers it (common prefixes like "an" are the usual case).
    return pool.preparedQuery(BY_PREFIX).execute(Tuple.of(caller, pattern, window))
      .compose(prefixed -> prefixed.size() >= window
        ? Future.succeededFuture(page(summaries(prefixed), query))
        : pool.preparedQuery(BY_PREFIX_AND_SIMILARITY)
          .execute(Tuple.of(caller, query.text(), pattern, window, query.limit() + 1, query.offset()))
          .map(SearchStore::summaries));
  }

  private static List<UserSummary> page(List<UserSummary> window, SearchQuery query) {
    return window.subList(Math.min(query.offset(), window.size()), window.size());
  }

  private static List<UserSummary> summaries(RowSet<Row> rows) {
    List<UserSummary> people = new ArrayList<>(rows.size());
    for (Row row : rows) {
      people.add(new UserSummary(row.getUUID("id"), row.getString("username"), row.getString("display_name"),
        row.getUUID("avatar_media_id"), row.getString("status_text")));
    }
    return people;
  }
}
