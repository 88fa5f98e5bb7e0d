package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.event.AddressedEvent;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes realtime events to the sockets of this node. It is the answer to "one clustered consumer
 * per socket" (see VERTX5-NOTES): each node has exactly one clustered consumer per event stream,
 * and keeps in memory which of its own users belong to which chat. Connecting or disconnecting a
 * socket only touches these maps; nothing is written to the cluster's registry.
 *
 * <p>An event is encoded into a bridge frame once and the same buffer is written to every local
 * recipient.
 */
public final class LocalRouter {

  private static final Logger log = LoggerFactory.getLogger(LocalRouter.class);
  private static final Map<Vertx, LocalRouter> ROUTERS = new WeakHashMap<>();
  private static final long MEMBERSHIP_TIMEOUT_MS = 10_000;
  private static final int MAX_BUFFERED_EVENTS = 100_000;
  /** The chat service marks events meant for one member only with {@code "audience":"user"}. */
  private static final String PRIVATE_AUDIENCE = "user";

  private final Vertx vertx;
  private final Map<String, Set<ClientConnection>> connectionsByUser = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> chatsByUser = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> localUsersByChat = new ConcurrentHashMap<>();
  private final Set<ClientConnection> announcementListeners = ConcurrentHashMap.newKeySet();
  private final Future<?> ready;
  private final RealtimeMetrics metrics;
  private volatile Consumer<String> userArrived = userId -> { };
  private volatile Consumer<String> userLeft = userId -> { };
  private volatile BlockIndex blocks;

  private LocalRouter(Vertx vertx) {
    this.vertx = vertx;
    this.metrics = new RealtimeMetrics(NodeServices.of(vertx).metrics(), connectionsByUser::size);
    this.ready = Future.all(
      consume(Address.CHAT_EVENTS, this::onChatEvent),
      consume(Address.REALTIME_EPHEMERAL, this::onEphemeralEvent),
      consume(Address.CLIENT_ANNOUNCEMENTS, this::onAnnouncement),
      consume(Address.REALTIME_USERS, this::onAddressedEvent),
      consume(Address.AUTH_SESSIONS_REVOKED, this::onSessionsRevoked));
  }

  /**
   * A consumer that buffers generously: the bus drops messages beyond a consumer's buffer, and a
   * burst of chat events must queue here rather than vanish (clients would recover through sync,
   * but should not have to).
   */
  private Future<Void> consume(String address, io.vertx.core.Handler<Message<JsonObject>> handler) {
    return vertx.eventBus().<JsonObject>consumer(new MessageConsumerOptions()
        .setAddress(address)
        .setMaxBufferedMessages(MAX_BUFFERED_EVENTS), handler)
      .completion();
  }

  /** The router of this node (of this Vert.x instance), created with its consumers on first use. */
  public static synchronized LocalRouter forNode(Vertx vertx) {
    return ROUTERS.computeIfAbsent(vertx, LocalRouter::new);
  }

  /** This node's realtime meters. */
  RealtimeMetrics metrics() {
    return metrics;
  }

  /** Completes when the router's consumers are registered in the cluster. */
  public Future<?> ready() {
    return ready;
  }

