package io.parley.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.testkit.TestBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrations on a fresh schema: applied once however many nodes start together, and never silently changed. */
class MigratorTest {

  private Vertx vertx;
  private String schema;
  private final List<Pool> pools = new ArrayList<>();

  @BeforeEach
  void freshSchema() {
    vertx = Vertx.vertx();
    schema = "migrator_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Pool admin = pool();
    admin.query("CREATE SCHEMA " + schema).execute().await();
  }

  @AfterEach
  void dropSchema() {
    pools.get(0).query("DROP SCHEMA " + schema + " CASCADE").execute().await();
    vertx.close().await();
  }

  @Test
  void nodesStartingTogetherApplyEachMigrationExactlyOnce() throws Exception {
    List<Future<Integer>> runs = new ArrayList<>();
    for (int node = 0; node < 4; node++) {
      runs.add(new Migrator(vertx, pool()).migrate());
    }
    Future.all(runs).await();

    int listed = listedMigrations();
    assertThat(runs.stream().mapToInt(Future::result).sum()).isEqualTo(listed);
    assertThat(pools.get(0).query("SELECT count(*) AS applied FROM schema_migrations").execute().await()
      .iterator().next().getInteger("applied")).isEqualTo(listed);
    assertThat(new Migrator(vertx, pool()).migrate().await()).as("a later start finds nothing to do").isZero();
  }

  @Test
  void aMigrationChangedAfterItWasAppliedStopsTheStart() {
    new Migrator(vertx, pool()).migrate().await();
    pools.get(0).query("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1").execute().await();

    assertThatThrownBy(() -> new Migrator(vertx, pool()).migrate().await())
      .hasMessageContaining("V001__foundation.sql was changed after it was applied");
  }

  /** A pool whose connections see the test's own schema first. */
  private Pool pool() {
    PgConnectOptions connect = PgConnectOptions.fromUri(TestBackends.shared().postgresUri());
    connect.addProperty("search_path", schema + ",public");
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build();
    pools.add(pool);
    return pool;
  }

  private static int listedMigrations() throws Exception {
    try (InputStream in = MigratorTest.class.getClassLoader().getResourceAsStream("db/migration/MIGRATIONS")) {
      return (int) new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
        .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
    }
  }
}
