package io.parley.bench;

import io.parley.node.Node;
import io.parley.node.NodeConfig;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A node for a benchmark, with its own embedded backends, and helpers to make users and tokens. */
final class BenchNode implements AutoCloseable {

  final Node node;
  final JWTAuth tokens;
  private final Pool pool;

  private BenchNode(Node node, Vertx client) {
    this.node = node;
    this.tokens = SigningKeys.jwtAuth(client, node.config());
    this.pool = Connections.postgres(client, node.config());
  }

  static BenchNode start(Vertx client, String... roles) throws Exception {
    return start(client, config -> { }, roles);
  }

  /** A node whose configuration {@code adjust} changes last. */
  static BenchNode start(Vertx client, java.util.function.Consumer<JsonObject> adjust, String... roles) throws Exception {
    JsonObject config = NodeConfig.defaults();
    Path dataDir = Files.createTempDirectory("parley-bench-");
    Config.set(config, ConfigKeys.NODE_DATA_DIR, dataDir.toString());
    Config.set(config, ConfigKeys.HTTP_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.POSTGRES_EMBEDDED_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.REDIS_EMBEDDED_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.KAFKA_EMBEDDED_PORT, 0);
    Config.set(config, ConfigKeys.CLUSTER_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.NODE_ROLES, new JsonArray(List.of(roles.length == 0 ? new String[] {"all"} : roles)));
    // A benchmark measures throughput, not abuse protection.
    Config.set(config, "chat.sendRate.limit", 1_000_000);
    adjust.accept(config);
    return new BenchNode(Node.start(config), client);
  }

  int httpPort() {
    return node.httpPort();
  }

  /** Inserts {@code count} users directly (registration's password hashing is not what is measured). */
  List<String> users(int count) {
    return insertUsers(pool, count, "bench");
  }

  /** {@code count} users in one batch, their ids in order. */
  static List<String> insertUsers(Pool pool, int count, String prefix) {
    List<Tuple> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      String name = prefix + id.toString().replace("-", "").substring(0, 16);
      rows.add(Tuple.of(id, name, name + "@bench.example", prefix + " " + i));
      ids.add(id.toString());
    }
    pool.preparedQuery("INSERT INTO users (id, username, email, display_name, password_hash) VALUES ($1, $2, $3, $4, 'x')")
      .executeBatch(rows).await();
    return ids;
  }

  String token(String userId) {
    return tokens.generateToken(new JsonObject().put("sub", userId).put("sid", UUID.randomUUID().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(Integer.getInteger("parley.bench.tokenSeconds", 3600)));
  }

  @Override
  public void close() {
    pool.close().await();
    node.close();
  }
}
