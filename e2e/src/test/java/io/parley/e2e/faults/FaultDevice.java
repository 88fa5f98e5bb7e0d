package io.parley.e2e.faults;

import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A user's device through the faults: a bridge connection that, when its node goes away, connects
 * to a live gateway and resyncs from its cursor. What it holds is every {@code message.sent} it got
 * live or by sync; a change twice on one connection or twice in one sync is a duplicate, since a
 * client could not tell the two apart.
 */
final class FaultDevice implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(12);

  final String userId;
  private final String token;
  private final Vertx vertx;
  private final Supplier<List<NodeProcess>> gateways;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final AtomicInteger duplicates = new AtomicInteger();
  private Set<String> thisConnection = new HashSet<>();
  private BridgeClient client;
  private NodeProcess on;
  private String cursor;
  private int reconnects;

  FaultDevice(Vertx vertx, String userId, String token, Supplier<List<NodeProcess>> gateways) {
    this.vertx = vertx;
    this.userId = userId;
    this.token = token;
    this.gateways = gateways;
  }

  /** Connects to {@code gateway}, listens, and resyncs; false if that did not work (try another). */
  synchronized boolean connect(NodeProcess gateway) {
    try {
      BridgeClient fresh = BridgeClient.connect(vertx, "127.0.0.1", gateway.httpPort, "/eventbus").await();
      fresh.register(Address.CLIENT_EVENTS, auth());
      if (request(fresh, Address.REALTIME_AUTH, new JsonObject()) == null || !resync(fresh)) {
        fresh.close();
        return false;
      }
      client = fresh;
      on = gateway;
      thisConnection = new HashSet<>();
      return true;
    } catch (Exception unreachable) {
      return false;
    }
  }

  /** Takes live frames; if the server closed the connection, moves to a live gateway. Answers whether connected. */
  synchronized boolean keepUp() {
    if (client != null) {
      collect();
      if (!client.closedByServer() && on.alive()) {
        return true;
      }
      client.close();
      client = null;
    }
    List<NodeProcess> live = gateways.get();
    for (int i = 0; i < live.size(); i++) {
      NodeProcess gateway = live.get((reconnects + userId.hashCode() + i & Integer.MAX_VALUE) % live.size());
      if (gateway.ready() && connect(gateway)) {
        reconnects++;
        return true;
      }
    }
    return false;
  }

  synchronized boolean connected() {
    return client != null && !client.closedByServer();
  }

  synchronized boolean finalResync() throws InterruptedException {
    collect();
    return client != null && resync(client);
  }

  boolean holds(String chat, long seq) {
    return held.contains(chat + ":" + seq);
  }

  int duplicates() {
    return duplicates.get();
  }

  int reconnects() {
    return reconnects;
  }

  private void collect() {
    for (JsonObject frame : client.drain()) {
      JsonObject body = frame.getJsonObject("body");
      if (body != null && "message.sent".equals(body.getString("type"))) {
        String key = body.getString("aggregateId") + ":" + body.getJsonObject("payload").getLong("seq");
        if (!thisConnection.add(key)) {
          duplicates.incrementAndGet();
        }
        held.add(key);
      }
    }
  }

  private boolean resync(BridgeClient through) throws InterruptedException {
    Set<String> inThisSync = new HashSet<>();
    boolean more = true;
    while (more) {
      JsonObject body = cursor == null ? new JsonObject() : new JsonObject().put("cursor", cursor);
      JsonObject page = request(through, Address.CHAT_SYNC, body);
      if (page == null) {
        return false;
      }
      for (Object item : page.getJsonArray("events", new JsonArray())) {
        JsonObject event = (JsonObject) item;
        if ("message.sent".equals(event.getString("type"))) {
          String key = event.getString("chatId") + ":" + event.getLong("seq");
          if (!inThisSync.add(key)) {
            duplicates.incrementAndGet();
          }
          held.add(key);
        }
      }
      cursor = page.getString("cursor");
      more = page.getBoolean("hasMore", false);
    }
    return true;
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

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
