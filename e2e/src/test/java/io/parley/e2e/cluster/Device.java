package io.parley.e2e.cluster;

import io.parley.e2e.cluster.Rest.Account;
import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One device of a person, connected to the bridge through the balancer, keeping what a client
 * keeps: its cursor in the chat (the last seq it has) and, for the test, every message seq it
 * took, live or by resuming, in order. Like the web client's sequencer it drops a live copy of a
 * message it already has: one committed just before a reconnect can arrive live after it, when
 * the resume has fetched it already (the promise is exactly once after de-duplication). Anything
 * missing or out of order still shows.
 */
final class Device implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final int port;
  private final Account account;
  private final String chatId;
  private final List<Long> received = new ArrayList<>();
  private BridgeClient client;
  private long cursor;
  private boolean toldToMove;

  Device(Vertx vertx, int port, Account account, String chatId, long cursor) {
    this.vertx = vertx;
    this.port = port;
    this.account = account;
    this.chatId = chatId;
    this.cursor = cursor;
  }

  /** Connects through the balancer, retrying while it offers a node that is going away. */
  Device connect() throws InterruptedException {
    if (client != null) {
      // What the old connection delivered before it went counts; then it is done with.
      collect();
      client.close();
      client = null;
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        BridgeClient candidate = BridgeClient.connect(vertx, "127.0.0.1", port, "/eventbus").await();
        candidate.register(Address.CLIENT_EVENTS, auth());
        if (request(candidate, Address.REALTIME_AUTH, new JsonObject()) != null) {
          client = candidate;
          toldToMove = false;
          return this;
        }
        candidate.close();
      } catch (RuntimeException refused) {
        // a draining node refuses the upgrade (503), a dead one the connection: ask the balancer again
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No connection through the balancer within " + WAIT);
      }
      Thread.sleep(100);
    }
  }

  /** Reconnects and fetches everything after its cursor, page by page, as the web client does. */
  void resume() throws InterruptedException {
    connect();
    boolean more = true;
    while (more) {
      JsonObject page = request(client, Address.CHAT_CHANGES, new JsonObject().put("chatId", chatId).put("after", cursor));
      if (page == null) {
        throw new AssertionError("No answer to chat.changes");
      }
      for (Object item : page.getJsonArray("events")) {
        JsonObject event = (JsonObject) item;
        record(event.getString("type"), event.getLong("seq"));
      }
      cursor = Math.max(cursor, page.getLong("lastSeq"));
      more = page.getBoolean("hasMore");
    }
  }

  /** Takes the frames received so far: messages of the chat, and whether the server asked it to move. */
  void collect() {
    if (client == null) {
      return;
    }
    for (JsonObject frame : client.drain()) {
      JsonObject body = frame.getJsonObject("body");
      if (!"rec".equals(frame.getString("type")) || body == null) {
        continue;
      }
      if ("server.shutdown".equals(body.getString("type"))) {
        toldToMove = true;
      }
      JsonObject payload = body.getJsonObject("payload");
      if (payload != null && chatId.equals(body.getString("aggregateId"))) {
        Long seq = payload.getLong("seq");
        // A live copy of a message the resume already fetched is dropped; nothing else is.
        if (seq == null || !received.contains(seq)) {
          record(body.getString("type"), seq);
        }
      }
    }
  }

  private void record(String type, Long seq) {
    if ("message.sent".equals(type) && seq != null) {
      received.add(seq);
    }
    if (seq != null) {
      cursor = Math.max(cursor, seq);
    }
  }

  boolean has(long seq) {
    collect();
    return received.contains(seq);
  }

  boolean toldToMove() {
    collect();
    return toldToMove;
  }

  boolean disconnected() {
    return client == null || client.closedByServer();
  }

  List<Long> received() {
    collect();
    return List.copyOf(received);
  }

  private JsonObject request(BridgeClient bridge, String address, JsonObject body) throws InterruptedException {
    String replyAddress = "reply-" + UUID.randomUUID();
    bridge.send(address, body, auth(), replyAddress);
    JsonObject frame = bridge.next(f -> replyAddress.equals(f.getString("address")), WAIT);
    return frame != null && "rec".equals(frame.getString("type")) ? frame.getJsonObject("body") : null;
  }

  private JsonObject auth() {
    return new JsonObject().put("authorization", "Bearer " + account.accessToken());
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
