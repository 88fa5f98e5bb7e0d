package io.parley.bench;

import io.parley.shared.Address;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One signed-in device on the SockJS bridge, as lean as a load client can be: it sends messages
 * and times their acknowledgements, and counts the messages delivered to it without decoding
 * them (a delivery is any frame naming {@code message.sent}). One thread sends; the socket's event
 * loop reads.
 */
final class BridgeDevice {

  /** How an address appears inside a SockJS frame, where each bridge message is an encoded string. */
  private static final String ADDRESS = "\\\"address\\\":\\\"";

  private static final String REFUSAL = "\\\"type\\\":\\\"err\\\"";

  private final WebSocket socket;
  private final JsonObject headers;
  private final Counts counts;
  private final Consumer<String> frames;
  private final Map<String, Long> awaiting = new ConcurrentHashMap<>();
  private volatile Latencies acks;
  private volatile boolean closed;
  private long sent;

  /** What every device of a run adds to: messages delivered, refusals of any command, sockets closed. */
  record Counts(LongAdder deliveries, LongAdder refusals, LongAdder closes) {
    Counts() {
      this(new LongAdder(), new LongAdder(), new LongAdder());
    }
  }

  private BridgeDevice(WebSocket socket, JsonObject headers, Counts counts, Consumer<String> frames) {
    this.socket = socket;
    this.headers = headers;
    this.counts = counts;
    this.frames = frames;
  }

  /** Connects, registers for the user's events and waits for {@code realtime.auth} to answer. */
  static Future<BridgeDevice> connect(WebSocketClient client, int port, String token, Counts counts) {
    return connect(client, port, token, counts, frame -> { });
  }

  /** As {@link #connect(WebSocketClient, int, String, Counts)}, and every SockJS data frame received goes to {@code frames} too. */
  static Future<BridgeDevice> connect(WebSocketClient client, int port, String token, Counts counts, Consumer<String> frames) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/eventbus/0/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket");
    return client.connect(options).compose(socket -> {
      BridgeDevice device = new BridgeDevice(socket, new JsonObject().put("authorization", "Bearer " + token), counts, frames);
      Promise<BridgeDevice> ready = Promise.promise();
      device.awaiting.put("ready", System.nanoTime());
      socket.textMessageHandler(frame -> device.onFrame(frame, ready));
      socket.closeHandler(gone -> {
        device.closed = true;
        counts.closes().increment();
        ready.tryFail("closed by the server");
      });
      device.write(new JsonObject().put("type", "register").put("address", Address.CLIENT_EVENTS).put("headers", device.headers));
      device.write(new JsonObject().put("type", "send").put("address", Address.REALTIME_AUTH).put("body", new JsonObject())
        .put("headers", device.headers).put("replyAddress", "ready"));
      return ready.future();
    });
  }

  /** Times acknowledgements into {@code acks} from now on. */
  void timeAcksInto(Latencies acks) {
    this.acks = acks;
  }

  /** Sends a text message to {@code chatId}; its acknowledgement's latency goes to the current {@link #timeAcksInto}. */
  void send(String chatId) {
    send(chatId, "benchmark message " + (sent + 1));
  }

  /** Sends {@code text} to {@code chatId}, timed as {@link #send(String)} is. */
  void send(String chatId, String text) {
    String replyAddress = "s" + (++sent);
    awaiting.put(replyAddress, System.nanoTime());
    write(new JsonObject().put("type", "send").put("address", Address.CHAT_MESSAGE_SEND)
      .put("body", new JsonObject().put("chatId", chatId).put("clientMessageId", UUID.randomUUID().toString())
        .put("kind", "text").put("text", text))
      .put("headers", headers).put("replyAddress", replyAddress));
  }

  /** Registers for one more address, as the browser does for {@code client.announcements} once authenticated. */
  void register(String address) {
    write(new JsonObject().put("type", "register").put("address", address).put("headers", headers));
  }

  /** The keep-alive a browser's transport sends every few seconds. */
  void ping() {
    write(new JsonObject().put("type", "ping"));
  }

  /** Sends not answered yet. */
  int inFlight() {
    return awaiting.size() - (awaiting.containsKey("ready") ? 1 : 0);
  }

  /** Stops waiting for the sends not answered so far (a step is over; they count as unanswered). */
  void forgetUnanswered() {
    awaiting.keySet().removeIf(address -> !address.equals("ready"));
  }

  void close() {
    socket.close();
  }

  /** Whether the connection has closed (by {@link #close()} or by the server). */
  boolean isClosed() {
    return closed;
  }

  private void onFrame(String frame, Promise<BridgeDevice> ready) {
    if (!frame.startsWith("a")) {
      return;
    }
    frames.accept(frame);
    // Under load SockJS packs several bridge messages into one frame: each counts.
    if (frame.contains("message.sent")) {
      counts.deliveries().add(messagesSent(frame));
    }
    counts.refusals().add(occurrences(frame, REFUSAL));
    // SockJS may carry several messages in one frame: look at every address named.
    for (int at = frame.indexOf(ADDRESS); at >= 0; at = frame.indexOf(ADDRESS, at + 1)) {
      int from = at + ADDRESS.length();
      String address = frame.substring(from, frame.indexOf('\\', from));
      Long started = awaiting.remove(address);
      if (started == null) {
        continue;
      }
      if (address.equals("ready")) {
        ready.tryComplete(this);
      } else if (acks != null) {
        acks.add((System.nanoTime() - started) / 1_000);
      }
    }
  }

  /** The bridge messages of a SockJS frame ({@code a["…","…"]}) that deliver a sent message. */
  private static int messagesSent(String frame) {
    int count = 0;
    for (Object message : new JsonArray(frame.substring(1))) {
      JsonObject body = new JsonObject((String) message).getJsonObject("body");
      count += body != null && "message.sent".equals(body.getString("type")) ? 1 : 0;
    }
    return count;
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  private void write(JsonObject frame) {
    socket.writeTextMessage(new JsonArray().add(frame.encode()).encode());
  }
}
