package io.parley.notify;

import io.parley.shared.Caller;
import io.parley.shared.error.NotifyErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * My stored notifications: the bell's list and unread count, reading and deleting. The newest
 * page comes from the Redis cache when it is current; everything else, and any answer while
 * Redis is away, from PostgreSQL.
 */
final class NotificationService {

  private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

  private final NotificationStore store;
  private final NotificationCache cache;
  private final Clock clock;

  NotificationService(NotificationStore store, NotificationCache cache, Clock clock) {
    this.store = store;
    this.cache = cache;
    this.clock = clock;
  }

  /** {@code {items, unread}}, newest first. */
  Future<JsonObject> list(ListRequest request, Caller caller) {
    UUID me = caller.requireUser();
    if (request.before() != null) {
      return fromDatabase(me, request.before(), request.limit());
    }
    return cache.read(me)
      .compose(cached -> cached.page() != null ? Future.succeededFuture(cached.page())
        : fromDatabase(me, null, ListRequest.MAX_LIMIT).compose(page -> cache.write(me, cached.version(), page)
          .recover(notCached -> Future.succeededFuture()).map(page)))
      .recover(redisAway -> {
        log.debug("Notification cache unavailable: {}", redisAway.getMessage());
        return fromDatabase(me, null, ListRequest.MAX_LIMIT);
      })
      .map(page -> firstOf(page, request.limit()));
  }

  /** {@code {unread}} after marking the given ones (or all) read. */
  Future<JsonObject> read(ReadRequest request, Caller caller) {
    UUID me = caller.requireUser();
    return store.markRead(me, request.all() ? null : request.ids(), clock.instant())
      .compose(done -> changed(me))
      .compose(done -> store.unread(me))
      .map(unread -> new JsonObject().put("unread", unread));
  }

  Future<JsonObject> delete(UUID notificationId, Caller caller) {
    UUID me = caller.requireUser();
    return store.delete(me, notificationId).compose(deleted -> deleted
      ? changed(me).map(new JsonObject())
      : Future.failedFuture(NotifyErrors.NOTIFICATION_NOT_FOUND.exception("No such notification")));
  }

  private Future<Void> changed(UUID me) {
    return cache.invalidate(List.of(me)).recover(redisAway -> {
      log.warn("Could not invalidate the notification cache of {}: {}", me, redisAway.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<JsonObject> fromDatabase(UUID me, UUID before, int limit) {
    return Future.all(store.page(me, before, limit), store.unread(me))
      .map(both -> new JsonObject().put("items", both.<JsonArray>resultAt(0)).put("unread", both.<Long>resultAt(1)));
  }

  private static JsonObject firstOf(JsonObject page, int limit) {
    JsonArray items = page.getJsonArray("items");
    if (items.size() <= limit) {
      return page;
    }
    return new JsonObject().put("items", new JsonArray(items.getList().subList(0, limit))).put("unread", page.getValue("unread"));
  }
}
