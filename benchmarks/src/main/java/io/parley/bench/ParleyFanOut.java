package io.parley.bench;

import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley under fan-out: a node from the fat jar with its embedded backends ({@link ServerProcess});
 * each room a real group or channel made through the REST API, each client a signed-in device on
 * the bridge, each send the normal client send over the bridge (durable, acknowledged), in a
 * channel by its owner and admins.
 */
final class ParleyFanOut implements FanOutServer {

  private static final Logger log = LoggerFactory.getLogger(ParleyFanOut.class);
  private static final String REFUSAL = "{\\\"type\\\":\\\"err\\\"";
  private static final String REFUSAL_BODY = ",\\\"body\\\":\\\"";
  private static final String FAILURE_CODE = ",\\\"failureCode\\\":";
  /** How a bridge message that arrives begins, inside a SockJS frame (where it is an encoded string). */
  private static final String BRIDGE_MESSAGE = "{\\\"type\\\":\\\"rec\\\",\\\"address\\\":\\\"";

  private final Vertx vertx;
  private final ServerProcess server;
  private final JWTAuth tokens;
  private final WebSocketClient sockets;
  private final BridgeDevice.Counts counts = new BridgeDevice.Counts();
  private final List<BridgeDevice> devices = new ArrayList<>();
  private final List<BridgeDevice> senders = new ArrayList<>();
  private final Map<String, LongAdder> refusalReasons = new ConcurrentHashMap<>();
  private long refusalsBefore;
  private long closedBefore;

  private ParleyFanOut(Vertx vertx, ServerProcess server) throws Exception {
    this.vertx = vertx;
    this.server = server;
    this.tokens = server.tokens(vertx);
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
  }

  static ParleyFanOut start(Vertx vertx, Path work, List<String> jvmOptions) throws Exception {
    // A thousand idle readers turning "away" after a minute is a presence storm of its own (each
    // change reaches everyone who shares a chat); it is not what this benchmark measures.
    Map<String, String> environment = Map.of(Config.environmentName(ConfigKeys.REALTIME_AWAY_AFTER_MS), "3600000");
    return new ParleyFanOut(vertx, ServerProcess.start(vertx, work, jvmOptions, environment));
  }

  @Override
  public String name() {
    return "parley";
  }

  @Override
  public String description() {
    return "Parley node (java -jar parley.jar, every role) with embedded PostgreSQL, Redis and Kafka; durable sends over the SockJS bridge";
  }

  @Override
  public List<Room> connect(RoomLayout layout, Deliveries deliveries) throws Exception {
    Pool pool = server.postgres(vertx);
    List<String> users = BenchNode.insertUsers(pool, layout.clients(), "fo");
    pool.close().await();
    WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(16));
    List<Future<String>> created = new ArrayList<>();
    for (int r = 0; r < layout.rooms(); r++) {
      List<String> members = members(users, layout, r);
      String ownerToken = ServerProcess.token(tokens, members.get(0));
      Future<String> chat = ParleyChats.create(http, server.httpPort(), ownerToken, layout.chatType(), layout.scenario() + " " + r,
        members.subList(1, members.size()));
      if (layout.chatType().equals("channel")) {
        chat = chat.compose(chatId -> ParleyChats.makeAdmins(http, server.httpPort(), ownerToken, chatId,
          members.subList(1, layout.senders())).map(chatId));
      }
      created.add(chat);
    }
    Future.all(created).await();
    http.close();

    List<BridgeDevice> connected = FanOutServer.connectAll(users.size(), i -> BridgeDevice.connect(sockets, server.httpPort(),
      ServerProcess.token(tokens, users.get(i)), counts, frame -> {
        received(frame, deliveries);
        refused(frame);
      }));
    devices.addAll(connected);
    List<Room> rooms = new ArrayList<>();
    for (int r = 0; r < layout.rooms(); r++) {
      String chatId = created.get(r).result();
      List<Sender> roomSenders = new ArrayList<>();
      for (BridgeDevice device : connected.subList(r * layout.members(), r * layout.members() + layout.senders())) {
        senders.add(device);
        roomSenders.add(text -> device.send(chatId, text));
      }
      rooms.add(new Room(layout.members(), roomSenders));
    }
    refusalsBefore = counts.refusals().sum();
    closedBefore = 0;
    log.info("Parley: {} devices connected in {} {}s of {}, {} sending in each", devices.size(), layout.rooms(), layout.chatType(),
      layout.members(), layout.senders());
    return rooms;
  }

  /**
   * A SockJS frame: under load one holds several bridge messages, deliveries and the answers to
   * sends, and an answer (the stored message) carries its text's mark too. A mark counts when the
   * bridge message around it is for {@code client.events}: bridge messages are encoded strings in
   * the frame, each beginning with its type and address, which nothing inside them does.
   */
  private static void received(String frame, Deliveries deliveries) {
    deliveries.frame();
    for (int at = Deliveries.nextMark(frame, 0); at >= 0; at = Deliveries.nextMark(frame, at + 1)) {
      int message = frame.lastIndexOf(BRIDGE_MESSAGE, at);
      if (message >= 0 && frame.startsWith(Address.CLIENT_EVENTS, message + BRIDGE_MESSAGE.length())) {
        deliveries.marked(frame, at);
      }
    }
  }

  /**
   * A refusal's reason, counted: the body of a protocol refusal ({@code rate_limited}, {@code
   * slow_consumer}…), or the status of a failed command. The first refusal of a frame, as {@link
   * BridgeDevice.Counts} counts frames.
   */
  private void refused(String frame) {
    int at = frame.indexOf(REFUSAL);
    if (at < 0) {
      return;
    }
    int after = at + REFUSAL.length();
    String reason = "other";
    if (frame.startsWith(REFUSAL_BODY, after)) {
      int from = after + REFUSAL_BODY.length();
      reason = frame.substring(from, frame.indexOf('\\', from));
    } else if (frame.startsWith(FAILURE_CODE, after)) {
      int from = after + FAILURE_CODE.length();
      reason = "status " + frame.substring(from, Math.min(frame.length(), from + 3));
    }
    refusalReasons.computeIfAbsent(reason, any -> new LongAdder()).increment();
  }

  private static List<String> members(List<String> users, RoomLayout layout, int room) {
    return users.subList(room * layout.members(), (room + 1) * layout.members());
  }

  @Override
  public JsonObject endStep() throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (inFlight() > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    long refusals = counts.refusals().sum();
    long closed = devices.stream().filter(BridgeDevice::isClosed).count();
    JsonObject reasons = new JsonObject();
    refusalReasons.forEach((reason, count) -> reasons.put(reason, count.sumThenReset()));
    JsonObject problems = new JsonObject().put("refusals", refusals - refusalsBefore).put("refusalReasons", reasons)
      .put("unanswered", inFlight()).put("clientsClosedByServer", closed - closedBefore);
    refusalsBefore = refusals;
    closedBefore = closed;
    senders.forEach(BridgeDevice::forgetUnanswered);
    return problems;
  }

  private int inFlight() {
    return senders.stream().mapToInt(BridgeDevice::inFlight).sum();
  }

  @Override
  public void disconnect() {
    devices.forEach(BridgeDevice::close);
    devices.clear();
    senders.clear();
  }

  @Override
  public double cpuSeconds() throws IOException {
    return server.cpuSeconds();
  }

  @Override
  public void close() throws Exception {
    disconnect();
    sockets.close().await();
    server.close();
  }
}
