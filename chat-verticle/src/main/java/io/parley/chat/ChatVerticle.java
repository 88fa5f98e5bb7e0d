package io.parley.chat;

import io.parley.shared.Address;
import io.parley.shared.BusEndpoints;
import io.parley.shared.BusEndpoints.UserWork;
import io.parley.shared.Headers;
import io.parley.shared.Ids;
import io.parley.shared.db.DbTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.config.Config;
import io.parley.shared.presence.ChatInterest;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.ratelimit.LocalRateLimits;
import io.parley.shared.media.MediaClient;
import io.parley.shared.story.StoryClient;
import io.parley.shared.ratelimit.BatchedRateLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The chat service on the event bus: chats, members, messages, receipts and sync, with
 * reactions, pins, forwarding, search, the media gallery, live locations, invite links and public
 * chat search. It wires the stores and services and answers each address in {@link Address}'s
 * chat section: the caller from the server-stamped headers, the body parsed into its request
 * record, the service called with typed values, its result turned into the reply. The rules live
 * in the services and {@link Membership}. Any number of instances on any nodes may run: ordering
 * and idempotency are decided in PostgreSQL, not in memory.
 */
public final class ChatVerticle extends VerticleBase {

  /** How often a node shares its send counts with the others: the send limit's precision, in time. */
  private static final Duration SEND_LIMIT_FLUSH = Duration.ofMillis(100);

  private final Clock clock;

  public ChatVerticle() {
    this(Clock.systemUTC());
  }

  public ChatVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    Pool pool = Connections.postgres(vertx, config);
    MeterRegistry metrics = NodeServices.of(vertx).metrics();
    ChatLimits limits = ChatLimits.from(config);
    // One node is its own only gateway: routing would cost a Redis read per commit and save nothing.
    ChatEvents events = ChatInterest.routes(vertx, config)
      ? new ChatEvents(vertx.eventBus(), new Ids(clock), Connections.redis(vertx, config), () -> ChatInterest.members(vertx))
      : new ChatEvents(vertx.eventBus(), new Ids(clock));
    Transactions transactions = new Transactions(pool, events);
    ChatStore chatStore = new ChatStore();
    ChatListStore lists = new ChatListStore();
    MessageStore messageStore = new MessageStore();
    ChangeStore changeStore = new ChangeStore();
    PrivateChangeStore privateChanges = new PrivateChangeStore();
    SystemChanges systemChanges = new SystemChanges(messageStore, changeStore, events, clock);
    MessageChanges messageChanges = new MessageChanges(chatStore, messageStore, changeStore, events);

    MediaClient media = new MediaClient(vertx.eventBus());
    MemberService members = new MemberService(pool, chatStore, lists, systemChanges, transactions, limits);
    ChatService chats = new ChatService(pool, chatStore, lists, messageStore, changeStore, privateChanges,
      systemChanges, members, transactions, events, media, limits, clock);
    MessageService messages = new MessageService(pool, chatStore, messageStore, messageChanges, privateChanges,
      transactions, events, BatchedRateLimits.forNode(vertx, () -> Connections.redis(vertx, config), metrics, SEND_LIMIT_FLUSH), media,
      new StoryReplies(chatStore, new StoryClient(vertx.eventBus())), new MessageMetrics(metrics), limits, clock);
    ReceiptService receipts = new ReceiptService(pool, chatStore, messageStore, new ReceiptStore(), transactions,
      events, clock);
    SyncService sync = new SyncService(pool, new SyncStore(), changeStore, privateChanges);
    ReactionService reactions = new ReactionService(pool, chatStore, messageStore, new ReactionStore(), messageChanges,
      transactions, clock);
    SearchService search = new SearchService(pool, chatStore, new SearchStore());
    LiveLocationService liveLocations = new LiveLocationService(pool, chatStore, messageStore, new LiveLocationStore(),
      messageChanges, transactions, events, clock);
    LocalRateLimits actions = LocalRateLimits.forNode(vertx,
      Config.integer(config, ConfigKeys.CHAT_ACTION_RATE_BURST, 20),
      Config.integer(config, ConfigKeys.CHAT_ACTION_RATE_PER_MINUTE, 120) / 60.0);
    ModerationService moderation = new ModerationService(pool, chatStore, messageStore,
      new ModerationDeletes(messageStore, messageChanges), transactions, clock);
    InviteService invites = new InviteService(pool, chatStore, lists, new InviteStore(), systemChanges, members,
      transactions, clock);

