package io.parley.notify;

import io.parley.notify.push.DeliveryReceipts;
import io.parley.notify.push.Vapid;
import io.parley.shared.Address;
import io.parley.shared.Caller;
import io.parley.shared.Ids;
import io.parley.shared.error.NotifyErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * Push subscriptions of browsers, the VAPID key they subscribe with, and the delivery receipts
 * their service workers send back.
 */
final class SubscriptionService {

  private static final long CHAT_TIMEOUT_MS = 10_000;

  private final SubscriptionStore store;
  private final PushEndpoints endpoints;
  private final Vapid vapid;
  private final DeliveryReceipts receipts;
  private final EventBus eventBus;
  private final Ids ids;
  private final Clock clock;

  SubscriptionService(SubscriptionStore store, PushEndpoints endpoints, Vapid vapid, DeliveryReceipts receipts,
                      EventBus eventBus, Clock clock) {
    this.store = store;
    this.endpoints = endpoints;
    this.vapid = vapid;
    this.receipts = receipts;
    this.eventBus = eventBus;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /** {@code {publicKey}}: what {@code pushManager.subscribe} takes as {@code applicationServerKey}. */
  JsonObject vapidKey() {
    return new JsonObject().put("publicKey", vapid.publicKey());
  }

  /** Registers (or moves to me) the browser's subscription, tied to my calling session. */
  Future<JsonObject> subscribe(JsonObject body, Caller caller) {
    caller.requireUser();
    SubscribeRequest request = SubscribeRequest.from(body, endpoints);
    return store.save(ids.next(), caller.userId(), caller.sessionId(), request, clock.instant())
      .map(id -> new JsonObject().put("id", id.toString()).put("endpoint", request.endpoint().toString()));
  }

  Future<JsonObject> unsubscribe(JsonObject body, Caller caller) {
    caller.requireUser();
    if (!(body.getValue("endpoint") instanceof String endpoint) || endpoint.isEmpty()) {
      return Future.failedFuture(Fields.invalid("endpoint", "endpoint is required"));
    }
    return store.delete(caller.userId(), endpoint).compose(deleted -> deleted ? Future.succeededFuture(new JsonObject())
      : Future.failedFuture(NotifyErrors.SUBSCRIPTION_NOT_FOUND.exception("No subscription of yours has this endpoint")));
  }

  /**
   * A service worker got a push: the message it was about is delivered to this person's device.
   * The receipt says who and what; the chat service moves their delivered watermark, acting for
   * that person as if their app had reported it.
   */
  Future<JsonObject> delivered(JsonObject body, Caller caller) {
    DeliveryReceipts.Receipt receipt = receipts.verify(body.getValue("receipt") instanceof String token ? token : null)
      .orElseThrow(() -> NotifyErrors.INVALID_RECEIPT.exception("This receipt is not valid (any more)"));
    DeliveryOptions options = Caller.user(receipt.userId(), null, caller.correlationId())
      .stamp(new DeliveryOptions().setSendTimeout(CHAT_TIMEOUT_MS));
    return eventBus.<JsonObject>request(Address.CHAT_DELIVERED,
        new JsonObject().put("chatId", receipt.chatId().toString()).put("seq", receipt.seq()), options)
      .map(reply -> new JsonObject());
  }
}
