package io.parley.node;

import io.parley.shared.Ids;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.PrintStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * {@code parley admin create <username-or-email>}: makes an existing account a server admin, in
 * the configured PostgreSQL, for the operator of a new server (who has a shell, not yet an admin
 * to ask). The grant is in the audit log as the operator's. The other way is the configuration's
 * {@code auth.adminEmails}.
 */
final class AdminCommand {

  static final String USAGE = "Usage: parley admin create <username-or-email>";

  private AdminCommand() {
  }

  static int run(JsonObject config, List<String> arguments, PrintStream out) {
    if (arguments.size() != 2 || !"create".equals(arguments.get(0)) || arguments.get(1).isBlank()) {
      out.println(USAGE);
      return 2;
    }
    if (Config.string(config, ConfigKeys.POSTGRES_URI) == null) {
      out.println("No PostgreSQL configured: set " + Config.environmentName(ConfigKeys.POSTGRES_URI) + " or --postgres");
      return 2;
    }
    String login = arguments.get(1).strip();
    Vertx vertx = Vertx.vertx();
    Pool pool = Connections.postgres(vertx, config);
    try {
      UUID userId = grant(pool, login).await();
      if (userId == null) {
        out.println("No account with the username or email " + login);
        return 1;
      }
      out.println(login + " (" + userId + ") is a server admin.");
      return 0;
    } catch (Exception failure) {
      out.println("Could not make " + login + " an admin: " + failure.getMessage());
      return 1;
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }

  /** The account's id once it holds the role (already holding it is fine), or null when there is no such account. */
  private static Future<UUID> grant(Pool pool, String login) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return pool.withTransaction(tx -> tx.preparedQuery("""
          SELECT id FROM users WHERE deleted_at IS NULL AND (username = $1::text::citext OR email = $1::text::citext)""")
        .execute(Tuple.of(login))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          UUID userId = rows.iterator().next().getUUID("id");
          return tx.preparedQuery("""
                INSERT INTO user_roles (user_id, role, granted_by, granted_at) VALUES ($1, 'admin', NULL, $2)
                ON CONFLICT DO NOTHING""")
            .execute(Tuple.of(userId, now))
            .compose(inserted -> inserted.rowCount() == 0 ? Future.succeededFuture()
              : tx.preparedQuery("""
                  INSERT INTO audit_log (id, at, event, user_id, details) VALUES ($1, $2, 'admin.role_granted', $3, $4)""")
                .execute(Tuple.of(new Ids(Clock.systemUTC()).next(), now, userId,
                  new JsonObject().put("role", "admin").put("by", "operator"))))
            .map(userId);
        }));
  }
}
