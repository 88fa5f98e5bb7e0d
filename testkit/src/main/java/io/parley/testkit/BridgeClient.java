package io.parley.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real event-bus bridge client for tests, speaking what a browser's SockJS client speaks over
 * its WebSocket transport: SockJS framing ({@code o} open, {@code h} heartbeat,
 * {@code a[...]} message arrays, {@code c[...]} close) around the Vert.x bridge protocol frames
 * ({@code register}, {@code send}, {@code publish}, {@code ping}; {@code rec} and {@code err}
 * back).
 *
 * <p>Every bridge frame received is kept until a test takes it with {@link #next}, which blocks
 * the test thread (never call it on an event loop).
 */
public final class BridgeClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final List<JsonObject> frames = new ArrayList<>();
  private volatile boolean closedByServer;

  private BridgeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
  }

  /** Connects to the SockJS endpoint mounted at {@code path} (e.g. {@code /eventbus}). */
  public static Future<BridgeClient> connect(Vertx vertx, String host, int port, String path) {
    return connect(vertx, sockJsWebSocket(host, port, path));
  }

  /** The upgrade request of SockJS's WebSocket transport: {@code <path>/<server>/<session>/websocket}. */
  public static WebSocketConnectOptions sockJsWebSocket(String host, int port, String path) {
    return new WebSocketConnectOptions().setHost(host).setPort(port)
      .setURI(path + "/" + ThreadLocalRandom.current().nextInt(1000) + "/" + UUID.randomUUID().toString().substring(0, 8)
        + "/websocket");
  }

  /** Connects with full control of the upgrade request (headers, query, origin). */
  public static Future<BridgeClient> connect(Vertx vertx, WebSocketConnectOptions options) {
    return connect(vertx, options, new WebSocketClientOptions());
  }

  /**
   * Connects with client options too, for example a tiny receive buffer to play a client on a
   * slow network.
   */
  public static Future<BridgeClient> connect(Vertx vertx, WebSocketConnectOptions options, WebSocketClientOptions clientOptions) {
    // SockJS batches queued messages into one frame; a browser takes any size, so this client does too.
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions(clientOptions)
      .setMaxFrameSize(16 * 1024 * 1024)
      .setMaxMessageSize(64 * 1024 * 1024));
    return client.connect(options).map(socket -> {
      BridgeClient bridge = new BridgeClient(client, socket);
      socket.textMessageHandler(bridge::onSockJsFrame);
      socket.closeHandler(closed -> bridge.markClosed());
      return bridge;
    });
  }

  private void markClosed() {
    synchronized (frames) {
      closedByServer = true;
      frames.notifyAll();
    }
  }

  private void onSockJsFrame(String frame) {
    if (frame.isEmpty()) {
      return;
    }
    switch (frame.charAt(0)) {
      case 'a' -> {
        synchronized (frames) {
          new JsonArray(frame.substring(1)).forEach(message -> frames.add(new JsonObject((String) message)));
          frames.notifyAll();
        }
      }
      case 'c' -> markClosed();
      default -> {
        // 'o' (open) and 'h' (heartbeat) carry no bridge frame
      }
    }
  }

  public BridgeClient register(String address, JsonObject headers) {
    return write(new JsonObject().put("type", "register").put("address", address).put("headers", headers));
  }

  public BridgeClient send(String address, JsonObject body, JsonObject headers, String replyAddress) {
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("body", body).put("headers", headers);
    if (replyAddress != null) {
      frame.put("replyAddress", replyAddress);
    }
    return write(frame);
  }

  public BridgeClient publish(String address, JsonObject body, JsonObject headers) {
    return write(new JsonObject().put("type", "publish").put("address", address).put("body", body).put("headers", headers));
  }

  /** Writes any bridge frame as the SockJS client would: a JSON array holding one encoded frame. */
  public BridgeClient write(JsonObject frame) {
    socket.writeTextMessage(new JsonArray().add(frame.encode()).encode());
    return this;
  }

  /**
   * Writes a bridge frame as one WebSocket message split into fragments of {@code fragmentSize}
   * characters (a text frame, then continuation frames), as a client with small frames would.
   */
  public BridgeClient writeFragmented(JsonObject frame, int fragmentSize) {
    String text = new JsonArray().add(frame.encode()).encode();
    for (int from = 0; from < text.length(); from += fragmentSize) {
      String part = text.substring(from, Math.min(text.length(), from + fragmentSize));
      boolean last = from + fragmentSize >= text.length();
      socket.writeFrame(from == 0 ? WebSocketFrame.textFrame(part, last) : WebSocketFrame.continuationFrame(io.vertx.core.buffer.Buffer.buffer(part), last));
    }
    return this;
  }

  /** Writes raw text on the WebSocket (for malformed or oversized frames). */
  public BridgeClient writeRaw(String text) {
    socket.writeTextMessage(text);
    return this;
  }

  /**
   * The oldest frame matching {@code filter}, waiting up to {@code timeout} for one, or null.
   * Frames that do not match stay queued for later calls, so a test can wait for a reply without
   * losing the events that arrived before it.
   */
  public JsonObject next(Predicate<JsonObject> filter, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (frames) {
      while (true) {
        for (Iterator<JsonObject> it = frames.iterator(); it.hasNext(); ) {
          JsonObject frame = it.next();
          if (filter.test(frame)) {
            it.remove();
            return frame;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || closedByServer) {
          // Nothing more will come on a closed connection: no point waiting out the timeout.
          return null;
        }
        TimeUnit.NANOSECONDS.timedWait(frames, left);
      }
    }
  }

  /** The next {@code rec} frame for {@code address}, or null. */
  public JsonObject nextMessage(String address, Duration timeout) throws InterruptedException {
    return next(frame -> "rec".equals(frame.getString("type")) && address.equals(frame.getString("address")), timeout);
  }

  /** The next {@code err} frame, or null. */
  public JsonObject nextError(Duration timeout) throws InterruptedException {
    return next(frame -> "err".equals(frame.getString("type")), timeout);
  }

  /** Every frame received so far and not yet taken. */
  public List<JsonObject> drain() {
    synchronized (frames) {
      List<JsonObject> taken = new ArrayList<>(frames);
      frames.clear();
      return taken;
    }
  }

  /** Stops reading from the socket, like a client on a congested network: the server's writes back up. */
  public void pauseReading() {
    socket.pause();
  }

  public void resumeReading() {
    socket.resume();
  }

  public boolean closedByServer() {
    return closedByServer;
  }

  @Override
  public void close() {
    socket.close();
    client.close();
  }
}
