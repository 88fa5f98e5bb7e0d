package io.parley.bench;

import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device of the soak: a bridge connection that comes and goes. Each (re)connect resyncs from
 * the device's cursor; live message events and synced ones are what the device holds. Duplicates
 * are counted where a client could not tell them apart: twice on one connection, or twice in one
 * sync.
 */
final class SoakDevice implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(20);

  final String userId;
  private final Vertx vertx;
  private final int port;
  private final String token;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final AtomicInteger liveDuplicates = new AtomicInteger();
  private final AtomicInteger syncDuplicates = new AtomicInteger();
  private volatile BridgeClient client;
  private Set<String> thisConnection = ConcurrentHashMap.newKeySet();
  private String cursor;

  SoakDevice(Vertx vertx, int port, String userId, String token) {
    this.vertx = vertx;
    this.port = port;
    this.userId = userId;
    this.token = token;
  }

  synchronized void connect() throws InterruptedException {
    BridgeClient fresh = BridgeClient.connect(vertx, "127.0.0.1", port, "/eventbus").await();
    fresh.register(Address.CLIENT_EVENTS, auth());
    request(fresh, Address.REALTIME_AUTH, new JsonObject());
    thisConnection = ConcurrentHashMap.newKeySet();
    client = fresh;
    resync(fresh);
  }

  synchronized void reconnect() throws InterruptedException {
    BridgeClient old = client;
    collect();
    old.close();
    connect();
  }

  /** Takes the live frames received so far. */
  void collect() {
    BridgeClient current = client;
    if (current == null) {
      return;
    }
    for (JsonObject frame : current.drain()) {
      JsonObject body = frame.getJsonObject("body");
      if (body != null && "message.sent".equals(body.getString("type"))) {
        String key = body.getString("aggregateId") + ":" + body.getJsonObject("payload").getLong("seq");
        if (!thisConnection.add(key)) {
          liveDuplicates.incrementAndGet();
        }
        held.add(key);
      }
    }
  }

  Long send(JsonObject body) throws InterruptedException {
    JsonObject reply = request(client, Address.CHAT_MESSAGE_SEND, body);
    return reply == null ? null : reply.getLong("seq");
  }

  boolean typing(String chat) throws InterruptedException {
    return request(client, Address.REALTIME_TYPING, new JsonObject().put("chatId", chat).put("typing", true)) != null;
  }

  boolean presence(String status) throws InterruptedException {
    return request(client, Address.REALTIME_PRESENCE, new JsonObject().put("status", status)) != null;
  }

  synchronized void finalResync() throws InterruptedException {
    collect();
    resync(client);
  }

  boolean holds(String chat, long seq) {
    return held.contains(chat + ":" + seq);
  }

  int liveDuplicates() {
    return liveDuplicates.get();
  }

  int syncDuplicates() {
    return syncDuplicates.get();
  }

  @Override
  public void close() {
    client.close();
  }

  /** Everything since the cursor, page by page; a change twice in one sync is a duplicate. */
  private void resync(BridgeClient through) throws InterruptedException {
    Set<String> inThisSync = new HashSet<>();
    boolean more = true;
    while (more) {
      JsonObject body = new JsonObject();
      if (cursor != null) {
        body.put("cursor", cursor);
      }
      JsonObject page = request(through, Address.CHAT_SYNC, body);
      for (int retry = 0; page == null && retry < 3; retry++) {
        page = request(through, Address.CHAT_SYNC, body);
      }
      if (page == null) {
        throw new IllegalStateException("sync failed for device of " + userId);
      }
      for (Object item : page.getJsonArray("events", new io.vertx.core.json.JsonArray())) {
        JsonObject event = (JsonObject) item;
        if ("message.sent".equals(event.getString("type"))) {
          String key = event.getString("chatId") + ":" + event.getLong("seq");
          if (!inThisSync.add(key)) {
            syncDuplicates.incrementAndGet();
          }
          held.add(key);
        }
      }
      cursor = page.getString("cursor");
      more = page.getBoolean("hasMore", false);
    }
  }

  private JsonObject request(BridgeClient through, String address, JsonObject body) throws InterruptedException {
    String replyAddress = "r-" + UUID.randomUUID();
    through.send(address, body, auth(), replyAddress);
    JsonObject frame = through.next(f -> replyAddress.equals(f.getString("address")), WAIT);
    return frame == null || !"rec".equals(frame.getString("type")) ? null : frame.getJsonObject("body");
  }

  private JsonObject auth() {
    return new JsonObject().put("authorization", "Bearer " + token);
  }

}
