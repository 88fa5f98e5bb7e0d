package io.parley.notify;

import io.parley.notify.push.DeliveryReceipts;
import io.parley.notify.push.Vapid;
import io.parley.notify.push.VapidKeys;
import io.parley.shared.Address;
import io.parley.shared.BusEndpoints;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The notify role: the Kafka consumer that turns chat and account events into stored
 * notifications and pushes, the sender of those pushes, and the {@code notify.*} addresses the
 * gateway's {@code NotifyApi} maps REST routes to. It only wires: configuration in, stores and
 * services built, one consumer per address. Each instance is one member of the consumer group.
 */
public final class NotifyVerticle extends VerticleBase {

  private final Clock clock;
  private Pool pool;
  private Redis redis;
  private WebClient web;
  private EventConsumer consumer;
  private PushDispatcher dispatcher;
  private Pruner pruner;
  private NotifyMetrics metrics;

  public NotifyVerticle() {
    this(Clock.systemUTC());
  }

  public NotifyVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    NotifyConfig settings = NotifyConfig.from(config);
    return vertx.executeBlocking(() -> VapidKeys.load(config)).compose(keys -> {
      String member = "notify-" + UUID.randomUUID().toString().substring(0, 8);
      metrics = new NotifyMetrics(NodeServices.of(vertx).metrics(), member);
      pool = Connections.postgres(vertx, config);
      redis = Connections.redis(vertx, config);
      web = WebClient.create(vertx, new WebClientOptions().setUserAgent("Parley-Notify")
        .setConnectTimeout((int) settings.pushTimeoutMs()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(32));

      Vapid vapid = new Vapid(keys, settings.vapidSubject(), clock);
      DeliveryReceipts receipts = new DeliveryReceipts((ECPrivateKey) keys.getPrivate(), settings.pushTtl(), clock);
      PresenceReader presence = new PresenceReader(redis);
      SubscriptionStore subscriptionStore = new SubscriptionStore(pool);
      NotificationCache cache = new NotificationCache(redis);
      PushSender sender = new PushSender(vertx, web, vapid, subscriptionStore, settings, metrics, clock);
      dispatcher = new PushDispatcher(vertx, new PushScheduleStore(pool), subscriptionStore, sender, presence, receipts, clock);
      EventPlanner planner = new EventPlanner(new RecipientStore(pool), presence, settings.maxEventAge(), clock);
      EventProcessor processor = new EventProcessor(vertx, pool, redis, planner, new PlanStore(),
        new DeliveryStore(settings.collapseWindow()), cache,
        dispatcher::wake, metrics, settings.eventAttempts(), clock);
      consumer = new EventConsumer(vertx, config, settings, processor, metrics, "parley-" + member);
      pruner = new Pruner(vertx, pool, settings.keepDays(), clock);

      NotificationService notifications = new NotificationService(new NotificationStore(pool), cache, clock);
      SettingsService preferences = new SettingsService(new SettingsStore(pool), clock);
      SubscriptionService subscriptions = new SubscriptionService(subscriptionStore,
        new PushEndpoints(settings.allowLoopbackHttp()), vapid, receipts, vertx.eventBus(), clock);

      List<Future<?>> ready = new ArrayList<>();
      ready.add(serve(Address.NOTIFY_LIST, (body, caller) -> notifications.list(ListRequest.from(body), caller)));
      ready.add(serve(Address.NOTIFY_READ, (body, caller) -> notifications.read(ReadRequest.from(body), caller)));
      ready.add(serve(Address.NOTIFY_DELETE, (body, caller) ->
        notifications.delete(Fields.parameterId(body.getValue("notificationId"), "notificationId"), caller)));
      ready.add(serve(Address.NOTIFY_SETTINGS_GET, (body, caller) -> preferences.user(caller)));
      ready.add(serve(Address.NOTIFY_SETTINGS_UPDATE, (body, caller) ->
        preferences.saveUser(UserSettingsRequest.from(body), caller)));
      ready.add(serve(Address.NOTIFY_CHAT_SETTINGS_GET, (body, caller) ->
        preferences.chat(Fields.parameterId(body.getValue("chatId"), "chatId"), caller)));
      ready.add(serve(Address.NOTIFY_CHAT_SETTINGS_UPDATE, (body, caller) ->
        preferences.saveChat(ChatSettingRequest.from(body), caller)));
      ready.add(serve(Address.NOTIFY_VAPID_KEY, (body, caller) -> Future.succeededFuture(subscriptions.vapidKey())));
      ready.add(serve(Address.NOTIFY_SUBSCRIBE, subscriptions::subscribe));
      ready.add(serve(Address.NOTIFY_UNSUBSCRIBE, subscriptions::unsubscribe));
      ready.add(serve(Address.NOTIFY_PUSH_DELIVERED, subscriptions::delivered));
      ready.add(consumer.start());
      dispatcher.start();
      pruner.start();
      return Future.all(ready);
    });
  }

  /** One consumer: parse, run, reply; any failure goes back as the shared error shape. */
  private Future<Void> serve(String address, BusEndpoints.Work<JsonObject> work) {
    return BusEndpoints.serve(vertx.eventBus(), address, work);
  }

  /** The Kafka consumer of this instance (for tests and the benchmark: its partitions). */
  EventConsumer consumer() {
    return consumer;
  }

  NotifyMetrics metrics() {
    return metrics;
  }

  Pruner pruner() {
    return pruner;
  }

  @Override
  public Future<?> stop() {
    dispatcher.stop();
    pruner.stop();
    return consumer.stop()
      .eventually(() -> Future.join(redis.close(), pool.close()))
      .eventually(() -> {
        web.close();
        return Future.succeededFuture();
      });
  }
}
