package io.parley.shared.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

/**
 * Parley's sessions keep the plans of their prepared statements: PostgreSQL would otherwise plan
 * each statement on a partitioned table anew for every execution (see {@link Connections#postgres}).
 */
class PreparedPlansTest {

  @Test
  void everySessionOfThePoolKeepsGenericPlans() {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Connections.postgres(vertx, TestBackends.config());
      for (int session = 0; session < 3; session++) {
        String mode = pool.withConnection(connection -> connection.query("SHOW plan_cache_mode").execute())
          .await().iterator().next().getString(0);
        assertThat(mode).isEqualTo("force_generic_plan");
      }
    } finally {
      vertx.close().await();
    }
  }
}