  /**
   * Adds an authenticated connection. The first connection of a user on this node loads the
   * user's chats (one read, from the chat service); later ones reuse them.
   */
  Future<Void> attach(ClientConnection connection) {
    String userId = connection.userId();
    Set<ClientConnection> connections = connectionsByUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet());
    boolean first = connections.isEmpty();
    connections.add(connection);
    if (first) {
      userArrived.accept(userId);
    }
    if (!first && chatsByUser.containsKey(userId)) {
      return Future.succeededFuture();
    }
    DeliveryOptions options = connection.caller().stamp(new DeliveryOptions().setSendTimeout(MEMBERSHIP_TIMEOUT_MS));
    Future<Void> blocksLoaded = blocks == null ? Future.succeededFuture() : blocks.load(userId).recover(failure -> Future.succeededFuture());
    Future<Message<JsonObject>> memberships = vertx.eventBus().request(Address.CHAT_MEMBERSHIPS, new JsonObject(), options);
    return Future.all(blocksLoaded, memberships).map(both -> {
      JsonArray chatIds = memberships.result().body().getJsonArray("chatIds", new JsonArray());
      for (Object chatId : chatIds) {
        join(userId, (String) chatId);
      }
      return null;
    });
  }

  void detach(ClientConnection connection) {
    announcementListeners.remove(connection);
    String userId = connection.userId();
    if (userId == null) {
      return;
    }
    connectionsByUser.computeIfPresent(userId, (id, connections) -> {
      connections.remove(connection);
      return connections.isEmpty() ? null : connections;
    });
    if (!connectionsByUser.containsKey(userId)) {
      userLeft.accept(userId);
    }
  }

  /**
   * Tells presence when a user's first connection arrives on this node and when the last one
   * leaves. The user's chat index is kept until presence has announced the departure.
   */
  void onUsers(Consumer<String> arrived, Consumer<String> left) {
    this.userArrived = arrived;
    this.userLeft = left;
  }

  /** Blocks to apply to live presence and typing: loaded with each user's chats, kept current by events. */
  void filterWith(BlockIndex blocks) {
    this.blocks = blocks;
  }

  /** Forgets the chats of a user with no connection left here (after presence announced it). */
  void forget(String userId) {
    if (connectionsByUser.containsKey(userId)) {
      return;
    }
    if (blocks != null) {
      blocks.forget(userId);
    }
    Set<String> chats = chatsByUser.remove(userId);
    if (chats != null) {
      chats.forEach(chatId -> leave(userId, chatId));
    }
  }

  boolean hasUser(String userId) {
    return connectionsByUser.containsKey(userId);
  }

  /**
   * Asks every client of this node to reconnect (elsewhere, through the load balancer) and closes
   * its connection: the node is going away. Each client gets a different delay, so they do not
   * all arrive at the remaining nodes in the same instant.
   */
  void sendEveryoneElsewhere() {
    connectionsByUser.values().forEach(connections -> connections.forEach(connection -> {
      JsonObject notice = new JsonObject().put("type", "server.shutdown")
        .put("reconnectInMs", java.util.concurrent.ThreadLocalRandom.current().nextLong(250, 5_000));
      connection.deliver(Frames.received(Address.CLIENT_EVENTS, notice), false);
      connection.close();
    }));
  }

  void listenToAnnouncements(ClientConnection connection) {
    announcementListeners.add(connection);
  }

  void stopListeningToAnnouncements(ClientConnection connection) {
    announcementListeners.remove(connection);
  }

  /** Whether a user connected to this node belongs to the chat (as far as this node knows). */
  boolean isMember(String userId, String chatId) {
    Set<String> chats = chatsByUser.get(userId);
    return chats != null && chats.contains(chatId);
  }

  /** The chats of a user connected to this node. */
  Set<String> chatsOf(String userId) {
    return chatsByUser.getOrDefault(userId, Set.of());
  }

  private void onChatEvent(Message<JsonObject> message) {
    JsonObject event = message.body();
    String chatId = event.getString("aggregateId");
    JsonObject payload = event.getJsonObject("payload", new JsonObject());
    MembershipChange change = MembershipChange.of(event.getString("type"), payload);
    change.joined().forEach(userId -> join(userId, chatId));
    sinceCommit(event.getString("time")).ifPresent(metrics::deliveryLatency);

    Buffer frame = Frames.received(Address.CLIENT_EVENTS, event);
    if (PRIVATE_AUDIENCE.equals(payload.getString("audience"))) {
      // A member's private change (delete for me, mute, own read mark in a channel): their devices only.
      String owner = payload.getString("userId");
      if (owner != null && isMember(owner, chatId)) {
        deliver(List.of(owner), frame, false, null);
      }
    } else {
      deliver(localUsersByChat.get(chatId), frame, false, null);
    }

    // Removed members receive the event that removes them, then nothing more from this chat.
    change.left().forEach(userId -> leave(userId, chatId));
  }

  /** An event for named people (a story for its audience): their sockets here, and nobody else's. */
  private void onAddressedEvent(Message<JsonObject> message) {
    JsonObject event = message.body().getJsonObject("event");
    if (event != null) {
      deliver(AddressedEvent.recipients(message.body()), Frames.received(Address.CLIENT_EVENTS, event), false, null);
    }
  }

  private void onEphemeralEvent(Message<JsonObject> message) {
    JsonObject event = message.body();
    Buffer frame = Frames.received(Address.CLIENT_EVENTS, event);
    String chatId = event.getString("chatId");
    String sender = event.getString("userId");
    if (chatId != null) {
      // Typing: not across a block, either way.
      Set<String> members = localUsersByChat.get(chatId);
      deliver(members == null || blocks == null || sender == null ? members
        : members.stream().filter(member -> !blocks.eitherBlocked(member, sender)).toList(), frame, true, sender);
      return;
    }
    // A presence change: everyone here who shares one of the user's chats, each user once, except
    // the people the user blocked (as this node knows its users' blocks, kept current by events).
    JsonArray chatIds = event.getJsonArray("chatIds", new JsonArray());
    Set<String> recipients = ConcurrentHashMap.newKeySet();
    for (Object id : chatIds) {
      recipients.addAll(localUsersByChat.getOrDefault((String) id, Set.of()));
    }
    recipients.remove(sender);
    if (blocks != null && sender != null) {
      recipients.removeIf(recipient -> blocks.isBlockedBy(recipient, sender));
    }
    JsonObject visible = event.copy();
    visible.remove("chatIds");
    deliver(recipients, Frames.received(Address.CLIENT_EVENTS, visible), true, null);
  }

  /** A revoked session's connections close now, not when their token expires. */
  private void onSessionsRevoked(Message<JsonObject> message) {
    Set<ClientConnection> connections = connectionsByUser.get(message.body().getString("userId"));
    JsonArray sessionIds = message.body().getJsonArray("sessionIds", new JsonArray());
    if (connections != null) {
      connections.stream()
        .filter(connection -> sessionIds.contains(connection.sessionId()))
        .toList()
        .forEach(ClientConnection::sessionRevoked);
    }
  }

  private void onAnnouncement(Message<JsonObject> message) {
    Buffer frame = Frames.received(Address.CLIENT_ANNOUNCEMENTS, message.body());
    announcementListeners.forEach(connection -> connection.deliver(frame, true));
  }

  private void deliver(Collection<String> userIds, Buffer frame, boolean ephemeral, String exceptUser) {
    if (userIds == null) {
      return;
    }
    for (String userId : userIds) {
      if (userId.equals(exceptUser)) {
        continue;
      }
      Set<ClientConnection> connections = connectionsByUser.get(userId);
      if (connections != null) {
        connections.forEach(connection -> connection.deliver(frame, ephemeral));
        if (!ephemeral) {
          metrics.delivered(connections.size());
        }
      }
    }
  }

  /** How long ago a change committed: its event's time is taken inside the committing transaction. */
  private static java.util.Optional<java.time.Duration> sinceCommit(String time) {
    try {
      return time == null ? java.util.Optional.empty()
        : java.util.Optional.of(java.time.Duration.between(java.time.Instant.parse(time), java.time.Instant.now()));
    } catch (java.time.format.DateTimeParseException notATime) {
      return java.util.Optional.empty();
    }
  }

  private void join(String userId, String chatId) {
    if (!connectionsByUser.containsKey(userId)) {
      return;
    }
    chatsByUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(chatId);
    localUsersByChat.computeIfAbsent(chatId, id -> ConcurrentHashMap.newKeySet()).add(userId);
  }

  private void leave(String userId, String chatId) {
    Set<String> chats = chatsByUser.get(userId);
    if (chats != null) {
      chats.remove(chatId);
    }
    localUsersByChat.computeIfPresent(chatId, (id, users) -> {
      users.remove(userId);
      return users.isEmpty() ? null : users;
    });
  }

  /** Who joins or leaves a chat with an event, read from the chat service's event payloads. */
  record MembershipChange(List<String> joined, List<String> left) {

    static final MembershipChange NONE = new MembershipChange(List.of(), List.of());

    static MembershipChange of(String type, JsonObject payload) {
      if ("chat.created".equals(type)) {
        return new MembershipChange(strings(payload.getJsonArray("memberIds")), List.of());
      }
      if (!"chat.member.changed".equals(type)) {
        return NONE;
      }
      List<String> users = payload.containsKey("userIds")
        ? strings(payload.getJsonArray("userIds"))
        : payload.getString("userId") == null ? List.of() : List.of(payload.getString("userId"));
      return switch (payload.getString("change", "")) {
        case "added", "joined" -> new MembershipChange(users, List.of());
        case "removed", "left" -> new MembershipChange(List.of(), users);
        default -> NONE;
      };
    }

    private static List<String> strings(JsonArray array) {
      return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }
  }

  static void logRefusal(String what, String userId) {
    log.info("Realtime refused {} for user {}", what, userId);
  }
}
