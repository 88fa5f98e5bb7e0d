package io.parley.bench;

import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak: one node with its embedded backends under an hour (by default) of mixed load, then the
 * invariants counted. Devices connect and disconnect (resyncing from their cursor each time), send
 * over REST and the bridge, send photos (uploaded to the store, downloaded and compared by another
 * member), edit, react, type and change presence; memory and descriptors are
 * sampled every minute. At the end every acknowledged message must be in its chat's history
 * exactly once, no unacknowledged retry may have left a duplicate, and every device must hold
 * every acknowledged message of its chats after its final resync.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * ./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=io.parley.bench.SoakBenchmark -Dsoak.minutes=60
 * }</pre>
 */
public final class SoakBenchmark {

  private static final Logger log = LoggerFactory.getLogger(SoakBenchmark.class);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final BenchNode node;
  private final WebClient http;
  private final List<SoakDevice> devices = new ArrayList<>();
  private final Map<String, List<String>> membersOf = new ConcurrentHashMap<>();
  /** Per chat, the acknowledged sends: clientMessageId to seq. */
  private final Map<String, Map<String, Long>> acked = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> ownMessages = new ConcurrentHashMap<>();
  private final SoakMedia media;
  private volatile boolean running = true;

  private SoakBenchmark(Vertx vertx, BenchNode node) {
    this.vertx = vertx;
    this.node = node;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    this.media = new SoakMedia(vertx, node.httpPort(), WAIT, this::call);
  }

  public static void main(String[] args) throws Exception {
    int minutes = Integer.getInteger("soak.minutes", 60);
    int users = Integer.getInteger("soak.users", 30);
    int workers = Integer.getInteger("soak.workers", 4);
    Vertx vertx = Vertx.vertx();
    System.setProperty("parley.bench.tokenSeconds", String.valueOf(minutes * 60 + 1_800));
    try (BenchNode node = BenchNode.start(vertx, config -> {
      Config.set(config, ConfigKeys.CHAT_ACTION_RATE_BURST, 1_000_000);
      Config.set(config, ConfigKeys.CHAT_ACTION_RATE_PER_MINUTE, 1_000_000);
    })) {
      SoakBenchmark soak = new SoakBenchmark(vertx, node);
      soak.setUp(users);
      SoakResult result = soak.run(Duration.ofMinutes(minutes), workers);
      result.print();
    } finally {
      vertx.close().await();
    }
  }

  private void setUp(int userCount) throws Exception {
    List<String> users = node.users(userCount);
    for (int group = 0; group + 5 <= users.size(); group += 5) {
      List<String> members = users.subList(group, group + 5);
      JsonObject created = call(HttpMethod.POST, "/api/v1/chats", members.get(0), new JsonObject().put("type", "group")
        .put("title", "soak " + group).put("memberIds", new JsonArray(new ArrayList<>(members.subList(1, 5))))).bodyAsJsonObject();
      membersOf.put(created.getString("id"), List.copyOf(members));
    }
    for (int i = 0; i + 1 < users.size(); i += 6) {
      JsonObject direct = call(HttpMethod.POST, "/api/v1/chats", users.get(i), new JsonObject().put("type", "direct")
        .put("userId", users.get(i + 1))).bodyAsJsonObject();
      membersOf.put(direct.getString("id"), List.of(users.get(i), users.get(i + 1)));
    }
    membersOf.keySet().forEach(chat -> acked.put(chat, new ConcurrentHashMap<>()));
    for (String user : users) {
      int deviceCount = ThreadLocalRandom.current().nextInt(1, 3);
      for (int d = 0; d < deviceCount; d++) {
        SoakDevice device = new SoakDevice(vertx, node.httpPort(), user, node.token(user));
        device.connect();
        devices.add(device);
      }
    }
    log.info("Soak set up: {} users, {} chats, {} devices", users.size(), membersOf.size(), devices.size());
  }

