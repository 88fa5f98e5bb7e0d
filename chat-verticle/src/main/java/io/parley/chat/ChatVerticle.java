package io.parley.chat;

import io.parley.shared.Address;
import io.parley.shared.Ids;
import io.parley.shared.error.BusErrors;
import io.parley.shared.infra.Connections;
import io.parley.shared.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The chat service on the event bus: chats, members, messages, receipts and sync, with
 * reactions, pins, forwarding, search, the media gallery, live locations, invite links and public
 * chat search. It wires the
 * stores and services and answers each address in {@link Address}'s chat section; the rules live
 * in the services. Any number of instances on any nodes may run: ordering and idempotency are
 * decided in PostgreSQL, not in memory.
 */
public final class ChatVerticle extends VerticleBase {

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
    ChatLimits limits = ChatLimits.from(config);
    ChatEvents events = new ChatEvents(vertx.eventBus(), new Ids(clock));
    Transactions transactions = new Transactions(pool, events);
    ChatStore chatStore = new ChatStore();
    MessageStore messageStore = new MessageStore();
    ChangeStore changeStore = new ChangeStore();
    PrivateChangeStore privateChanges = new PrivateChangeStore();
    SystemChanges systemChanges = new SystemChanges(messageStore, changeStore, events, clock);

    ChatService chats = new ChatService(pool, chatStore, new ChatListStore(), messageStore, changeStore, privateChanges,
      transactions, events, limits, clock);
    MemberService members = new MemberService(pool, chatStore, systemChanges, transactions, chats, limits);
    MessageChanges messageChanges = new MessageChanges(chatStore, messageStore, changeStore, events);
    MessageService messages = new MessageService(pool, chatStore, messageStore, messageChanges, privateChanges,
      transactions, events, new RateLimiter(Connections.redis(vertx, config)), limits, clock);
    ReceiptService receipts = new ReceiptService(pool, chatStore, messageStore, new ReceiptStore(), transactions,
      events, clock);
    SyncService sync = new SyncService(pool, new SyncStore(), changeStore, privateChanges);
    ReactionService reactions = new ReactionService(pool, chatStore, messageStore, new ReactionStore(), messageChanges,
      transactions, clock);
    ForwardService forwards = new ForwardService(pool, chatStore, messageStore, messages);
    SearchService search = new SearchService(pool, chatStore, new SearchStore());
    LiveLocationService liveLocations = new LiveLocationService(pool, chatStore, messageStore, new LiveLocationStore(),
      messageChanges, transactions, events, clock);
    InviteService invites = new InviteService(pool, chatStore, new InviteStore(), systemChanges, members, chats,
      transactions, clock);

    List<Future<Void>> ready = new ArrayList<>();
    ready.add(serve(Address.CHAT_CREATE, chats::create));
    ready.add(serve(Address.CHAT_LIST, chats::list));
    ready.add(serve(Address.CHAT_GET, chats::get));
    ready.add(serve(Address.CHAT_UPDATE, chats::update));
    ready.add(serve(Address.CHAT_SETTINGS, chats::settings));
    ready.add(serve(Address.CHAT_MEMBERS, chats::members));
    ready.add(serve(Address.CHAT_MEMBERSHIPS, chats::memberships));
    ready.add(serve(Address.CHAT_JOIN, members::join));
    ready.add(serve(Address.CHAT_LEAVE, members::leave));
    ready.add(serve(Address.CHAT_MEMBERS_ADD, members::add));
    ready.add(serve(Address.CHAT_MEMBER_REMOVE, members::remove));
    ready.add(serve(Address.CHAT_MEMBER_ROLE, members::setRole));
    ready.add(serve(Address.CHAT_OWNER_TRANSFER, members::transferOwnership));
    ready.add(serve(Address.CHAT_MESSAGE_SEND, messages::send));
    ready.add(serve(Address.CHAT_MESSAGE_HISTORY, messages::history));
    ready.add(serve(Address.CHAT_MESSAGE_EDIT, messages::edit));
    ready.add(serve(Address.CHAT_MESSAGE_DELETE, messages::delete));
    ready.add(serve(Address.CHAT_MESSAGE_RECEIPTS, receipts::ofMessage));
    ready.add(serve(Address.CHAT_MESSAGE_REACT, reactions::react));
    ready.add(serve(Address.CHAT_MESSAGE_REACTIONS, reactions::reactionsOf));
    ready.add(serve(Address.CHAT_MESSAGE_PIN, reactions::pin));
    ready.add(serve(Address.CHAT_PINNED, reactions::pinned));
    ready.add(serve(Address.CHAT_MESSAGE_FORWARD, forwards::forward));
    ready.add(serve(Address.CHAT_SEARCH, search::search));
    ready.add(serve(Address.CHAT_MEDIA, search::media));
    ready.add(serve(Address.CHAT_READ, receipts::read));
    ready.add(serve(Address.CHAT_DELIVERED, receipts::delivered));
    ready.add(serve(Address.CHAT_SYNC, sync::sync));
    ready.add(serve(Address.CHAT_CHANGES, sync::changesOf));
    ready.add(serve(Address.CHAT_LOCATION_UPDATE, liveLocations::update));
    ready.add(serve(Address.CHAT_LOCATION_STOP, liveLocations::stop));
    ready.add(serve(Address.CHAT_INVITE_CREATE, invites::create));
    ready.add(serve(Address.CHAT_INVITES, invites::list));
    ready.add(serve(Address.CHAT_INVITE_REVOKE, invites::revoke));
    ready.add(serve(Address.CHAT_INVITE_PREVIEW, invites::preview));
    ready.add(serve(Address.CHAT_INVITE_JOIN, invites::join));
    ready.add(serve(Address.CHAT_PUBLIC_SEARCH, search::publicChats));
    return Future.all(ready);
  }

  /**
   * Answers one address: the reply after the work completed, or a failure with a stable code
   * (unexpected failures are logged and answered as 500 by {@link BusErrors}).
   */
  private Future<Void> serve(String address, Function<BusRequest, Future<Reply>> endpoint) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, message -> {
      Future<Reply> reply;
      try {
        reply = endpoint.apply(BusRequest.of(message));
      } catch (RuntimeException refused) {
        reply = Future.failedFuture(refused);
      }
      reply.onSuccess(answer -> message.reply(answer.body(), answer.options()))
        .onFailure(failure -> BusErrors.fail(message, failure));
    });
    return consumer.completion();
  }
}
