package io.parley.bench;

import io.parley.backends.EmbeddedBackends;
import io.parley.node.Node;
import io.parley.node.NodeConfig;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime edge under load, across two clustered nodes on this machine:
 * <ul>
 *   <li>connects per second: clients connect to node A (all roles), authenticate and register at a
 *   fixed rate, while node B — a separate JVM running only a gateway, the peer — is watched for
 *   the CPU it spends because of them (with one clustered consumer per socket every connect would
 *   be a Hazelcast write mirrored on B; with node-local routing it is nothing);</li>
 *   <li>deliveries per second and end-to-end latency: members of groups connected half to A and
 *   half to B, messages sent over REST to B, latency from the send to each member's frame.</li>
 * </ul>
 */
public final class RealtimeBenchmark {

  private static final Logger log = LoggerFactory.getLogger(RealtimeBenchmark.class);
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(System.getProperty("parley.jar", "node/target/parley.jar")).toAbsolutePath();
    Path work = Files.createTempDirectory("parley-realtime-bench-");
    Vertx vertx = Vertx.vertx();
    try (EmbeddedBackends backends = EmbeddedBackends.start(EmbeddedBackends.Options.in(work.resolve("backends")))) {
      JsonObject base = NodeConfig.defaults();
      Config.set(base, ConfigKeys.POSTGRES_URI, backends.postgresUri());
      Config.set(base, ConfigKeys.REDIS_URI, backends.redisUri());
      Config.set(base, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, backends.kafkaBootstrapServers());
      Config.set(base, ConfigKeys.AUTH_KEY_DIR, work.resolve("keys").toString());
      Config.set(base, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(work.resolve("keys"), Clock.systemUTC()));
      Config.set(base, "chat.sendRate.limit", 1_000_000);
      int hazelcastA = FreePorts.next();
      int hazelcastB = FreePorts.next();
      int httpB = FreePorts.next();

      Process peer = startPeer(jar, work, backends, hazelcastA, hazelcastB, httpB);
      JsonObject configA = base.copy();
      Config.set(configA, ConfigKeys.NODE_DATA_DIR, work.resolve("a").toString());
      Config.set(configA, ConfigKeys.HTTP_PORT, FreePorts.next());
      Config.set(configA, ConfigKeys.NODE_ROLES, new JsonArray().add("all"));
      Config.set(configA, ConfigKeys.CLUSTER_ENABLED, true);
      Config.set(configA, ConfigKeys.CLUSTER_PORT, hazelcastA);
      Config.set(configA, ConfigKeys.CLUSTER_MEMBERS, new JsonArray().add("127.0.0.1:" + hazelcastA).add("127.0.0.1:" + hazelcastB));
      try (Node nodeA = Node.start(configA)) {
        waitReady(vertx, httpB);
        JWTAuth tokens = SigningKeys.jwtAuth(vertx, base);
        Pool pool = Connections.postgres(vertx, base);
        List<String> users = BenchNode.insertUsers(pool, 2_000, "rt");

        // Tokens are minted before the clock starts: signing is the client's cost, not the server's.
        Map<String, String> tokenOf = new java.util.HashMap<>();
        users.forEach(user -> tokenOf.put(user, token(tokens, user)));
        connectPhase(vertx, tokenOf, users, nodeA.httpPort(), peer.pid(), 500, 2, "warm-up");
        for (int rate : new int[] {250, 1_000}) {
          connectPhase(vertx, tokenOf, users, nodeA.httpPort(), peer.pid(), rate, 5, "connects at " + rate + "/s");
        }
        deliveryPhase(vertx, tokens, users, nodeA.httpPort(), httpB, 20, 10, 100, 10);
      } finally {
        peer.destroy();
        peer.waitFor();
      }
    } finally {
      vertx.close().await();
    }
  }

  private static Process startPeer(Path jar, Path work, EmbeddedBackends backends, int hazelcastA, int hazelcastB, int httpB)
    throws IOException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-jar", jar.toString(), "--cluster", "--cluster-port", String.valueOf(hazelcastB),
      "--members", "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB,
      "--http-port", String.valueOf(httpB), "--data-dir", work.resolve("b").toString(), "--roles", "gateway",
      "--postgres", backends.postgresUri(), "--redis", backends.redisUri(), "--kafka", backends.kafkaBootstrapServers())
      .redirectErrorStream(true).redirectOutput(work.resolve("peer.log").toFile());
    builder.environment().put("PARLEY_AUTH_KEY_DIR", work.resolve("keys").toString());
    builder.environment().put("PARLEY_CHAT_SEND_RATE_LIMIT", "1000000");
    return builder.start();
  }

  /** Opens {@code rate} connections a second for {@code seconds}; reports latency and the peer's CPU. */
  private static void connectPhase(Vertx vertx, Map<String, String> tokenOf, List<String> users, int port, long peerPid,
                                   int rate, int seconds, String name) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
    Latencies latencies = new Latencies();
    List<WebSocket> sockets = new ArrayList<>();
    List<Future<Void>> connected = new ArrayList<>();
    int total = rate * seconds;
    long peerCpuBefore = ServerProcess.ticksOf(peerPid);
    long start = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      String userId = users.get(i % users.size());
      connected.add(connectAndAuthenticate(client, port, tokenOf.get(userId), latencies, sockets::add));
    }
    Future.join(connected).await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long peerCpu = ServerProcess.ticksOf(peerPid) - peerCpuBefore;
    log.info("{}: {} of {} connected+authenticated in {} s, {}; peer node CPU {}% of one core",
      name, latencies.count(), total, String.format("%.1f", elapsed), latencies.summary(),
      String.format("%.1f", 100.0 * peerCpu / CLOCK_TICKS_PER_SECOND / elapsed));
    long closing = System.nanoTime();
    peerCpuBefore = ServerProcess.ticksOf(peerPid);
    synchronized (sockets) {
      sockets.forEach(WebSocket::close);
    }
    client.close().await();
    Thread.sleep(2_000);
    log.info("mass disconnect of {}: peer node CPU {}% of one core over the next {} s", total,
      String.format("%.1f", 100.0 * (ServerProcess.ticksOf(peerPid) - peerCpuBefore) / CLOCK_TICKS_PER_SECOND / ((System.nanoTime() - closing) / 1e9)),
      String.format("%.1f", (System.nanoTime() - closing) / 1e9));
  }

  private static Future<Void> connectAndAuthenticate(WebSocketClient client, int port, String token, Latencies latencies,
                                                     Consumer<WebSocket> keep) {
    long begin = System.nanoTime();
    Promise<Void> done = Promise.promise();
    client.connect(sockJs(port)).onFailure(done::fail).onSuccess(socket -> {
      synchronized (keep) {
        keep.accept(socket);
      }
      socket.textMessageHandler(frame -> {
        if (isReply(frame, "ready")) {
          latencies.add((System.nanoTime() - begin) / 1_000);
          done.tryComplete();
        } else if (frame.startsWith("c")) {
          done.tryFail("closed by the server: " + frame);
        }
      });
      JsonObject headers = new JsonObject().put("authorization", "Bearer " + token);
      write(socket, new JsonObject().put("type", "register").put("address", Address.CLIENT_EVENTS).put("headers", headers));
      write(socket, new JsonObject().put("type", "send").put("address", Address.REALTIME_AUTH).put("body", new JsonObject())
        .put("headers", headers).put("replyAddress", "ready"));
    });
    return done.future();
  }

  /**
   * {@code groups} groups of {@code members}, members connected alternately to A and B; the first
   * member of each group sends {@code ratePerSecond} messages a second in total, over REST to B.
   */
  private static void deliveryPhase(Vertx vertx, JWTAuth tokens, List<String> users, int portA, int portB,
                                    int groups, int members, int ratePerSecond, int seconds) throws Exception {
    WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(64));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Latencies latencies = new Latencies();
    List<String> chats = new ArrayList<>();
    List<String> senders = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<String> group = users.subList(g * members, (g + 1) * members);
      String owner = group.get(0);
      var created = http.post(portB, "127.0.0.1", "/api/v1/chats").putHeader("Authorization", "Bearer " + token(tokens, owner))
        .sendJsonObject(new JsonObject().put("type", "group").put("title", "bench " + g)
          .put("memberIds", new JsonArray(group.subList(1, group.size())))).await();
      chats.add(created.bodyAsJsonObject().getString("id"));
      senders.add(owner);
      for (int m = 0; m < group.size(); m++) {
        int port = m % 2 == 0 ? portA : portB;
        WebSocket socket = client.connect(sockJs(port)).await();
        sockets.add(socket);
        socket.textMessageHandler(frame -> onFrame(frame, sentAt, latencies));
        JsonObject headers = new JsonObject().put("authorization", "Bearer " + token(tokens, group.get(m)));
        write(socket, new JsonObject().put("type", "register").put("address", Address.CLIENT_EVENTS).put("headers", headers));
      }
    }
    Thread.sleep(1_000);
    long start = System.nanoTime();
    long interval = 1_000_000_000L / ratePerSecond;
    List<Future<?>> sends = new ArrayList<>();
    for (int i = 0; i < ratePerSecond * seconds; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      int g = i % groups;
      String text = "m-" + UUID.randomUUID();
      sentAt.put(text, System.nanoTime());
      sends.add(http.post(portB, "127.0.0.1", "/api/v1/chats/" + chats.get(g) + "/messages")
        .putHeader("Authorization", "Bearer " + token(tokens, senders.get(g)))
        .sendJsonObject(new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", text)));
    }
    Future.join(sends).await();
    Thread.sleep(2_000);
    double elapsed = (System.nanoTime() - start) / 1e9 - 2;
    int expected = ratePerSecond * seconds * members;
    log.info("deliveries: {} of {} expected in {} s = {} deliveries/s; send-to-frame latency across two nodes {}",
      latencies.count(), expected, String.format("%.1f", elapsed), String.format("%.0f", latencies.count() / elapsed),
      latencies.summary());
    sockets.forEach(WebSocket::close);
  }

  private static boolean isReply(String frame, String address) {
    if (!frame.startsWith("a")) {
      return false;
    }
    for (Object message : new JsonArray(frame.substring(1))) {
      if (address.equals(new JsonObject((String) message).getString("address"))) {
        return true;
      }
    }
    return false;
  }

  private static void onFrame(String frame, Map<String, Long> sentAt, Latencies latencies) {
    if (!frame.startsWith("a")) {
      return;
    }
    long now = System.nanoTime();
    for (Object message : new JsonArray(frame.substring(1))) {
      JsonObject body = new JsonObject((String) message).getJsonObject("body");
      if (body == null || !"message.sent".equals(body.getString("type"))) {
        continue;
      }
      String text = findText(body.getJsonObject("payload"));
      Long sent = text == null ? null : sentAt.get(text);
      if (sent != null) {
        latencies.add((now - sent) / 1_000);
      }
    }
  }

  private static String findText(JsonObject payload) {
    if (payload == null) {
      return null;
    }
    if (payload.getString("text") != null) {
      return payload.getString("text");
    }
    JsonObject message = payload.getJsonObject("message");
    return message == null ? null : message.getString("text");
  }

  private static WebSocketConnectOptions sockJs(int port) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/eventbus/0/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket");
  }

  private static void write(WebSocket socket, JsonObject frame) {
    socket.writeTextMessage(new JsonArray().add(frame.encode()).encode());
  }

  private static String token(JWTAuth tokens, String userId) {
    return tokens.generateToken(new JsonObject().put("sub", userId).put("sid", UUID.randomUUID().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(3600));
  }

  private static void waitReady(Vertx vertx, int port) throws Exception {
    WebClient http = WebClient.create(vertx);
    for (int attempt = 0; attempt < 120; attempt++) {
      try {
        if (http.get(port, "127.0.0.1", "/ready").timeout(2_000).send().await().statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // the peer is still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The peer node did not become ready");
  }
}
