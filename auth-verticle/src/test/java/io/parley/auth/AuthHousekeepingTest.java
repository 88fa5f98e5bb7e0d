package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.housekeeping.Housekeeping;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.parley.shared.infra.Connections;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions that ended long ago and audit rows past their retention go; everything younger stays. */
class AuthHousekeepingTest {

  /** Real time: rows of other tests in the shared database are all younger than any retention here. */
  private static final Instant NOW = Instant.now();

  private static Vertx vertx;
  private static Pool pool;
  private static Housekeeping housekeeping;
  private static List<HousekeepingJob> jobs;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    JsonObject config = TestBackends.config();
    Config.set(config, ConfigKeys.HOUSEKEEPING_SESSION_RETENTION_DAYS, 30);
    Config.set(config, ConfigKeys.HOUSEKEEPING_AUDIT_RETENTION_DAYS, 365);
    pool = Connections.postgres(vertx, config);
    new Migrator(vertx, pool).migrate().await();
    housekeeping = new Housekeeping(pool, new SimpleMeterRegistry());
    jobs = AuthHousekeeping.jobs(config, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void sessionsThatEndedMoreThanTheRetentionAgoArePrunedAndLiveOrRecentOnesStay() {
    UUID user = user();
    UUID live = session(user, NOW.plus(10, ChronoUnit.DAYS), null);
    UUID expiredRecently = session(user, NOW.minus(29, ChronoUnit.DAYS), null);
    UUID expiredLongAgo = session(user, NOW.minus(31, ChronoUnit.DAYS), null);
    UUID revokedRecently = session(user, NOW.plus(10, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS));
    UUID revokedLongAgo = session(user, NOW.plus(10, ChronoUnit.DAYS), NOW.minus(40, ChronoUnit.DAYS));

    housekeeping.runAll(jobs).await();

    Set<UUID> remaining = ids("SELECT id FROM sessions WHERE user_id = $1", user);
    assertThat(remaining).doesNotContain(expiredLongAgo, revokedLongAgo);
    assertThat(remaining).containsExactlyInAnyOrder(live, expiredRecently, revokedRecently);
  }

  @Test
  void auditRowsOlderThanTheRetentionArePrunedAndYoungerOnesStay() {
    UUID user = user();
    UUID recent = audit(user, NOW.minus(364, ChronoUnit.DAYS));
    UUID old = audit(user, NOW.minus(366, ChronoUnit.DAYS));

    housekeeping.runAll(jobs).await();

    assertThat(ids("SELECT id FROM audit_log WHERE user_id = $1", user)).containsExactly(recent);
  }

  private static UUID user() {
    UUID id = UUID.randomUUID();
    String name = "hk" + id.toString().substring(0, 8);
    pool.preparedQuery("INSERT INTO users (id, username, email, display_name, password_hash) VALUES ($1, $2, $3, $2, 'x')")
      .execute(Tuple.of(id, name, name + "@example.org")).await();
    return id;
  }

  private static UUID session(UUID user, Instant expiresAt, Instant revokedAt) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("""
        INSERT INTO sessions (id, user_id, refresh_hash, created_at, last_used_at, expires_at, revoked_at)
        VALUES ($1, $2, $3, $4, $4, $5, $6)""")
      .execute(Tuple.of(id, user, Buffer.buffer(id.toString()), utc(NOW.minus(400, ChronoUnit.DAYS)), utc(expiresAt),
        revokedAt == null ? null : utc(revokedAt)))
      .await();
    return id;
  }

  private static UUID audit(UUID user, Instant at) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO audit_log (id, at, event, user_id) VALUES ($1, $2, 'sign_in', $3)")
      .execute(Tuple.of(id, utc(at), user)).await();
    return id;
  }

  private static Set<UUID> ids(String sql, UUID user) {
    return pool.preparedQuery(sql).execute(Tuple.of(user)).await().stream()
      .map(row -> row.getUUID("id")).collect(Collectors.toSet());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
