package io.parley.shared.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.shared.infra.Connections;
import io.parley.shared.metrics.Meters;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Housekeeping works through a backlog in batches, and only where no other node holds the job. */
class HousekeepingTest {

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = Connections.postgres(vertx, TestBackends.config());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aBacklogLargerThanOneBatchIsRemovedInOneRoundAndCounted() {
    String table = table(Housekeeping.BATCH * 2 + 7);
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    HousekeepingJob job = deleteAll(table);

    long removed = new Housekeeping(pool, metrics).run(job).await();

    assertThat(removed).isEqualTo(Housekeeping.BATCH * 2 + 7);
    assertThat(count(table)).isZero();
    assertThat(metrics.get(Meters.HOUSEKEEPING_REMOVED).tag("job", job.name()).counter().count())
      .isEqualTo(Housekeeping.BATCH * 2 + 7);
  }

  @Test
  void whileAnotherNodeRunsTheJobThisOneSkipsItAndRemovesNothing() {
    String table = table(10);
    HousekeepingJob job = deleteAll(table);
    Housekeeping housekeeping = new Housekeeping(pool, new SimpleMeterRegistry());
    SqlConnection otherNode = pool.getConnection().await();
    try {
      otherNode.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(Housekeeping.lockKey(job))).await();

      assertThat(housekeeping.run(job).await()).isZero();
      assertThat(count(table)).isEqualTo(10);

      otherNode.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(Housekeeping.lockKey(job))).await();
      assertThat(housekeeping.run(job).await()).isEqualTo(10);
    } finally {
      otherNode.close().await();
    }
  }

  @Test
  void aFailingJobDoesNotStopTheOthers() {
    String table = table(3);
    HousekeepingJob broken = HousekeepingJob.of("broken-" + UUID.randomUUID(),
      (tx, batch) -> tx.query("SELECT * FROM no_such_table").execute().map(0));
    new Housekeeping(pool, new SimpleMeterRegistry()).runAll(java.util.List.of(broken, deleteAll(table))).await();
    assertThat(count(table)).isZero();
  }

  private static HousekeepingJob deleteAll(String table) {
    return HousekeepingJob.of("test-" + table, (tx, batch) -> tx
      .preparedQuery("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " LIMIT $1)")
      .execute(Tuple.of(batch)).map(rows -> rows.rowCount()));
  }

  private static String table(int rows) {
    String table = "housekeeping_" + UUID.randomUUID().toString().replace("-", "");
    pool.query("CREATE TABLE " + table + " (id int PRIMARY KEY)").execute().await();
    pool.query("INSERT INTO " + table + " SELECT generate_series(1, " + rows + ")").execute().await();
    return table;
  }

  private static long count(String table) {
    return pool.query("SELECT count(*) AS n FROM " + table).execute().await().iterator().next().getLong("n");
  }
}
