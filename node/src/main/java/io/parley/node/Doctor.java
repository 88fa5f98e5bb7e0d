package io.parley.node;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.event.Topics;
import io.parley.shared.infra.Connections;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code parley doctor}: checks the configuration and every backend the way a node would use
 * them, and prints one line per check: {@code ok}, {@code warn} (works, but probably not what you
 * want) or {@code FAIL} (a node would not start or not serve), with what to do. Exits 1 when
 * anything failed. Never prints a password.
 */
final class Doctor {

  private static final long TIMEOUT_MS = 5_000;

  enum Outcome { OK, WARN, FAIL }

  record Finding(Outcome outcome, String check, String detail) {
    @Override
    public String toString() {
      String label = switch (outcome) {
        case OK -> "ok  ";
        case WARN -> "warn";
        case FAIL -> "FAIL";
      };
      return String.format("%s  %-14s %s", label, check, detail);
    }
  }

  private final JsonObject config;
  private final Map<String, String> environment;
  private final List<Finding> findings = new ArrayList<>();

  Doctor(JsonObject config, Map<String, String> environment) {
    this.config = config;
    this.environment = environment;
  }

  static int run(JsonObject config, Map<String, String> environment, PrintStream out) {
    List<Finding> findings = new Doctor(config, environment).examine();
    findings.forEach(out::println);
    long failed = findings.stream().filter(f -> f.outcome() == Outcome.FAIL).count();
    out.println(failed == 0 ? "No problems found." : failed + " problem(s) found.");
    return failed == 0 ? 0 : 1;
  }

  List<Finding> examine() {
    new ConfigurationChecks(config, environment, findings).run();
    Vertx vertx = Vertx.vertx();
    try {
      checkPostgres(vertx);
      checkRedis(vertx);
      checkKafka(vertx);
      checkMembers(vertx);
    } finally {
      vertx.close().await();
    }
    return findings;
  }

  private void checkPostgres(Vertx vertx) {
    String uri = Config.string(config, ConfigKeys.POSTGRES_URI);
    if (uri == null) {
      add(Outcome.OK, "postgres", "embedded: the node starts its own");
      return;
    }
    Pool pool = Connections.postgres(vertx, config);
    try {
      String version = pool.query("SHOW server_version").execute()
        .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).await().iterator().next().getString(0);
      List<String> pending = new Migrator(vertx, pool).pending().timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).await();
      add(Outcome.OK, "postgres", "PostgreSQL " + version + " at " + redacted(uri));
      add(pending.isEmpty() ? Outcome.OK : Outcome.WARN, "schema", pending.isEmpty()
        ? "up to date"
        : pending.size() + " migration(s) pending (" + pending.get(0) + "...): a node applies them at start, or run parley migrate");
    } catch (Exception failure) {
      add(Outcome.FAIL, "postgres", redacted(uri) + ": " + reason(failure));
    } finally {
      pool.close().await();
    }
  }

  private void checkRedis(Vertx vertx) {
    String uri = Config.string(config, ConfigKeys.REDIS_URI);
    if (uri == null) {
      add(Outcome.OK, "redis", "embedded: the node starts its own");
      return;
    }
    Redis redis = Connections.redis(vertx, config);
    try {
      redis.send(Request.cmd(Command.PING)).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).await();
      add(Outcome.OK, "redis", "answers PING at " + redacted(uri));
    } catch (Exception failure) {
      add(Outcome.FAIL, "redis", redacted(uri) + ": " + reason(failure));
    } finally {
      redis.close();
    }
  }

  private void checkKafka(Vertx vertx) {
    String servers = Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS);
    if (servers == null) {
      add(Outcome.OK, "kafka", "embedded: the node starts its own");
      return;
    }
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", servers,
      "request.timeout.ms", String.valueOf(TIMEOUT_MS), "default.api.timeout.ms", String.valueOf(TIMEOUT_MS)));
    try {
      int brokers = admin.describeCluster().await().getNodes().size();
      List<String> missing = new ArrayList<>(Topics.ALL);
      missing.removeAll(admin.listTopics().await());
      add(Outcome.OK, "kafka", brokers + " broker(s) at " + servers);
      int replication = Config.integer(config, ConfigKeys.KAFKA_REPLICATION_FACTOR, 1);
      if (replication > brokers) {
        add(Outcome.FAIL, "kafka", ConfigKeys.KAFKA_REPLICATION_FACTOR + " is " + replication + " but there are only "
          + brokers + " broker(s): topics cannot be created");
      }
      add(missing.isEmpty() ? Outcome.OK : Outcome.WARN, "topics", missing.isEmpty()
        ? "all present"
        : "missing " + missing + ": a node creates them at start");
    } catch (Exception failure) {
      add(Outcome.FAIL, "kafka", servers + ": " + reason(failure));
    } finally {
      admin.close().await();
    }
  }

  /** Each TCP/IP member must at least accept a connection on its Hazelcast port. */
  private void checkMembers(Vertx vertx) {
    if (!Config.bool(config, ConfigKeys.CLUSTER_ENABLED, false)
      || !"tcp".equals(Config.string(config, ConfigKeys.CLUSTER_DISCOVERY, "tcp"))) {
      return;
    }
    String self = Config.string(config, ConfigKeys.CLUSTER_HOST, "127.0.0.1") + ":" + Config.integer(config, ConfigKeys.CLUSTER_PORT, 5701);
    var client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) TIMEOUT_MS));
    for (String member : Config.strings(config, ConfigKeys.CLUSTER_MEMBERS)) {
      if (member.equals(self)) {
        continue;
      }
      int colon = member.lastIndexOf(':');
      if (colon < 0) {
        add(Outcome.FAIL, "member", member + ": not host:port");
        continue;
      }
      try {
        client.connect(Integer.parseInt(member.substring(colon + 1)), member.substring(0, colon))
          .compose(socket -> socket.close()).await();
        add(Outcome.OK, "member", member + " accepts connections");
      } catch (Exception unreachable) {
        // Not fatal: members may simply not be started yet; a node forms the cluster with whoever is up.
        add(Outcome.WARN, "member", member + " unreachable (" + reason(unreachable) + ")");
      }
    }
    client.close().await();
  }

  private void add(Outcome outcome, String check, String detail) {
    findings.add(new Finding(outcome, check, detail));
  }

  /** A URI without its password: {@code postgresql://parley:***@db:5432/parley}. */
  static String redacted(String uri) {
    try {
      URI parsed = URI.create(uri);
      String userInfo = parsed.getRawUserInfo();
      if (userInfo == null || !userInfo.contains(":")) {
        return uri;
      }
      return uri.replace(userInfo + "@", userInfo.substring(0, userInfo.indexOf(':')) + ":***@");
    } catch (IllegalArgumentException unparsable) {
      return "(unparsable URI)";
    }
  }

  private static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replaceAll("(://[^:/@\\s]+):[^@\\s]+@", "$1:***@");
  }
}
