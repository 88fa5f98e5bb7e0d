package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.event.AddressedEvent;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.presence.ChatInterest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
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
 * <p>Chat events come to this node's own address, and only for chats it claimed in Redis when
 * their first member connected here ({@link NodeInterest}); events that change membership still
 * come to every node, which is how a node learns that a member connected here joined a chat.
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
  private final String nodeId;
  private final CatchUp catchUp;
  private volatile NodeInterest interest;
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
    this.nodeId = ChatInterest.nodeId(vertx);
    this.metrics = new RealtimeMetrics(NodeServices.of(vertx).metrics(), connectionsByUser::size);
    this.catchUp = new CatchUp(vertx, (users, frame) -> deliver(users, frame, false, null));
    this.ready = Future.all(List.of(
      consume(Address.CHAT_EVENTS, message -> onChatEvent(message, false)),
      consume(Address.realtimeNode(nodeId), message -> onChatEvent(message, true)),
      consume(Address.REALTIME_EPHEMERAL, this::onEphemeralEvent),
      consume(Address.realtimeNodeEphemeral(nodeId), this::onEphemeralEvent),
      consume(Address.CLIENT_ANNOUNCEMENTS, this::onAnnouncement),
      consume(Address.REALTIME_USERS, this::onAddressedEvent),
      consume(Address.AUTH_SESSIONS_REVOKED, this::onSessionsRevoked)));
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

  /** This node's id in the realtime edge: in presence and chat interest, and in its event address. */
  String nodeId() {
    return nodeId;
  }

  /**
   * Claims in {@code redis} the chats whose members are connected here, so chat events come only
   * to nodes that have a recipient. Without it (a node with no Redis, as in some tests) nothing is
   * claimed and the chat service publishes every event to every node.
   */
  void claimChatsIn(Redis redis) {
    this.interest = new NodeInterest(vertx, redis, nodeId, localUsersByChat::containsKey, localUsersByChat::keySet);
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
   * user's chats (one read, from the chat service); later ones reuse them. Completes once this
   * node's claim on each of the user's chats is written: only then may the client be told it is
   * connected, and sync.
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
      return claimed(chatsOf(userId));
    }
    DeliveryOptions options = connection.caller().stamp(new DeliveryOptions().setSendTimeout(MEMBERSHIP_TIMEOUT_MS));
    Future<Void> blocksLoaded = blocks == null ? Future.succeededFuture() : blocks.load(userId).recover(failure -> Future.succeededFuture());
    Future<Message<JsonObject>> memberships = vertx.eventBus().request(Address.CHAT_MEMBERSHIPS, new JsonObject(), options);
    return Future.all(blocksLoaded, memberships).compose(both -> {
      JsonArray chatIds = memberships.result().body().getJsonArray("chatIds", new JsonArray());
      for (Object chatId : chatIds) {
        join(userId, (String) chatId);
      }
      return claimed(chatsOf(userId));
    });
  }

  /** Completes when this node's claims on these chats are written (at once for chats claimed before). */
  private Future<Void> claimed(Collection<String> chatIds) {
    NodeInterest claims = interest;
    if (claims == null || chatIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> written = new ArrayList<>(chatIds.size());
    chatIds.forEach(chatId -> written.add(claims.claim(chatId)));
    return Future.all(written).mapEmpty();
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

  private void onChatEvent(Message<JsonObject> message, boolean sentHere) {
    metrics.chatEventReceived(sentHere);
    JsonObject event = message.body();
    String chatId = event.getString("aggregateId");
    JsonObject payload = event.getJsonObject("payload", new JsonObject());
    MembershipChange change = MembershipChange.of(event.getString("type"), payload);
    List<String> joinedHere = change.joined().stream().filter(userId -> join(userId, chatId)).toList();
    sinceCommit(event.getString("time")).ifPresent(metrics::deliveryLatency);

    Buffer frame = Frames.received(Address.CLIENT_EVENTS, event);
    if (PRIVATE_AUDIENCE.equals(payload.getString("audience"))) {
      // A member's private change (delete for me, mute, own read mark in a channel): their devices only.
      String owner = payload.getString("userId");
      if (owner != null && isMember(owner, chatId)) {
        deliver(List.of(owner), frame, false, null);
      }
    } else {
      Set<String> members = localUsersByChat.get(chatId);
      Long seq = payload.getLong("seq");
      Set<String> notNow = seq == null || members == null ? Set.of() : catchUp.intercept(chatId, seq, frame);
      deliver(notNow.isEmpty() ? members : members.stream().filter(member -> !notNow.contains(member)).toList(),
        frame, false, null);
      ClientConnection joiner = joinedHere.isEmpty() || seq == null ? null : anyConnection(joinedHere.get(0));
      if (joiner != null) {
        catchUp.joined(chatId, joinedHere, seq, claimed(List.of(chatId)), joiner.caller().stamp(new DeliveryOptions()));
      }
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

  private ClientConnection anyConnection(String userId) {
    Set<ClientConnection> connections = connectionsByUser.get(userId);
    return connections == null ? null : connections.stream().findAny().orElse(null);
  }

  /** Whether the user is connected here, and so now routed the chat's events. */
  private boolean join(String userId, String chatId) {
    if (!connectionsByUser.containsKey(userId)) {
      return false;
    }
    chatsByUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(chatId);
    localUsersByChat.computeIfAbsent(chatId, id -> ConcurrentHashMap.newKeySet()).add(userId);
    return true;
  }

  private void leave(String userId, String chatId) {
    Set<String> chats = chatsByUser.get(userId);
    if (chats != null) {
      chats.remove(chatId);
    }
    boolean[] lastHere = {false};
    localUsersByChat.computeIfPresent(chatId, (id, users) -> {
      lastHere[0] = users.remove(userId) && users.isEmpty();
      return users.isEmpty() ? null : users;
    });
    NodeInterest claims = interest;
    if (lastHere[0] && claims != null) {
      claims.release(chatId);
    }
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
