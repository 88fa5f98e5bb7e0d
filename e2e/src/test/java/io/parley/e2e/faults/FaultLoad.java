package io.parley.e2e.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady load through every live gateway while faults come and go: senders post messages over
 * REST to a random live gateway, retrying one that got no answer with the same client message id
 * (so a retry may never store it twice), and every user's device stays connected somewhere.
 */
final class FaultLoad implements AutoCloseable {

  private static final int SEND_ATTEMPTS = 6;

  /** A registered user with an access token. */
  record User(String id, String token) {
  }

  final List<User> users = new ArrayList<>();
  final Map<String, List<User>> members = new ConcurrentHashMap<>();
  /** Per chat: client message id to seq, for every acknowledged send. */
  final Map<String, Map<String, Long>> acked = new ConcurrentHashMap<>();
  /** Client ids of sends never acknowledged (every attempt failed). */
  final Set<String> neverAcked = ConcurrentHashMap.newKeySet();
  final List<FaultDevice> devices = new ArrayList<>();
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong failedAttempts = new AtomicLong();
  private final Vertx vertx;
  private final WebClient http;
  private final Supplier<List<NodeProcess>> gateways;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  FaultLoad(Vertx vertx, Supplier<List<NodeProcess>> gateways) {
    this.vertx = vertx;
    this.gateways = gateways;
    this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2_000).setIdleTimeout(15));
  }

  /** {@code groups} groups of {@code perGroup} users, each user with one device. */
  void setUp(int groups, int perGroup) {
    NodeProcess gateway = gateways.get().get(0);
    for (int g = 0; g < groups; g++) {
      List<User> group = new ArrayList<>();
      for (int u = 0; u < perGroup; u++) {
        group.add(register(gateway));
      }
      users.addAll(group);
      JsonObject created = http.post(gateway.httpPort, "127.0.0.1", "/api/v1/chats")
        .putHeader("Authorization", "Bearer " + group.get(0).token())
        .sendJsonObject(new JsonObject().put("type", "group").put("title", "faults " + g)
          .put("memberIds", new JsonArray(group.subList(1, perGroup).stream().map(User::id).toList()))).await().bodyAsJsonObject();
      members.put(created.getString("id"), group);
      acked.put(created.getString("id"), new ConcurrentHashMap<>());
    }
    List<NodeProcess> live = gateways.get();
    for (int i = 0; i < users.size(); i++) {
      FaultDevice device = new FaultDevice(vertx, users.get(i).id(), users.get(i).token(), gateways);
      if (!device.connect(live.get(i % live.size()))) {
        throw new IllegalStateException("device of " + users.get(i).id() + " could not connect");
      }
      devices.add(device);
    }
  }

  void start(int senders) {
    running = true;
    for (int s = 0; s < senders; s++) {
      threads.add(started(new Thread(this::sendLoop, "fault-sender-" + s)));
    }
    threads.add(started(new Thread(() -> {
      while (running) {
        devices.forEach(FaultDevice::keepUp);
        pause(50);
      }
    }, "fault-devices")));
  }

  boolean allDevicesConnected() {
    return devices.stream().allMatch(FaultDevice::connected);
  }

  /** One message through {@code gateway}, at once, without retry: whether it was acknowledged. */
  boolean probe(NodeProcess gateway) {
    User sender = users.get(0);
    String chat = members.entrySet().stream().filter(e -> e.getValue().contains(sender)).findFirst().orElseThrow().getKey();
    String clientMessageId = UUID.randomUUID().toString();
    Long seq = post(gateway, sender, chat, clientMessageId, 3_000);
    if (seq != null) {
      acked.get(chat).put(clientMessageId, seq);
    }
    return seq != null;
  }

  private void sendLoop() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running) {
      User sender = users.get(random.nextInt(users.size()));
      String chat = members.entrySet().stream().filter(e -> e.getValue().contains(sender)).findFirst().orElseThrow().getKey();
      String clientMessageId = UUID.randomUUID().toString();
      Long seq = null;
      for (int attempt = 0; attempt < SEND_ATTEMPTS && seq == null && running; attempt++) {
        List<NodeProcess> live = gateways.get();
        if (live.isEmpty()) {
          pause(200);
          continue;
        }
        seq = post(live.get(random.nextInt(live.size())), sender, chat, clientMessageId, 12_000);
        if (seq == null) {
          pause(200L * (attempt + 1));
        }
      }
      if (seq != null) {
        acked.get(chat).put(clientMessageId, seq);
      } else {
        neverAcked.add(clientMessageId);
      }
      pause(80);
    }
  }

  private Long post(NodeProcess gateway, User sender, String chat, String clientMessageId, long timeoutMs) {
    attempts.incrementAndGet();
    try {
      HttpResponse<Buffer> response = http.post(gateway.httpPort, "127.0.0.1", "/api/v1/chats/" + chat + "/messages")
        .putHeader("Authorization", "Bearer " + sender.token()).timeout(timeoutMs)
        .sendJsonObject(new JsonObject().put("clientMessageId", clientMessageId).put("kind", "text").put("text", "fault load"))
        .await();
      if (response.statusCode() == 201 || response.statusCode() == 200) {
        return response.bodyAsJsonObject().getLong("seq");
      }
    } catch (Exception noAnswer) {
      // counted below: a timeout or a reset connection is an unacknowledged attempt
    }
    failedAttempts.incrementAndGet();
    return null;
  }

  /** Every client message id in a chat's whole history, with how often it appears. */
  Map<String, Integer> history(String chat) {
    User reader = members.get(chat).get(0);
    NodeProcess gateway = gateways.get().get(0);
    Map<String, Integer> times = new ConcurrentHashMap<>();
    long after = 0;
    while (true) {
      JsonObject page = http.get(gateway.httpPort, "127.0.0.1", "/api/v1/chats/" + chat + "/messages?limit=100&after=" + after)
        .putHeader("Authorization", "Bearer " + reader.token()).send().await().bodyAsJsonObject();
      JsonArray items = page.getJsonArray("items");
      if (items == null) {
        throw new IllegalStateException("history unreadable: " + page.encode());
      }
      if (items.isEmpty()) {
        return times;
      }
      for (Object item : items) {
        JsonObject message = (JsonObject) item;
        if (message.getString("clientMessageId") != null) {
          times.merge(message.getString("clientMessageId"), 1, Integer::sum);
        }
        after = Math.max(after, message.getLong("seq"));
      }
    }
  }

  private User register(NodeProcess gateway) {
    String username = "fault_" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject body = http.post(gateway.httpPort, "127.0.0.1", "/api/v1/auth/register")
      .sendJsonObject(new JsonObject().put("email", username + "@example.org").put("username", username)
        .put("password", "correct horse battery staple").put("displayName", username)).await().bodyAsJsonObject();
    return new User(body.getJsonObject("user").getString("id"), body.getString("accessToken"));
  }

  void stop() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    devices.forEach(FaultDevice::close);
  }

  private static Thread started(Thread thread) {
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
