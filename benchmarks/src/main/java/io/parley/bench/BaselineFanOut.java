package io.parley.bench;

import io.parley.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceiling peer: {@link BaselineServer} in a JVM of its own, started with this benchmark's
 * classpath; each client a plain WebSocket on {@code /rooms/<room>}, each send a text frame.
 */
final class BaselineFanOut implements FanOutServer {

  private static final Logger log = LoggerFactory.getLogger(BaselineFanOut.class);

  private final PeerProcess process;
  private final WebSocketClient sockets;
  private final List<WebSocket> clients = new ArrayList<>();
  private final LongAdder closedByServer = new LongAdder();
  /** The clients not closed by {@link #disconnect()}: a close of one of them is the server's. */
  private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();

  private BaselineFanOut(PeerProcess process, WebSocketClient sockets) {
    this.process = process;
    this.sockets = sockets;
  }

  static BaselineFanOut start(Vertx vertx, Path work, List<String> jvmOptions) throws Exception {
    Path directory = Files.createDirectories(work.resolve("vertx-baseline"));
    int port = FreePorts.next();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath(), BaselineServer.class.getName(), String.valueOf(port)));
    PeerProcess process = PeerProcess.start(vertx, "vertx-baseline", command, directory, directory.resolve("server.log"), port);
    return new BaselineFanOut(process, vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)));
  }

  /**
   * This JVM's classpath, every entry absolute (the server runs in a directory of its own): the
   * class loader's own where it is a URLClassLoader (exec:java), Surefire's where it runs the
   * tests (java.class.path is a manifest-only jar there), else java.class.path.
   */
  private static String classPath() throws URISyntaxException {
    if (BaselineFanOut.class.getClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        entries.add(Path.of(url.toURI()).toString());
      }
      return String.join(File.pathSeparator, entries);
    }
    String surefire = System.getProperty("surefire.test.class.path");
    String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    return Arrays.stream(classPath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
      .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
  }

  @Override
  public String name() {
    return "vertx-baseline";
  }

  @Override
  public String description() {
    return "minimal Vert.x WebSocket broadcast server (BaselineServer), no auth, no storage, one event loop per core";
  }

  @Override
  public List<Room> connect(RoomLayout layout, Deliveries deliveries) throws Exception {
    closedByServer.reset();
    List<Room> rooms = new ArrayList<>();
    for (int r = 0; r < layout.rooms(); r++) {
      String room = layout.roomName(r);
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(process.port()).setURI("/rooms/" + room);
      List<WebSocket> joined = FanOutServer.connectAll(layout.members(), m -> {
        // Handlers first, then the connection, so that nothing can arrive before them.
        ClientWebSocket socket = sockets.webSocket();
        socket.textMessageHandler(frame -> {
          deliveries.frame();
          deliveries.message(frame);
        });
        socket.closeHandler(gone -> {
          if (open.remove(socket)) {
            closedByServer.increment();
          }
        });
        open.add(socket);
        return socket.connect(options).map(connected -> (WebSocket) socket);
      });
      rooms.add(Room.of(layout, joined, clients, socket -> socket::writeTextMessage));
    }
    log.info("Baseline: {} clients connected in {} rooms of {}", clients.size(), layout.rooms(), layout.members());
    return rooms;
  }

  @Override
  public JsonObject endStep() {
    return new JsonObject().put("clientsClosedByServer", closedByServer.sumThenReset());
  }

  @Override
  public void disconnect() {
    clients.forEach(open::remove);
    clients.forEach(WebSocket::close);
    clients.clear();
  }

  @Override
  public double cpuSeconds() {
    return process.cpuSeconds();
  }

  @Override
  public void close() throws Exception {
    disconnect();
    sockets.close().await();
    process.close();
  }
}
