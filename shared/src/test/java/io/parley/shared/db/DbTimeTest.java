package io.parley.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DbTimeTest {

  private static final Instant NANOS = Instant.parse("2026-12-01T10:15:30.123456789Z");

  @Test
  void nowIsTakenToTheMicrosecond() {
    Clock clock = Clock.fixed(NANOS, ZoneId.of("Europe/Berlin"));
    assertThat(DbTime.now(clock)).isEqualTo(Instant.parse("2026-12-01T10:15:30.123456Z"));
  }

  @Test
  void instantsAreBoundInUtcAndNullStaysNull() {
    assertThat(DbTime.utc(NANOS).getOffset()).isEqualTo(ZoneOffset.UTC);
    assertThat(DbTime.utc(NANOS).toInstant()).isEqualTo(NANOS);
    assertThat(DbTime.utc(null)).isNull();
  }

  @Test
  void aTimeTakenWithNowReadsBackEqualFromPostgres() {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
      .connectingTo(PgConnectOptions.fromUri(TestBackends.shared().postgresUri())).using(vertx).build();
    try {
      Instant now = DbTime.now(Clock.fixed(NANOS, ZoneOffset.UTC));
      Row row = pool.preparedQuery("SELECT $1::timestamptz AS stored, $2::timestamptz AS nothing, $3::timestamptz AS exact")
        .execute(Tuple.of(DbTime.utc(now), null, DbTime.utc(NANOS))).await().iterator().next();

      assertThat(DbTime.instant(row, "stored")).isEqualTo(now);
      assertThat(DbTime.instant(row, "nothing")).isNull();
      assertThat(DbTime.instant(row, "exact")).as("PostgreSQL drops the nanoseconds").isNotEqualTo(NANOS);
    } finally {
      vertx.close().await();
    }
  }
}
