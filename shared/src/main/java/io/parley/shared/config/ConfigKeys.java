package io.parley.shared.config;

import java.util.List;

/**
 * Every configuration key, as a dotted path into the node's JSON configuration. Defaults live in
 * {@code conf/parley.json}; each key can be overridden by an environment variable named
 * {@code PARLEY_} + the path in upper snake case ({@code http.bodyLimit} → {@code PARLEY_HTTP_BODY_LIMIT}).
 */
public final class ConfigKeys {

  /** Roles this node runs: {@code gateway}, {@code auth}, {@code chat}, ... or {@code all}. */
  public static final String NODE_ROLES = "node.roles";
  /** Where embedded backends and generated keys keep their data. */
  public static final String NODE_DATA_DIR = "node.dataDir";
  /** A human name for this node, shown in logs and {@code /ready}. */
  public static final String NODE_NAME = "node.name";

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  /** Largest accepted request body in bytes. */
  public static final String HTTP_BODY_LIMIT = "http.bodyLimit";
  /** Origins allowed to open the realtime bridge (exact URLs); empty = same host only. */
  public static final String HTTP_ALLOWED_ORIGINS = "http.allowedOrigins";

  public static final String CLUSTER_ENABLED = "cluster.enabled";
  /** The address this node's Hazelcast member and clustered event bus bind and advertise. */
  public static final String CLUSTER_HOST = "cluster.host";
  public static final String CLUSTER_PORT = "cluster.port";
  public static final String CLUSTER_EVENT_BUS_PORT = "cluster.eventBusPort";
  /** Hazelcast TCP/IP members, {@code host:port}; no multicast, ever. */
  public static final String CLUSTER_MEMBERS = "cluster.members";
  public static final String CLUSTER_NAME = "cluster.name";

  /** External PostgreSQL, {@code postgresql://user:pass@host:port/db}; empty = embedded. */
  public static final String POSTGRES_URI = "postgres.uri";
  public static final String POSTGRES_POOL_SIZE = "postgres.poolSize";
  /** Port of the embedded PostgreSQL a first node starts (others point their uri at it). */
  public static final String POSTGRES_EMBEDDED_PORT = "postgres.embeddedPort";

  /** External Redis, {@code redis://host:port}; empty = embedded. */
  public static final String REDIS_URI = "redis.uri";
  public static final String REDIS_POOL_SIZE = "redis.poolSize";
  public static final String REDIS_EMBEDDED_PORT = "redis.embeddedPort";

  /** External Kafka bootstrap servers, {@code host:port,...}; empty = embedded. */
  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrapServers";
  public static final String KAFKA_EMBEDDED_PORT = "kafka.embeddedPort";

  /** Interface the embedded backends listen on. */
  public static final String EMBEDDED_BIND_HOST = "embedded.bindHost";

  /** Directory of the token signing keys ({@code <kid>.key.pem} PKCS#8 and {@code <kid>.pub.pem}); default {@code <dataDir>/keys}. */
  public static final String AUTH_KEY_DIR = "auth.keyDir";
  /**
   * The keys themselves, filled in by the node from {@link #AUTH_KEY_DIR} at start-up (or given
   * directly): {@code [{"kid","publicKey","privateKey"?}]}, PEM text, ES256.
   */
  public static final String AUTH_KEYS = "auth.keys";
  /** The {@code iss} of every access token; tokens of another issuer are refused. */
  public static final String AUTH_ISSUER = "auth.issuer";
  /** Access token lifetime in seconds (default 900). */
  public static final String AUTH_ACCESS_TOKEN_TTL = "auth.accessTokenTtlSeconds";

  /** {@code text} (human-readable) or {@code json} (one JSON object per line). */
  public static final String LOG_FORMAT = "log.format";

  /** Keys overridable from the environment (see the class comment). */
  public static final List<String> ALL = List.of(
    NODE_ROLES, NODE_DATA_DIR, NODE_NAME,
    HTTP_HOST, HTTP_PORT, HTTP_BODY_LIMIT, HTTP_ALLOWED_ORIGINS,
    CLUSTER_ENABLED, CLUSTER_HOST, CLUSTER_PORT, CLUSTER_EVENT_BUS_PORT, CLUSTER_MEMBERS, CLUSTER_NAME,
    POSTGRES_URI, POSTGRES_POOL_SIZE, POSTGRES_EMBEDDED_PORT,
    REDIS_URI, REDIS_POOL_SIZE, REDIS_EMBEDDED_PORT,
    KAFKA_BOOTSTRAP_SERVERS, KAFKA_EMBEDDED_PORT,
    AUTH_KEY_DIR, AUTH_ISSUER, AUTH_ACCESS_TOKEN_TTL,
    EMBEDDED_BIND_HOST, LOG_FORMAT);

  private ConfigKeys() {
  }
}
