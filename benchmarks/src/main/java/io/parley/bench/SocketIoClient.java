package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A Socket.IO client as lean as a load client can be: Engine.IO v4 and Socket.IO v5 spoken over a
 * plain WebSocket ({@code /socket.io/?EIO=4&transport=websocket}, no polling first). It connects
 * to the default namespace ({@code 40}), joins a room with an acknowledged {@code join} event,
 * answers the server's pings ({@code 2} → {@code 3}), sends {@code msg} events and hands every
 * {@code msg} event it receives to {@link Deliveries}.
 */
final class SocketIoClient {

  private final WebSocket socket;
  private volatile boolean closing;

  private SocketIoClient(WebSocket socket) {
    this.socket = socket;
  }

  /**
   * Connects and joins {@code room}; completes once the server acknowledged the join. {@code
   * closedByServer} runs if the server closes the socket before {@link #close()} does.
   */
  static Future<SocketIoClient> join(WebSocketClient client, int port, String room, Deliveries deliveries, Runnable closedByServer) {
    // Handlers first, then the connection: the server's open packet comes at once.
    ClientWebSocket socket = client.webSocket();
    SocketIoClient joining = new SocketIoClient(socket);
    Promise<SocketIoClient> joined = Promise.promise();
    socket.closeHandler(gone -> {
      if (!joining.closing) {
        closedByServer.run();
      }
      joined.tryFail("closed before joining (status " + socket.closeStatusCode() + ", " + socket.closeReason() + ")");
    });
    socket.textMessageHandler(packet -> {
      // Pings are not counted as frames: with a thousand clients, one comes every few milliseconds.
      if (packet.startsWith("42")) {
        deliveries.frame();
        deliveries.message(packet);
      } else if (packet.equals("2")) {
        socket.writeTextMessage("3");
      } else if (packet.startsWith("0{")) {
        socket.writeTextMessage("40");
      } else if (packet.startsWith("40")) {
        // Connected to the namespace: join, asking for an acknowledgement (id 0).
        socket.writeTextMessage("420[\"join\",\"" + room + "\"]");
      } else if (packet.startsWith("430")) {
        joined.tryComplete(joining);
      } else if (packet.startsWith("44")) {
        joined.tryFail("refused by the server: " + packet);
      }
    });
    return socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/socket.io/?EIO=4&transport=websocket")).compose(connected -> joined.future());
  }

  /** A {@code msg} event; {@code text} is a mark and plain words (nothing to escape in JSON). */
  void send(String text) {
    socket.writeTextMessage("42[\"msg\",\"" + text + "\"]");
  }

  void close() {
    closing = true;
    socket.close();
  }
}
