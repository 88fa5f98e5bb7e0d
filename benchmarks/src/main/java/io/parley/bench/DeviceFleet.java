package io.parley.bench;

import io.parley.shared.Address;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many signed-in devices on one node's bridge, each connected as the browser's realtime client
 * connects ({@link BridgeDevice#connect}: register for the user's events, authenticate, then
 * register for announcements) and kept alive as its transport keeps it, with a ping every few
 * seconds. Sockets are spread over several loopback source addresses (127.0.0.1, 127.0.0.2, …),
 * so that the ephemeral ports of one address, and sockets of an earlier step still in TIME_WAIT,
 * never limit how many connect.
 */
final class DeviceFleet implements AutoCloseable {

  private final Vertx vertx;
  private final int port;
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final List<BridgeDevice> devices = new ArrayList<>();
  private final BridgeDevice.Counts counts = new BridgeDevice.Counts();
  private final AtomicInteger next = new AtomicInteger();
  private long pinger = -1;

  DeviceFleet(Vertx vertx, int port, int sourceAddresses) {
    this.vertx = vertx;
    this.port = port;
    for (int i = 1; i <= sourceAddresses; i++) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setLocalAddress("127.0.0." + i)));
    }
  }

  /** Connects one device; it completes once the server answered its authentication. */
  Future<BridgeDevice> connect(String token) {
    WebSocketClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    return BridgeDevice.connect(client, port, token, counts).map(device -> {
      device.register(Address.CLIENT_ANNOUNCEMENTS);
      synchronized (devices) {
        devices.add(device);
      }
      return device;
    });
  }

  /**
   * Connects a device for each token, {@code inFlight} at a time (a steady fill, not a storm);
   * fails with the first connection that fails.
   */
  void connectAll(List<String> tokens, int inFlight) {
    for (int from = 0; from < tokens.size(); from += inFlight) {
      List<Future<BridgeDevice>> batch = tokens.subList(from, Math.min(tokens.size(), from + inFlight)).stream()
        .map(this::connect).toList();
      Future.all(batch).await();
    }
  }

  /** A ping from every device every {@code seconds} (the browser's transport sends one every 5 s), spread over the interval. */
  void pingEvery(int seconds) {
    if (seconds <= 0) {
      return;
    }
    AtomicInteger tick = new AtomicInteger();
    pinger = vertx.setPeriodic(1_000, timer -> {
      int slice = tick.getAndIncrement() % seconds;
      synchronized (devices) {
        for (int i = slice; i < devices.size(); i += seconds) {
          devices.get(i).ping();
        }
      }
    });
  }

  int size() {
    synchronized (devices) {
      return devices.size();
    }
  }

  /** Sockets closed so far, by either side. */
  long closes() {
    return counts.closes().sum();
  }

  /** Commands refused so far. */
  long refusals() {
    return counts.refusals().sum();
  }

  /** Closes every device's socket (the fleet can connect again afterwards). */
  void disconnectAll() {
    synchronized (devices) {
      devices.forEach(BridgeDevice::close);
      devices.clear();
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(pinger);
    disconnectAll();
    clients.forEach(client -> client.close().await());
  }
}
