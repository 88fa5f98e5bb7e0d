package io.parley.gateway;

import static io.parley.gateway.ApiRoute.open;
import static io.parley.gateway.ApiRoute.route;
import static io.parley.gateway.RequestShape.JSON;
import static io.parley.gateway.RequestShape.PATH;
import static io.parley.gateway.RequestShape.QUERY;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.parley.shared.Address;
import java.util.List;

/**
 * The REST routes of notifications, notification settings and Web Push subscriptions, forwarded
 * to the notify service; its error codes are in {@code NotifyErrors}. Two are open: the VAPID
 * public key, and a service worker's delivery receipt, which proves itself with the signed
 * receipt its push carried (a worker has no access token).
 */
final class NotifyApi {

  static final List<ApiRoute> ROUTES = List.of(
    route(GET, "/notifications", Address.NOTIFY_LIST, 200, QUERY)
      .query("before", "limit").doc("My notifications, newest first", "NotificationPage"),
    route(POST, "/notifications/read", Address.NOTIFY_READ, 200, JSON)
      .takes("ReadNotifications").doc("Mark notifications (or all) read", "UnreadCount"),
    route(GET, "/notifications/settings", Address.NOTIFY_SETTINGS_GET, 200, PATH)
      .doc("My notification settings", "NotifySettings"),
    route(PUT, "/notifications/settings", Address.NOTIFY_SETTINGS_UPDATE, 200, JSON)
      .takes("NotifySettingsUpdate").doc("Change my notification settings", "NotifySettings"),
    route(DELETE, "/notifications/:notificationId", Address.NOTIFY_DELETE, 204, PATH).doc("Dismiss a notification", null),
    route(GET, "/chats/:chatId/notifications", Address.NOTIFY_CHAT_SETTINGS_GET, 200, PATH)
      .doc("How a chat notifies me", "ChatNotifySettings"),
    route(PUT, "/chats/:chatId/notifications", Address.NOTIFY_CHAT_SETTINGS_UPDATE, 200, JSON)
      .takes("ChatNotifySettingsUpdate").doc("Change how a chat notifies me", "ChatNotifySettings"),
    open(GET, "/push/vapid-key", Address.NOTIFY_VAPID_KEY, 200, PATH)
      .doc("The Web Push application server key", "VapidKey"),
    route(POST, "/push/subscriptions", Address.NOTIFY_SUBSCRIBE, 201, JSON)
      .takes("Subscribe").doc("Register this browser for Web Push", "Subscription"),
    route(DELETE, "/push/subscriptions", Address.NOTIFY_UNSUBSCRIBE, 204, JSON)
      .takes("Unsubscribe").doc("Unregister a browser from Web Push", null),
    open(POST, "/push/delivered", Address.NOTIFY_PUSH_DELIVERED, 204, JSON)
      .takes("PushReceipt").doc("A service worker's receipt that a push arrived", null));

  private NotifyApi() {
  }
}