  private SoakResult run(Duration duration, int workers) throws Exception {
    SoakSampler sampler = new SoakSampler(java.nio.file.Path.of(Config.string(node.node.config(), ConfigKeys.NODE_DATA_DIR)));
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread worker = new Thread(this::work, "soak-worker-" + w);
      worker.start();
      threads.add(worker);
    }
    Thread collector = new Thread(() -> {
      while (running) {
        devices.forEach(SoakDevice::collect);
        pause(50);
      }
    }, "soak-collector");
    collector.start();
    sampler.sample(counts);
    while (System.nanoTime() < end) {
      pause(Math.min(60_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      sampler.sample(counts);
    }
    running = false;
    for (Thread thread : threads) {
      thread.join();
    }
    collector.join();
    return check(sampler, duration);
  }

  /** One worker: a random action, a short pause, again. */
  private void work() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running) {
      SoakDevice device = devices.get(random.nextInt(devices.size()));
      List<String> chats = membersOf.entrySet().stream().filter(e -> e.getValue().contains(device.userId)).map(Map.Entry::getKey).toList();
      String chat = chats.get(random.nextInt(chats.size()));
      int dice = random.nextInt(100);
      try {
        if (dice < 42) {
          send(device, chat, random.nextBoolean());
        } else if (dice < 45) {
          sendPhoto(device, chat);
        } else if (dice < 55) {
          edit(device, chat);
        } else if (dice < 65) {
          react(device, chat);
        } else if (dice < 85) {
          count(device.typing(chat) ? "typing" : "typing.failed");
        } else if (dice < 92) {
          count(device.presence(random.nextBoolean() ? "busy" : "online") ? "presence" : "presence.failed");
        } else {
          device.reconnect();
          count("reconnects");
        }
      } catch (Exception | AssertionError failure) {
        count("errors");
        log.warn("Soak action failed: {}", failure.toString());
      }
      pause(100);
    }
  }

  private void send(SoakDevice device, String chat, boolean overBridge) throws Exception {
    String clientMessageId = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("chatId", chat).put("clientMessageId", clientMessageId).put("kind", "text")
      .put("text", "soak " + clientMessageId.substring(0, 8));
    for (int attempt = 1; attempt <= 2; attempt++) {
      Long seq = overBridge ? device.send(body) : restSend(device.userId, chat, body);
      if (seq != null) {
        acked.get(chat).put(clientMessageId, seq);
        ownMessages.computeIfAbsent(device.userId + "/" + chat, k -> new ArrayList<>()).add(seq);
        count(overBridge ? "sends.bridge" : "sends.rest");
        return;
      }
      // Unacknowledged: retried once with the same client id, which must never store it twice.
      count("sends.unacknowledged");
    }
  }

  /**
   * A photo: uploaded, sent as an image message (acknowledged sends count like any other), and
   * downloaded by another member, whose bytes must be the uploaded ones.
   */
  private void sendPhoto(SoakDevice device, String chat) {
    SoakMedia.Photo photo = media.upload(device.userId);
    String clientMessageId = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("clientMessageId", clientMessageId).put("kind", "image")
      .put("media", new JsonObject().put("id", photo.id()));
    Long seq = restSend(device.userId, chat, body);
    if (seq == null) {
      count("photos.unacknowledged");
      return;
    }
    acked.get(chat).put(clientMessageId, seq);
    count("photos");
    List<String> others = membersOf.get(chat).stream().filter(member -> !member.equals(device.userId)).toList();
    String viewer = others.get(ThreadLocalRandom.current().nextInt(others.size()));
    count(media.downloadsIntact(viewer, photo) ? "photo.downloads" : "photo.downloads.wrong");
  }

  private Long restSend(String user, String chat, JsonObject body) {
    HttpResponse<Buffer> response = call(HttpMethod.POST, "/api/v1/chats/" + chat + "/messages", user, body);
    return response.statusCode() == 201 || response.statusCode() == 200 ? response.bodyAsJsonObject().getLong("seq") : null;
  }

  private void edit(SoakDevice device, String chat) {
    List<Long> mine = ownMessages.get(device.userId + "/" + chat);
    if (mine == null || mine.isEmpty()) {
      return;
    }
    long seq = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
    int status = call(HttpMethod.PATCH, "/api/v1/chats/" + chat + "/messages/" + seq, device.userId,
      new JsonObject().put("text", "edited " + UUID.randomUUID().toString().substring(0, 6))).statusCode();
    count(status == 200 ? "edits" : "edits.failed");
  }

  private void react(SoakDevice device, String chat) {
    Map<String, Long> sent = acked.get(chat);
    if (sent.isEmpty()) {
      return;
    }
    long seq = sent.values().stream().skip(ThreadLocalRandom.current().nextInt(sent.size())).findFirst().orElseThrow();
    String emoji = List.of("👍", "🎉", "❤️").get(ThreadLocalRandom.current().nextInt(3));
    int status = call(HttpMethod.POST, "/api/v1/chats/" + chat + "/messages/" + seq + "/reactions", device.userId,
      new JsonObject().put("emoji", emoji)).statusCode();
    count(status == 200 ? "reactions" : "reactions.failed");
  }

  private SoakResult check(SoakSampler sampler, Duration duration) throws Exception {
    SoakResult result = new SoakResult(duration, counts, sampler);
    for (Map.Entry<String, Map<String, Long>> chat : acked.entrySet()) {
      Map<String, Integer> inHistory = history(chat.getKey());
      for (String clientMessageId : chat.getValue().keySet()) {
        int times = inHistory.getOrDefault(clientMessageId, 0);
        result.acknowledged++;
        if (times == 0) {
          result.lostFromHistory++;
        } else if (times > 1) {
          result.duplicatedInHistory++;
        }
      }
      inHistory.forEach((clientMessageId, times) -> {
        if (times > 1 && !chat.getValue().containsKey(clientMessageId)) {
          result.unacknowledgedDuplicates++;
        }
      });
    }
    for (SoakDevice device : devices) {
      device.finalResync();
      for (Map.Entry<String, List<String>> chat : membersOf.entrySet()) {
        if (chat.getValue().contains(device.userId)) {
          for (long seq : acked.get(chat.getKey()).values()) {
            result.deliveriesExpected++;
            if (!device.holds(chat.getKey(), seq)) {
              result.deliveriesMissing++;
            }
          }
        }
      }
      result.liveDuplicates += device.liveDuplicates();
      result.syncDuplicates += device.syncDuplicates();
      device.close();
    }
    return result;
  }

  /** How often each client message id appears in a chat's whole history, read page by page. */
  private Map<String, Integer> history(String chat) {
    String reader = membersOf.get(chat).get(0);
    Map<String, Integer> times = new ConcurrentHashMap<>();
    long after = 0;
    while (true) {
      HttpResponse<Buffer> response = call(HttpMethod.GET, "/api/v1/chats/" + chat + "/messages?limit=100&after=" + after, reader, null);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("history of " + chat + " unreadable: " + response.bodyAsString());
      }
      JsonObject page = response.bodyAsJsonObject();
      JsonArray items = page.getJsonArray("items", new JsonArray());
      if (items.isEmpty()) {
        return times;
      }
      for (Object item : items) {
        JsonObject message = (JsonObject) item;
        String clientId = message.getString("clientMessageId");
        if (clientId != null) {
          times.merge(clientId, 1, Integer::sum);
        }
        after = Math.max(after, message.getLong("seq"));
      }
    }
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String user, JsonObject body) {
    var request = http.request(method, path).putHeader("Authorization", "Bearer " + node.token(user)).timeout(WAIT.toMillis());
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
