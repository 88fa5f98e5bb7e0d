package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.infra.Connections;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;

/**
 * {@code parley migrate}: applies the schema migrations to the configured PostgreSQL and exits,
 * for deployments that migrate before rolling nodes out (a Kubernetes Job, a release step).
 * Nodes also migrate at start-up, under the same lock, so running both is harmless.
 */
final class MigrateCommand {

  private MigrateCommand() {
  }

  static int run(JsonObject config, PrintStream out) {
    if (Config.string(config, ConfigKeys.POSTGRES_URI) == null) {
      out.println("No PostgreSQL configured: set " + Config.environmentName(ConfigKeys.POSTGRES_URI) + " or --postgres");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    Pool pool = Connections.postgres(vertx, config);
    try {
      Migrator migrator = new Migrator(vertx, pool);
      int applied = migrator.migrate().await();
      out.println("Applied " + applied + " migration(s); the schema is up to date.");
      return 0;
    } catch (Exception failure) {
      out.println("Migration failed: " + failure.getMessage());
      return 1;
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }
}
