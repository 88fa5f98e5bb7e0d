package io.parley.shared.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that stops in the middle of a transaction without dying (frozen with SIGSTOP, or cut off
 * with its sockets open) must not hold its row locks for ever: PostgreSQL ends its session after
 * {@code postgres.idleInTransactionTimeoutMs}, and another node's write of the same row goes through.
 */
class IdleTransactionTest {

  private Vertx vertx;
  private String table;
  private Pool other;

  @BeforeEach
  void aRow() {
    vertx = Vertx.vertx();
    table = "idle_tx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    other = Connections.postgres(vertx, TestBackends.config());
    other.query("CREATE TABLE " + table + " (id int PRIMARY KEY, n int NOT NULL)").execute()
      .compose(created -> other.query("INSERT INTO " + table + " VALUES (1, 0)").execute()).await();
  }

  @AfterEach
  void drop() {
    other.query("DROP TABLE " + table).execute().await();
    vertx.close().await();
  }

  @Test
  void aSessionLeftInAnOpenTransactionIsEndedAndItsLockReleased() {
    JsonObject config = TestBackends.config().copy();
    Config.set(config, ConfigKeys.POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS, 300);
    // A node of its own: the pool is shared per name within one Vert.x instance.
    Vertx frozenNode = Vertx.vertx();
    try {
      SqlConnection frozen = Connections.postgres(frozenNode, config).getConnection().await();
      Transaction open = frozen.begin().await();
      frozen.query("UPDATE " + table + " SET n = n + 1 WHERE id = 1").execute().await();
      // The holder now does nothing more, as a frozen process would.

      int updated = other.query("UPDATE " + table + " SET n = n + 10 WHERE id = 1").execute()
        .timeout(30, TimeUnit.SECONDS).await().rowCount();

      assertThat(updated).as("the other write got the row").isEqualTo(1);
      assertThat(other.query("SELECT n FROM " + table).execute().await().iterator().next().getInteger("n"))
        .as("the frozen transaction was rolled back, the other write kept").isEqualTo(10);
      String ended = open.commit().map("committed").otherwise(Throwable::getMessage).await();
      assertThat(ended).as("the server ended the idle session: its commit cannot succeed").isNotEqualTo("committed");
    } finally {
      frozenNode.close().await();
    }
  }
}
