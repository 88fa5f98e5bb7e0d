package io.parley.shared.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL migrations listed in {@code db/migration/MIGRATIONS} (one file name
 * per line, {@code V<version>__<name>.sql}, in order). Each migration runs in its own
 * transaction and is recorded with a checksum; an applied migration whose file changed stops the
 * node instead of drifting silently.
 *
 * <p>Several nodes may start at once: the whole run holds a PostgreSQL advisory lock, so one node
 * migrates while the others wait and then find nothing left to do.
 */
public final class Migrator {

  private static final Logger log = LoggerFactory.getLogger(Migrator.class);
  private static final String INDEX = "db/migration/MIGRATIONS";
  /** An arbitrary constant that names Parley's migration lock. */
  private static final long LOCK_KEY = 0x5061726c6579L;

  private final Vertx vertx;
  private final Pool pool;

  public Migrator(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Applies what is missing; completes with the number of migrations applied by this call. */
  public Future<Integer> migrate() {
    return vertx.executeBlocking(Migrator::readMigrations)
      .compose(migrations -> pool.withConnection(connection -> connection
        // "already exists, skipping" notices are expected on every start after the first.
        .query("SET client_min_messages = warning").execute()
        .compose(quiet -> connection.query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute())
        .compose(locked -> applyMissing(connection, migrations))
        .eventually(() -> connection.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute())));
  }

  /**
   * The migrations not yet applied, by file name, without applying anything (for {@code parley
   * doctor}); all of them on a database Parley never touched.
   */
  public Future<List<String>> pending() {
    return vertx.executeBlocking(Migrator::readMigrations)
      .compose(migrations -> pool.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").execute()
        .compose(present -> present.iterator().next().getBoolean("present")
          ? pool.query("SELECT version FROM schema_migrations").execute()
            .map(rows -> {
              java.util.Set<Integer> applied = new java.util.HashSet<>();
              rows.forEach(row -> applied.add(row.getInteger("version")));
              return migrations.stream().filter(m -> !applied.contains(m.version())).map(Migration::fileName).toList();
            })
          : Future.succeededFuture(migrations.stream().map(Migration::fileName).toList())));
  }

  private Future<Integer> applyMissing(SqlConnection connection, List<Migration> migrations) {
    return connection.query("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
          version    int PRIMARY KEY,
          name       text NOT NULL,
          checksum   text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )""").execute()
      .compose(created -> connection.query("SELECT version, checksum FROM schema_migrations").execute())
      .compose(rows -> {
        Map<Integer, String> applied = new HashMap<>();
        for (Row row : rows) {
          applied.put(row.getInteger("version"), row.getString("checksum"));
        }
        Future<Integer> chain = Future.succeededFuture(0);
        for (Migration migration : migrations) {
          String checksum = applied.get(migration.version());
          if (checksum != null) {
            if (!checksum.equals(migration.checksum())) {
              return Future.failedFuture(new IllegalStateException(
                "Migration " + migration.fileName() + " was changed after it was applied"));
            }
            continue;
          }
          chain = chain.compose(count -> apply(connection, migration).map(count + 1));
        }
        return chain;
      });
  }

  private Future<Void> apply(SqlConnection connection, Migration migration) {
    log.info("Applying migration {}", migration.fileName());
    return connection.begin().compose(tx -> connection.query(migration.sql()).execute()
      .compose(done -> connection
        .preparedQuery("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
        .execute(Tuple.of(migration.version(), migration.name(), migration.checksum())))
      .compose(recorded -> tx.commit())
      .onFailure(failure -> log.error("Migration {} failed", migration.fileName(), failure)));
  }

  private static List<Migration> readMigrations() throws Exception {
    List<Migration> migrations = new ArrayList<>();
    int previous = 0;
    for (String fileName : resource(INDEX).split("\n")) {
      fileName = fileName.strip();
      if (fileName.isEmpty() || fileName.startsWith("#")) {
        continue;
      }
      Migration migration = Migration.parse(fileName, resource("db/migration/" + fileName));
      if (migration.version() <= previous) {
        throw new IllegalStateException("Migrations must be listed in increasing version order: " + fileName);
      }
      previous = migration.version();
      migrations.add(migration);
    }
    return migrations;
  }

  private static String resource(String path) throws Exception {
    try (var in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + path);
      }
      return Buffer.buffer(in.readAllBytes()).toString(StandardCharsets.UTF_8);
    }
  }

  record Migration(int version, String name, String fileName, String sql, String checksum) {

    static Migration parse(String fileName, String sql) throws NoSuchAlgorithmException {
      if (!fileName.matches("V\\d+__\\w+\\.sql")) {
        throw new IllegalStateException("Migration file names look like V001__name.sql, not " + fileName);
      }
      int separator = fileName.indexOf("__");
      int version = Integer.parseInt(fileName.substring(1, separator));
      String name = fileName.substring(separator + 2, fileName.length() - ".sql".length());
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
      return new Migration(version, name, fileName, sql, HexFormat.of().formatHex(digest));
    }
  }
}
