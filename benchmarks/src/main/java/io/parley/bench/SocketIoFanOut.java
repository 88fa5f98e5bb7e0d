package io.parley.bench;

import io.parley.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO peer: {@code benchmarks/peers/socketio/server.js} on Node, installed with {@code
 * npm ci} from its lock file into {@code benchmarks/target/socketio-peer} at run time; each client a
 * {@link SocketIoClient}. Without {@code node} and {@code npm}, or when the install fails, it is
 * {@link FanOutServer.Unavailable}.
 */
final class SocketIoFanOut implements FanOutServer {

  private static final Logger log = LoggerFactory.getLogger(SocketIoFanOut.class);
  private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.js");

  private final PeerProcess process;
  private final String description;
  private final WebSocketClient sockets;
  private final List<SocketIoClient> clients = new ArrayList<>();
  private final LongAdder closedByServer = new LongAdder();

  private SocketIoFanOut(PeerProcess process, String description, WebSocketClient sockets) {
    this.process = process;
    this.description = description;
    this.sockets = sockets;
  }

  /** Installs the peer's packages, exactly as its lock file names them; the directory it runs in. */
  static Path install() throws Unavailable {
    String node = output(List.of("node", "--version"), Path.of("."), "node is not on the PATH");
    output(List.of("npm", "--version"), Path.of("."), "npm is not on the PATH");
    boolean fromRoot = Files.isDirectory(Path.of("benchmarks", "peers"));
    Path source = fromRoot ? Path.of("benchmarks", "peers", "socketio") : Path.of("peers", "socketio");
    Path target = (fromRoot ? Path.of("benchmarks", "target") : Path.of("target")).resolve("socketio-peer").toAbsolutePath();
    try {
      Files.createDirectories(target);
      for (String file : FILES) {
        Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException missing) {
      throw new Unavailable("the peer's files could not be copied from " + source.toAbsolutePath() + ": " + missing);
    }
    long started = System.nanoTime();
    output(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), target, "npm ci failed");
    log.info("Socket.IO peer installed with npm ci in {} s (Node {}), in {}", String.format("%.1f", (System.nanoTime() - started) / 1e9),
      node.trim(), target);
    return target;
  }

  /** Runs {@code command} in {@code directory} (three minutes at most); its output, or {@code failure} and the output's end. */
  private static String output(List<String> command, Path directory, String failure) throws Unavailable {
    try {
      Path out = Files.createTempFile("parley-peer-", ".log");
      try {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
          process.destroyForcibly().waitFor();
          throw new Unavailable(failure + ": no answer in 3 minutes");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new Unavailable(failure + " (exit " + process.exitValue() + "): " + text.substring(Math.max(0, text.length() - 500)).trim());
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException notFound) {
      throw new Unavailable(failure + ": " + notFound.getMessage());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new Unavailable(failure + ": interrupted");
    }
  }

  /** Starts {@code node server.js} in the {@link #install}ed directory. */
  static SocketIoFanOut start(Vertx vertx, Path installed) throws Exception {
    int port = FreePorts.next();
    String node = output(List.of("node", "--version"), installed, "node is not on the PATH").trim();
    String version = new JsonObject(Files.readString(installed.resolve("node_modules/socket.io/package.json"))).getString("version");
    PeerProcess process = PeerProcess.start(vertx, "socketio", List.of("node", "server.js", String.valueOf(port)), installed,
      installed.resolve("server.log"), port);
    return new SocketIoFanOut(process, "Socket.IO " + version + " on Node " + node + " (benchmarks/peers/socketio), no auth, no storage",
      vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)));
  }

  @Override
  public String name() {
    return "socketio";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<Room> connect(RoomLayout layout, Deliveries deliveries) throws Exception {
    closedByServer.reset();
    List<Room> rooms = new ArrayList<>();
    for (int r = 0; r < layout.rooms(); r++) {
      String room = layout.roomName(r);
      List<SocketIoClient> joined = FanOutServer.connectAll(layout.members(), m -> SocketIoClient.join(sockets, process.port(), room, deliveries, closedByServer::increment));
      rooms.add(Room.of(layout, joined, clients, client -> client::send));
    }
    log.info("Socket.IO: {} clients connected in {} rooms of {}", clients.size(), layout.rooms(), layout.members());
    return rooms;
  }

  @Override
  public JsonObject endStep() {
    return new JsonObject().put("clientsClosedByServer", closedByServer.sumThenReset());
  }

  @Override
  public void disconnect() {
    clients.forEach(SocketIoClient::close);
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
