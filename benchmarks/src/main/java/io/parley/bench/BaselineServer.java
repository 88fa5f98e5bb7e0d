package io.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceiling of fan-out on this machine: a minimal Vert.x WebSocket broadcast server, no auth, no
 * storage. A client joins a room by connecting to {@code /rooms/<name>}; every text frame it sends
 * is written to every member of that room, the sender included (as Parley delivers a message to
 * every member's devices). One verticle instance per core, sharing the rooms; a broadcast goes to
 * each event loop once, which writes to its own members. Run by {@link BaselineFanOut} as
 * {@code java -cp … io.parley.bench.BaselineServer <port>}.
 */
public final class BaselineServer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BaselineServer.class);
  private static final String ROOMS = "/rooms/";

  private final int port;
  private final Map<String, Room> rooms;

  private BaselineServer(int port, Map<String, Room> rooms) {
    this.port = port;
    this.rooms = rooms;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = Runtime.getRuntime().availableProcessors();
    Map<String, Room> rooms = new ConcurrentHashMap<>();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BaselineServer(port, rooms), new DeploymentOptions().setInstances(instances))
      .onSuccess(id -> log.info("Baseline broadcast server on port {}, {} event loops", port, instances))
      .onFailure(failure -> {
        log.error("The baseline server did not start", failure);
        vertx.close().onComplete(closed -> System.exit(1));
      });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
      .webSocketHandler(this::join)
      .requestHandler(request -> request.response().setStatusCode(request.path().equals("/ready") ? 200 : 404).end())
      .listen();
  }

  private void join(ServerWebSocket socket) {
    if (!socket.path().startsWith(ROOMS)) {
      socket.close((short) 1008, "connect to /rooms/<name>");
      return;
    }
    Room room = rooms.computeIfAbsent(socket.path().substring(ROOMS.length()), name -> new Room());
    room.join(context, socket);
    socket.textMessageHandler(room::broadcast);
    socket.closeHandler(closed -> room.leave(context, socket));
  }

  /** A room's members, by the event loop each belongs to. */
  private static final class Room {
    private final Map<Context, Set<ServerWebSocket>> membersByLoop = new ConcurrentHashMap<>();

    void join(Context loop, ServerWebSocket socket) {
      membersByLoop.computeIfAbsent(loop, any -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void leave(Context loop, ServerWebSocket socket) {
      Set<ServerWebSocket> members = membersByLoop.get(loop);
      if (members != null) {
        members.remove(socket);
      }
    }

    void broadcast(String text) {
      membersByLoop.forEach((loop, members) -> loop.runOnContext(onItsLoop -> members.forEach(member -> member.writeTextMessage(text))));
    }
  }
}
