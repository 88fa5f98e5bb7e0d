package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A server under {@link FanOutBenchmark}'s load, in a process of its own: Parley or one of its
 * peers. Its clients are the members of rooms; a few members of each room send.
 */
interface FanOutServer extends AutoCloseable {

  /** Its name in the results. */
  String name();

  /** What it is, in a line, for the results. */
  String description();

  /**
   * Connects one client for every member of every room of {@code layout}, each joined to its room,
   * and returns when every one is ready; what they receive goes to {@code deliveries}.
   */
  List<Room> connect(RoomLayout layout, Deliveries deliveries) throws Exception;

  /** Closes every client of the last {@link #connect}. */
  void disconnect() throws Exception;

  /** CPU time so far of every process of the server, in seconds. */
  double cpuSeconds() throws IOException;

  /**
   * Waits (a few seconds at most) for the answers to the step's sends, when the server answers
   * sends; then what went wrong beyond lost deliveries, as fields for the step's results: at least
   * {@code clientsClosedByServer}, the clients the server closed since the step before.
   */
  JsonObject endStep() throws InterruptedException;

  /** Clients connected at once while rooms are set up (a listen backlog is a few hundred). */
  int CONNECTING_AT_ONCE = 100;

  /** Connects {@code count} clients ({@code connect} makes the i-th), {@link #CONNECTING_AT_ONCE} at a time; in order. */
  static <T> List<T> connectAll(int count, IntFunction<Future<T>> connect) {
    List<T> connected = new ArrayList<>();
    for (int from = 0; from < count; from += CONNECTING_AT_ONCE) {
      List<Future<T>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(from + CONNECTING_AT_ONCE, count); i++) {
        batch.add(connect.apply(i));
      }
      Future.all(batch).await();
      batch.forEach(client -> connected.add(client.result()));
    }
    return connected;
  }

  /** Why a server cannot run on this machine (a tool missing, an install failed): it is left out, with this reason. */
  final class Unavailable extends Exception {
    Unavailable(String reason) {
      super(reason);
    }
  }

  /** A room as its clients see it: its size and the clients that send in it. */
  record Room(int members, List<Sender> senders) {

    /** The room of {@code joined}, each kept in {@code clients}; its first {@code layout.senders()} send. */
    static <C> Room of(RoomLayout layout, List<C> joined, List<C> clients, java.util.function.Function<C, Sender> sender) {
      clients.addAll(joined);
      return new Room(joined.size(), joined.subList(0, Math.min(layout.senders(), joined.size())).stream().map(sender).toList());
    }
  }

  /** A client that sends: {@code text} to everyone in its room. */
  interface Sender {
    void send(String text);
  }

  /** How the clients are placed: {@code rooms} rooms of {@code members}, {@code senders} of whom send. */
  record RoomLayout(String scenario, String chatType, int rooms, int members, int senders) {

    int clients() {
      return rooms * members;
    }

    /** A peer's name for room {@code index}, new each run. */
    String roomName(int index) {
      return scenario + "-" + index + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    JsonObject toJson() {
      return new JsonObject().put("scenario", scenario).put("parleyChatType", chatType).put("rooms", rooms).put("members", members)
        .put("sendersPerRoom", senders);
    }
  }
}
