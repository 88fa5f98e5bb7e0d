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
  /**
   * Take the client's address from {@code X-Forwarded-For} (for rate limits and audit). Only behind
   * a load balancer that sets the header itself, replacing any sent by the client.
   */
  public static final String HTTP_TRUST_FORWARDED = "http.trustForwardedHeaders";
  /**
   * Check every REST answer against the OpenAPI document before sending it, and answer 500
   * {@code server.contract_violation} instead of one that breaks it. For test suites (the testkit
   * turns it on); off in production, where it would only cost time.
   */
  public static final String HTTP_CHECK_RESPONSES = "http.checkResponses";

  public static final String CLUSTER_ENABLED = "cluster.enabled";
  /** The address this node's Hazelcast member and clustered event bus bind and advertise. */
  public static final String CLUSTER_HOST = "cluster.host";
  public static final String CLUSTER_PORT = "cluster.port";
  public static final String CLUSTER_EVENT_BUS_PORT = "cluster.eventBusPort";
  /** Hazelcast TCP/IP members, {@code host:port}; no multicast, ever. */
  public static final String CLUSTER_MEMBERS = "cluster.members";
  public static final String CLUSTER_NAME = "cluster.name";
  /**
   * How members find each other: {@code tcp} (the {@link #CLUSTER_MEMBERS} list) or
   * {@code kubernetes} (Hazelcast's built-in join through the Kubernetes API, by {@link #CLUSTER_KUBERNETES_SERVICE}).
   */
  public static final String CLUSTER_DISCOVERY = "cluster.discovery";
  /** The headless Service whose endpoints are the cluster's members, for {@code kubernetes} discovery. */
  public static final String CLUSTER_KUBERNETES_SERVICE = "cluster.kubernetesService";
  /** Namespace of that Service; empty = the pod's own. */
  public static final String CLUSTER_KUBERNETES_NAMESPACE = "cluster.kubernetesNamespace";

  /** External PostgreSQL, {@code postgresql://user:pass@host:port/db}; empty = embedded. */
  public static final String POSTGRES_URI = "postgres.uri";
  public static final String POSTGRES_POOL_SIZE = "postgres.poolSize";
  /**
   * How long PostgreSQL lets a session sit in an open transaction with no statement running
   * before it ends the session (and so releases its locks); 0 = never.
   */
  public static final String POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS = "postgres.idleInTransactionTimeoutMs";
  /** Port of the embedded PostgreSQL a first node starts (others point their uri at it). */
  public static final String POSTGRES_EMBEDDED_PORT = "postgres.embeddedPort";

  /** External Redis, {@code redis://host:port}; empty = embedded. */
  public static final String REDIS_URI = "redis.uri";
  public static final String REDIS_POOL_SIZE = "redis.poolSize";
  public static final String REDIS_EMBEDDED_PORT = "redis.embeddedPort";

  /** External Kafka bootstrap servers, {@code host:port,...}; empty = embedded. */
  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrapServers";
  public static final String KAFKA_EMBEDDED_PORT = "kafka.embeddedPort";
  /** Partitions of each Parley topic when it is created; events of one aggregate stay on one partition. */
  public static final String KAFKA_TOPIC_PARTITIONS = "kafka.topicPartitions";
  /** Replication factor of Parley's topics when they are created (1 for the embedded broker; 3 in production). */
  public static final String KAFKA_REPLICATION_FACTOR = "kafka.replicationFactor";

  /** Interface the embedded backends listen on. */
  public static final String EMBEDDED_BIND_HOST = "embedded.bindHost";
  /**
   * Whether a node may start embedded backends for those not configured. Deployments set it false,
   * so a missing URI stops the node instead of quietly running a private database.
   */
  public static final String EMBEDDED_ALLOWED = "embedded.allowed";

  /** Directory of the token signing keys ({@code <kid>.key.pem} PKCS#8 and {@code <kid>.pub.pem}); default {@code <dataDir>/keys}. */
  public static final String AUTH_KEY_DIR = "auth.keyDir";
  /**
   * The keys themselves, filled in by the node from {@link #AUTH_KEY_DIR} at start-up (or given
   * directly): {@code [{"kid","publicKey","privateKey"?}]}, PEM text, RS256 (or ES256).
   */
  public static final String AUTH_KEYS = "auth.keys";
  /** The {@code iss} of every access token; tokens of another issuer are refused. */
  public static final String AUTH_ISSUER = "auth.issuer";
  /** Access token lifetime in seconds (default 900). */
  public static final String AUTH_ACCESS_TOKEN_TTL = "auth.accessTokenTtlSeconds";
  /** Device session (refresh token) lifetime in seconds, renewed by every refresh: a sliding expiry (default 30 days). */
  public static final String AUTH_REFRESH_TOKEN_TTL = "auth.refreshTokenTtlSeconds";
  /**
   * Memory of each new password hash (Argon2id), KiB; default 19456, OWASP's recommendation with
   * {@link #AUTH_PASSWORD_HASH_ITERATIONS} 2. Existing hashes are upgraded at their next sign-in.
   */
  public static final String AUTH_PASSWORD_HASH_MEMORY_KIB = "auth.passwordHash.memoryKib";
  /** Passes of each new password hash; default 2. */
  public static final String AUTH_PASSWORD_HASH_ITERATIONS = "auth.passwordHash.iterations";
  /** Window of the sign-in and sign-up rate limits below, in seconds (default 900). */
  public static final String AUTH_RATE_WINDOW = "auth.rateLimits.windowSeconds";
  /** Sign-in attempts (and password confirmations) per account per window, counted cluster-wide. */
  public static final String AUTH_SIGN_IN_PER_ACCOUNT = "auth.rateLimits.signInPerAccount";
  /** Sign-in attempts per client address per window. */
  public static final String AUTH_SIGN_IN_PER_ADDRESS = "auth.rateLimits.signInPerAddress";
  /** Sign-up attempts per email address per window. */
  public static final String AUTH_SIGN_UP_PER_ACCOUNT = "auth.rateLimits.signUpPerAccount";
  /** Sign-up attempts per client address per window. */
  public static final String AUTH_SIGN_UP_PER_ADDRESS = "auth.rateLimits.signUpPerAddress";

  /**
   * Emails (comma-separated, any case) whose accounts are server admins: given the role when they
   * sign up or sign in. The way to the first admin without a shell on the server (the other is
   * {@code parley admin create}); empty = none.
   */
  public static final String AUTH_ADMIN_EMAILS = "auth.adminEmails";
  /** Contacts one person may have. */
  public static final String AUTH_MAX_CONTACTS = "auth.maxContacts";
  /** Lookups by phone number one user may make per window (found or not), counted cluster-wide. */
  public static final String AUTH_PHONE_LOOKUPS_PER_USER = "auth.phoneLookup.perUser";
  /** Lookups by phone number per client address per window. */
  public static final String AUTH_PHONE_LOOKUPS_PER_ADDRESS = "auth.phoneLookup.perAddress";
  /** That window, in seconds. */
  public static final String AUTH_PHONE_LOOKUP_WINDOW = "auth.phoneLookup.windowSeconds";

  /** Largest bridge frame a client may send, bytes; larger ones close the connection. */
  public static final String REALTIME_MAX_FRAME_BYTES = "realtime.maxFrameBytes";
  /** Sustained frames per second a bridge connection may send. */
  public static final String REALTIME_FRAMES_PER_SECOND = "realtime.framesPerSecond";
  /** Frames a bridge connection may send at once before the rate applies. */
  public static final String REALTIME_FRAME_BURST = "realtime.frameBurst";
  /** Bytes queued towards a client before it counts as too slow. */
  public static final String REALTIME_WRITE_QUEUE_BYTES = "realtime.writeQueueBytes";
  /** Message frames queued beyond the write mark before a client counts as too slow. */
  public static final String REALTIME_MAX_QUEUED_FRAMES = "realtime.maxQueuedFrames";
  /** How long a client's queue may stay over the mark before it counts as too slow. */
  public static final String REALTIME_SLOW_CLIENT_GRACE_MS = "realtime.slowClientGraceMs";
  /** How long a new connection may stay unauthenticated. */
  public static final String REALTIME_AUTHENTICATION_TIMEOUT_MS = "realtime.authenticationTimeoutMs";
  /** Refused frames after which a connection is closed. */
  public static final String REALTIME_MAX_REFUSALS = "realtime.maxRefusals";
  /** At most one "typing" per user per chat in this many ms. */
  public static final String REALTIME_TYPING_THROTTLE_MS = "realtime.typingThrottleMs";
  /** A user whose last device left stays online this long, so a reconnect does not flap. */
  public static final String REALTIME_PRESENCE_GRACE_MS = "realtime.presenceGraceMs";
  /** How long a node's word that a user is online lasts in Redis unless renewed: a dead node's users go offline after it. */
  public static final String REALTIME_PRESENCE_TTL_MS = "realtime.presenceTtlMs";
  /** Without activity for this long, an online user shows as away. */
  public static final String REALTIME_AWAY_AFTER_MS = "realtime.awayAfterMs";
  /**
   * In a cluster, send each chat event only to the gateway nodes holding a member of the chat
   * ({@code ChatInterest}) instead of to every node. Off by default until it survives a frozen
   * Hazelcast member: every node of the cluster must agree.
   */
  public static final String REALTIME_ROUTE_BY_INTEREST = "realtime.routeByInterest";

  // Chat service limits; every one is enforced with a clear error code.
  /** Characters (code points) of a text message. */
  public static final String CHAT_MAX_TEXT_LENGTH = "chat.maxTextLength";
  /** Characters of a media caption. */
  public static final String CHAT_MAX_CAPTION_LENGTH = "chat.maxCaptionLength";
  /** Characters of a group or channel title. */
  public static final String CHAT_MAX_TITLE_LENGTH = "chat.maxTitleLength";
  /** Characters of a group or channel description. */
  public static final String CHAT_MAX_DESCRIPTION_LENGTH = "chat.maxDescriptionLength";
  /** Members of a group. */
  public static final String CHAT_MAX_GROUP_MEMBERS = "chat.maxGroupMembers";
  /** Members (followers) of a channel. */
  public static final String CHAT_MAX_CHANNEL_MEMBERS = "chat.maxChannelMembers";
  /** User ids in one create or add-members request. */
  public static final String CHAT_MAX_MEMBERS_PER_REQUEST = "chat.maxMembersPerRequest";
  /** Chats one member may pin in their list. */
  public static final String CHAT_MAX_PINNED_CHATS = "chat.maxPinnedChats";
  /** Longest live-location sharing, in seconds from the send. */
  public static final String CHAT_MAX_LIVE_LOCATION_SECONDS = "chat.maxLiveLocationSeconds";
  /** Messages one user may send per window, counted cluster-wide. */
  public static final String CHAT_SEND_RATE_LIMIT = "chat.sendRate.limit";
  /** That window, in seconds. */
  public static final String CHAT_SEND_RATE_WINDOW = "chat.sendRate.windowSeconds";

  // Media service (media-verticle): object storage, limits, the orphan job.
  /** {@code local} (files under the data directory, served by the node's gateway) or {@code s3}. */
  public static final String MEDIA_STORE = "media.store";
  /** Directory of the local store's objects; default {@code <dataDir>/media}. Shared disk for more than one node. */
  public static final String MEDIA_LOCAL_DIR = "media.local.dir";
  /** Base64url HMAC key of the local store's signed URLs (32+ bytes); default made once in {@code <dataDir>/keys}. */
  public static final String MEDIA_LOCAL_SECRET = "media.local.secret";
  public static final String MEDIA_S3_BUCKET = "media.s3.bucket";
  public static final String MEDIA_S3_REGION = "media.s3.region";
  /** The S3 endpoint the node talks to ({@code https://host:port}); empty = AWS for the region. */
  public static final String MEDIA_S3_ENDPOINT = "media.s3.endpoint";
  /** The endpoint browsers reach, when it differs from {@link #MEDIA_S3_ENDPOINT} (signed URLs and the CSP use it). */
  public static final String MEDIA_S3_PUBLIC_ENDPOINT = "media.s3.publicEndpoint";
  /** Path-style URLs ({@code endpoint/bucket/key}) instead of virtual-host style. */
  public static final String MEDIA_S3_PATH_STYLE = "media.s3.pathStyle";
  /** Static credentials; both empty = the AWS SDK's default credential chain. */
  public static final String MEDIA_S3_ACCESS_KEY_ID = "media.s3.accessKeyId";
  public static final String MEDIA_S3_SECRET_ACCESS_KEY = "media.s3.secretAccessKey";
  /** Lifetime of a signed upload URL, seconds. */
  public static final String MEDIA_UPLOAD_URL_TTL = "media.uploadUrlTtlSeconds";
  /** Lifetime of a signed download URL, seconds; at most 3600. */
  public static final String MEDIA_DOWNLOAD_URL_TTL = "media.downloadUrlTtlSeconds";
  /** An upload not completed after this many seconds is removed by the orphan job. */
  public static final String MEDIA_PENDING_TTL = "media.pendingTtlSeconds";
  /** A ready media nothing references is removed after this many seconds (since ready, or since last attached). */
  public static final String MEDIA_UNREFERENCED_TTL = "media.unreferencedTtlSeconds";
  /** Uploads one user may have pending at once; more are refused with 429. */
  public static final String MEDIA_MAX_PENDING_PER_USER = "media.maxPendingPerUser";
  /** Largest image, bytes. */
  public static final String MEDIA_MAX_BYTES_IMAGE = "media.maxBytes.image";
  /** Largest video, bytes. */
  public static final String MEDIA_MAX_BYTES_VIDEO = "media.maxBytes.video";
  /** Largest audio (voice notes included), bytes. */
  public static final String MEDIA_MAX_BYTES_AUDIO = "media.maxBytes.audio";
  /** Largest document, bytes. */
  public static final String MEDIA_MAX_BYTES_DOCUMENT = "media.maxBytes.document";
  /** Images with more pixels (width × height, from the header) are refused before decoding. */
  public static final String MEDIA_MAX_IMAGE_PIXELS = "media.maxImagePixels";
  /** Longest side of a thumbnail, pixels (never upscaled). */
  public static final String MEDIA_THUMBNAIL_SIZE = "media.thumbnailSize";
  /** Threads of the bounded pool that reads stored bytes (sniffing, metadata, thumbnails). */
  public static final String MEDIA_WORKERS = "media.workers";
  /** Completions waiting for that pool beyond which new ones are refused with 503. */
  public static final String MEDIA_MAX_QUEUED_JOBS = "media.maxQueuedJobs";
  /** How often the orphan job runs, seconds (one node at a time in a cluster). */
  public static final String MEDIA_ORPHAN_INTERVAL = "media.orphans.intervalSeconds";
  /** Media the orphan job looks at per round. */
  public static final String MEDIA_ORPHAN_BATCH = "media.orphans.batchSize";

  // Notifications (notify-verticle).
  /** Kafka consumer group of the notify role; every node running it shares the partitions. */
  public static final String NOTIFY_CONSUMER_GROUP = "notify.consumerGroup";
  /** Events handled (and committed) together in one transaction: the consumer's max.poll.records. */
  public static final String NOTIFY_BATCH_SIZE = "notify.batchSize";
  /** Attempts at an event that keeps failing while the database is healthy, before it is logged and skipped. */
  public static final String NOTIFY_EVENT_ATTEMPTS = "notify.eventAttempts";
  /** Events older than this (seconds) notify nobody: a consumer far behind does not push yesterday's news. */
  public static final String NOTIFY_MAX_EVENT_AGE = "notify.maxEventAgeSeconds";
  /** At most one push per chat and person in this window (ms); later messages collapse into the next one. */
  public static final String NOTIFY_COLLAPSE_WINDOW_MS = "notify.collapseWindowMs";
  /** Stored notifications (and processed event ids) are kept this many days. */
  public static final String NOTIFY_KEEP_DAYS = "notify.keepDays";
  /** Directory of the VAPID key pair ({@code vapid.key.pem}, PKCS#8); default {@code <dataDir>/vapid}. */
  public static final String NOTIFY_VAPID_KEY_DIR = "notify.vapid.keyDir";
  /** A VAPID public key given directly (base64url uncompressed point); needs {@link #NOTIFY_VAPID_PRIVATE_KEY}. */
  public static final String NOTIFY_VAPID_PUBLIC_KEY = "notify.vapid.publicKey";
  /** A VAPID private key given directly (base64url of the 32-byte scalar, as web-push tools print it). */
  public static final String NOTIFY_VAPID_PRIVATE_KEY = "notify.vapid.privateKey";
  /** The {@code sub} of VAPID tokens: a {@code mailto:} or {@code https:} contact for push services. */
  public static final String NOTIFY_VAPID_SUBJECT = "notify.vapid.subject";
  /** Accept {@code http} push endpoints on loopback addresses (tests, a local push service); never by default. */
  public static final String NOTIFY_PUSH_ALLOW_LOOPBACK_HTTP = "notify.push.allowLoopbackHttp";
  /** How long a push service keeps an undelivered push (the TTL header), seconds. */
  public static final String NOTIFY_PUSH_TTL = "notify.push.ttlSeconds";
  /** Attempts at one push to one subscription while the push service answers 429 or 5xx. */
  public static final String NOTIFY_PUSH_MAX_ATTEMPTS = "notify.push.maxAttempts";
  /** First retry delay (ms), doubled on each further attempt (a Retry-After answer wins). */
  public static final String NOTIFY_PUSH_RETRY_BASE_MS = "notify.push.retryBaseMs";
  /** Time allowed for one request to a push service, ms. */
  public static final String NOTIFY_PUSH_TIMEOUT_MS = "notify.push.timeoutMs";

  // Stories (story-verticle).
  /** How long a story lives after posting, seconds (default a day); it is gone from every answer at that instant. */
  public static final String STORY_TTL = "story.ttlSeconds";
  /** Stories one person may have that have not expired yet. */
  public static final String STORY_MAX_ACTIVE_PER_AUTHOR = "story.maxActivePerAuthor";
  /** Characters (code points) of a text story. */
  public static final String STORY_MAX_TEXT_LENGTH = "story.maxTextLength";
  /** Characters of a story's caption. */
  public static final String STORY_MAX_CAPTION_LENGTH = "story.maxCaptionLength";
  /** User ids an audience of {@code selected} or {@code contacts_except} may list. */
  public static final String STORY_MAX_AUDIENCE_IDS = "story.maxAudienceIds";
  /** How often the expiry job runs, seconds (one node at a time in a cluster). */
  public static final String STORY_CLEANER_INTERVAL = "story.cleaner.intervalSeconds";
  /** Expired stories the job removes per round. */
  public static final String STORY_CLEANER_BATCH = "story.cleaner.batchSize";

  /**
   * When a node is asked to stop (SIGTERM, {@code parley drain}), {@code /ready} answers 503 for
   * this long before its clients are told to move, so load balancers send no new ones meanwhile.
   */
  public static final String DRAIN_UNREADY_DELAY_MS = "drain.unreadyDelayMs";
  /** Then in-flight requests get this long to finish before the node exits. */
  public static final String DRAIN_TIMEOUT_SECONDS = "drain.timeoutSeconds";

  /** OTLP/HTTP endpoint spans are exported to ({@code http://collector:4318/v1/traces}); empty = tracing off. */
  public static final String TRACING_OTLP_ENDPOINT = "tracing.otlpEndpoint";
  /** Share of traces sampled when tracing is on, 0.0 to 1.0 (a sampled parent always samples its children). */
  public static final String TRACING_SAMPLE_RATIO = "tracing.sampleRatio";
  /** The {@code service.name} of exported spans. */
  public static final String TRACING_SERVICE_NAME = "tracing.serviceName";

  /** How often each housekeeping job runs (each on one node of the cluster at a time). */
  public static final String HOUSEKEEPING_INTERVAL_SECONDS = "housekeeping.intervalSeconds";
  /** Device sessions expired or revoked longer ago than this are deleted. */
  public static final String HOUSEKEEPING_SESSION_RETENTION_DAYS = "housekeeping.sessionRetentionDays";
  /** Audit rows older than this are deleted. */
  public static final String HOUSEKEEPING_AUDIT_RETENTION_DAYS = "housekeeping.auditRetentionDays";
  /** A private settings change superseded by a newer one for the same chat is folded away once older than this. */
  public static final String HOUSEKEEPING_PRIVATE_CHANGE_RETENTION_HOURS = "housekeeping.privateChangeRetentionHours";

  /** {@code text} (human-readable) or {@code json} (one JSON object per line). */
  public static final String LOG_FORMAT = "log.format";
  /** Level of Parley's own loggers and the root: {@code INFO}, {@code DEBUG}, {@code WARN}, ... */
  public static final String LOG_LEVEL = "log.level";

  // ---- Resilience and security ----
  /** Client connections a node accepts; 0 = its file descriptor limit less {@link #HTTP_FD_RESERVE}. */
  public static final String HTTP_MAX_CONNECTIONS = "http.maxConnections";
  /** Descriptors kept back from clients for the node's own work; 0 = a quarter of the limit, at most 4,096. */
  public static final String HTTP_FD_RESERVE = "http.fdReserve";
  /** Bearer token {@code GET /metrics} on the API port requires; empty = not served there. */
  public static final String METRICS_TOKEN = "metrics.token";
  /** A separate management port serving {@code /metrics} (no token); 0 = none. */
  public static final String METRICS_PORT = "metrics.port";
  /** The interface the management port binds. */
  public static final String METRICS_HOST = "metrics.host";
  /** Edits, reactions, pins, renames and live-location moves one user may make at once, per kind. */
  public static final String CHAT_ACTION_RATE_BURST = "chat.actionRate.burst";
  /** ... and sustained, per minute, per kind (counted on each chat node, in memory). */
  public static final String CHAT_ACTION_RATE_PER_MINUTE = "chat.actionRate.perMinute";

  /** Keys overridable from the environment (see the class comment). */
  public static final List<String> ALL = List.of(
    NODE_ROLES, NODE_DATA_DIR, NODE_NAME,
    HTTP_HOST, HTTP_PORT, HTTP_BODY_LIMIT, HTTP_ALLOWED_ORIGINS, HTTP_TRUST_FORWARDED, HTTP_CHECK_RESPONSES,
    CLUSTER_ENABLED, CLUSTER_HOST, CLUSTER_PORT, CLUSTER_EVENT_BUS_PORT, CLUSTER_MEMBERS, CLUSTER_NAME,
    CLUSTER_DISCOVERY, CLUSTER_KUBERNETES_SERVICE, CLUSTER_KUBERNETES_NAMESPACE,
    POSTGRES_URI, POSTGRES_POOL_SIZE, POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS, POSTGRES_EMBEDDED_PORT,
    REDIS_URI, REDIS_POOL_SIZE, REDIS_EMBEDDED_PORT,
    KAFKA_BOOTSTRAP_SERVERS, KAFKA_EMBEDDED_PORT, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR,
    AUTH_KEY_DIR, AUTH_ISSUER, AUTH_ACCESS_TOKEN_TTL, AUTH_REFRESH_TOKEN_TTL,
    AUTH_RATE_WINDOW, AUTH_SIGN_IN_PER_ACCOUNT, AUTH_SIGN_IN_PER_ADDRESS, AUTH_SIGN_UP_PER_ACCOUNT, AUTH_SIGN_UP_PER_ADDRESS,
    AUTH_ADMIN_EMAILS, AUTH_PASSWORD_HASH_MEMORY_KIB, AUTH_PASSWORD_HASH_ITERATIONS,
    REALTIME_MAX_FRAME_BYTES, REALTIME_FRAMES_PER_SECOND, REALTIME_FRAME_BURST, REALTIME_WRITE_QUEUE_BYTES,
    REALTIME_MAX_QUEUED_FRAMES, REALTIME_SLOW_CLIENT_GRACE_MS,
    REALTIME_AUTHENTICATION_TIMEOUT_MS, REALTIME_MAX_REFUSALS, REALTIME_TYPING_THROTTLE_MS,
    REALTIME_PRESENCE_GRACE_MS, REALTIME_PRESENCE_TTL_MS, REALTIME_AWAY_AFTER_MS, REALTIME_ROUTE_BY_INTEREST,
    CHAT_MAX_TEXT_LENGTH, CHAT_MAX_CAPTION_LENGTH, CHAT_MAX_TITLE_LENGTH, CHAT_MAX_DESCRIPTION_LENGTH,
    CHAT_MAX_GROUP_MEMBERS, CHAT_MAX_CHANNEL_MEMBERS, CHAT_MAX_MEMBERS_PER_REQUEST, CHAT_MAX_PINNED_CHATS,
    CHAT_MAX_LIVE_LOCATION_SECONDS, CHAT_SEND_RATE_LIMIT, CHAT_SEND_RATE_WINDOW,
    MEDIA_STORE, MEDIA_LOCAL_DIR, MEDIA_LOCAL_SECRET,
    MEDIA_S3_BUCKET, MEDIA_S3_REGION, MEDIA_S3_ENDPOINT, MEDIA_S3_PUBLIC_ENDPOINT, MEDIA_S3_PATH_STYLE,
    MEDIA_S3_ACCESS_KEY_ID, MEDIA_S3_SECRET_ACCESS_KEY,
    MEDIA_UPLOAD_URL_TTL, MEDIA_DOWNLOAD_URL_TTL, MEDIA_PENDING_TTL, MEDIA_UNREFERENCED_TTL, MEDIA_MAX_PENDING_PER_USER,
    MEDIA_MAX_BYTES_IMAGE, MEDIA_MAX_BYTES_VIDEO, MEDIA_MAX_BYTES_AUDIO, MEDIA_MAX_BYTES_DOCUMENT,
    MEDIA_MAX_IMAGE_PIXELS, MEDIA_THUMBNAIL_SIZE, MEDIA_WORKERS, MEDIA_MAX_QUEUED_JOBS,
    MEDIA_ORPHAN_INTERVAL, MEDIA_ORPHAN_BATCH,
    NOTIFY_CONSUMER_GROUP, NOTIFY_BATCH_SIZE, NOTIFY_EVENT_ATTEMPTS, NOTIFY_MAX_EVENT_AGE, NOTIFY_COLLAPSE_WINDOW_MS,
    NOTIFY_KEEP_DAYS, NOTIFY_VAPID_KEY_DIR, NOTIFY_VAPID_PUBLIC_KEY, NOTIFY_VAPID_PRIVATE_KEY, NOTIFY_VAPID_SUBJECT,
    NOTIFY_PUSH_ALLOW_LOOPBACK_HTTP, NOTIFY_PUSH_TTL, NOTIFY_PUSH_MAX_ATTEMPTS, NOTIFY_PUSH_RETRY_BASE_MS,
    NOTIFY_PUSH_TIMEOUT_MS,
    AUTH_MAX_CONTACTS, AUTH_PHONE_LOOKUPS_PER_USER, AUTH_PHONE_LOOKUPS_PER_ADDRESS, AUTH_PHONE_LOOKUP_WINDOW,
    STORY_TTL, STORY_MAX_ACTIVE_PER_AUTHOR, STORY_MAX_TEXT_LENGTH, STORY_MAX_CAPTION_LENGTH, STORY_MAX_AUDIENCE_IDS,
    STORY_CLEANER_INTERVAL, STORY_CLEANER_BATCH,
    EMBEDDED_BIND_HOST, EMBEDDED_ALLOWED, DRAIN_UNREADY_DELAY_MS, DRAIN_TIMEOUT_SECONDS,
    TRACING_OTLP_ENDPOINT, TRACING_SAMPLE_RATIO, TRACING_SERVICE_NAME,
    HOUSEKEEPING_INTERVAL_SECONDS, HOUSEKEEPING_SESSION_RETENTION_DAYS, HOUSEKEEPING_AUDIT_RETENTION_DAYS,
    HOUSEKEEPING_PRIVATE_CHANGE_RETENTION_HOURS, LOG_FORMAT, LOG_LEVEL,
    HTTP_MAX_CONNECTIONS, HTTP_FD_RESERVE, METRICS_TOKEN, METRICS_PORT, METRICS_HOST,
    CHAT_ACTION_RATE_BURST, CHAT_ACTION_RATE_PER_MINUTE);

  private ConfigKeys() {
  }
}