    return Future.all(List.of(
      created(Address.CHAT_CREATE, (me, body) -> chats.create(me, ChatRequests.Create.from(body, limits))),
      serve(Address.CHAT_LIST, (me, body) -> chats.list(me, ChatRequests.ListPage.from(body))),
      serve(Address.CHAT_GET, (me, body) -> chats.get(me, Fields.chatId(body))),
      serve(Address.CHAT_UPDATE, limited(actions, "rename", (me, body) -> chats.update(me, ChatRequests.InfoUpdate.from(body, limits)))),
      serve(Address.CHAT_SETTINGS, (me, body) -> chats.settings(me, ChatRequests.SettingsUpdate.from(body))),
      serve(Address.CHAT_MEMBERS, (me, body) -> chats.members(me, ChatRequests.MembersPage.from(body))),
      serve(Address.CHAT_MEMBERSHIPS, (me, body) -> chats.memberships(me)),
      serve(Address.CHAT_JOIN, (me, body) -> members.join(me, Fields.chatId(body))),
      serve(Address.CHAT_LEAVE, (me, body) -> members.leave(me, Fields.chatId(body))),
      serve(Address.CHAT_MEMBERS_ADD, (me, body) -> members.add(me, MemberRequests.AddMembers.from(body, limits))),
      serve(Address.CHAT_MEMBER_REMOVE, (me, body) -> members.remove(me, MemberRequests.MemberTarget.from(body))),
      serve(Address.CHAT_MEMBER_ROLE, (me, body) -> members.setRole(me, MemberRequests.RoleChange.from(body))),
      serve(Address.CHAT_OWNER_TRANSFER, (me, body) -> members.transferOwnership(me, MemberRequests.MemberTarget.from(body))),
      created(Address.CHAT_MESSAGE_SEND,
        (me, body) -> messages.send(me, MessageRequests.SendMessage.from(body, limits, DbTime.now(clock)))),
      serve(Address.CHAT_MESSAGE_SEND_BATCH,
        (me, body) -> messages.sendInOrder(me, MessageRequests.SendBatch.from(body, limits, DbTime.now(clock)))),
      serve(Address.CHAT_MESSAGE_HISTORY, (me, body) -> messages.history(me, QueryRequests.HistoryPage.from(body))),
      serve(Address.CHAT_MESSAGE_EDIT, limited(actions, "edit", (me, body) -> messages.edit(me, MessageRequests.EditMessage.from(body, limits)))),
      serve(Address.CHAT_MESSAGE_DELETE, (me, body) -> messages.delete(me, MessageRequests.DeleteMessage.from(body))),
      serve(Address.CHAT_MESSAGE_RECEIPTS, (me, body) -> receipts.ofMessage(me, MessageRequests.MessageRef.from(body))),
      serve(Address.CHAT_MESSAGE_REACT, limited(actions, "react", (me, body) -> reactions.react(me, MessageRequests.React.from(body)))),
      serve(Address.CHAT_MESSAGE_REACTIONS, (me, body) -> reactions.reactionsOf(me, MessageRequests.MessageRef.from(body))),
      serve(Address.CHAT_MESSAGE_PIN, limited(actions, "pin", (me, body) -> reactions.pin(me, MessageRequests.Pin.from(body)))),
      serve(Address.CHAT_PINNED, (me, body) -> reactions.pinned(me, Fields.chatId(body))),
      created(Address.CHAT_MESSAGE_FORWARD, (me, body) -> messages.forward(me, MessageRequests.Forward.from(body))),
      serve(Address.CHAT_SEARCH, (me, body) -> search.search(me, QueryRequests.MessageSearch.from(body))),
      serve(Address.CHAT_MEDIA, (me, body) -> search.media(me, QueryRequests.MediaPage.from(body))),
      serve(Address.CHAT_READ, (me, body) -> receipts.read(me, MessageRequests.MessageRef.from(body))),
      serve(Address.CHAT_DELIVERED, (me, body) -> receipts.delivered(me, MessageRequests.MessageRef.from(body))),
      serve(Address.CHAT_SYNC, (me, body) -> sync.sync(me, QueryRequests.SyncRequest.from(body))),
      serve(Address.CHAT_CHANGES, (me, body) -> sync.changesOf(me, QueryRequests.ChangesPage.from(body))),
      serve(Address.CHAT_LOCATION_UPDATE, limited(actions, "location", (me, body) -> liveLocations.update(me, MessageRequests.PositionUpdate.from(body)))),
      serve(Address.CHAT_LOCATION_STOP, (me, body) -> liveLocations.stop(me, MessageRequests.MessageRef.ofLiveLocation(body))),
      serve(Address.CHAT_INVITE_CREATE, (me, body) -> invites.create(me, MemberRequests.NewInvite.from(body, DbTime.now(clock)))),
      serve(Address.CHAT_INVITES, (me, body) -> invites.list(me, MemberRequests.InvitePage.from(body))),
      serve(Address.CHAT_INVITE_REVOKE, (me, body) -> invites.revoke(me, MemberRequests.InviteOfChat.from(body))),
      serve(Address.CHAT_INVITE_PREVIEW, (me, body) -> invites.preview(MemberRequests.InviteLink.from(body))),
      serve(Address.CHAT_INVITE_JOIN, (me, body) -> invites.join(me, MemberRequests.InviteLink.from(body))),
      serve(Address.CHAT_PUBLIC_SEARCH, (me, body) -> search.publicChats(me, QueryRequests.PublicSearch.from(body))),
      serve(Address.CHAT_MODERATION_EXCERPT, (me, body) -> moderation.excerpt(me, Fields.chatId(body), Fields.seq(body, "seq"))),
      serve(Address.CHAT_MODERATION_DELETE, (me, body) -> moderation.delete(me, Fields.chatId(body), Fields.seq(body, "seq"))),
      serve(Address.CHAT_EXPORT, (me, body) -> moderation.export(me))));
  }

  /**
   * An action every member of a chat sees fanned out (an edit, a reaction, a pin, a rename, a
   * live-location move), limited per user and kind in this node's memory, so a flood costs no
   * Redis round trip and reaches nobody (429 {@code request.rate_limited}).
   */
  private static <T> UserWork<T> limited(LocalRateLimits limits, String kind, UserWork<T> endpoint) {
    return (me, body) -> {
      limits.take(kind + ':' + me);
      return endpoint.handle(me, body);
    };
  }

  /** Answers with the result, in the route's usual status. */
  private Future<Void> serve(String address, UserWork<JsonObject> endpoint) {
    return BusEndpoints.serveUser(vertx.eventBus(), address, endpoint);
  }

  /** Answers a create: the route's 201 when it is new, 200 when it was there already. */
  private Future<Void> created(String address, UserWork<Created> endpoint) {
    return BusEndpoints.serveUser(vertx.eventBus(), address, endpoint, Created::view,
      result -> result.isNew() ? new DeliveryOptions() : new DeliveryOptions().addHeader(Headers.REPLY_STATUS, "200"));
  }
}
