package io.parley.gateway.realtime;

import io.parley.gateway.RevokedSessions;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.presence.ChatInterest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The realtime edge of a node: the SockJS endpoint browsers connect to, and the node-wide parts
 * behind it (router, presence, typing), created once per node however many gateway instances
 * share them.
 */
public final class RealtimeBridge {

  private static final Map<Vertx, RealtimeBridge> NODES = new WeakHashMap<>();

  private final LocalRouter router;
  private final Presence presence;
  private final BlockIndex blocks;
  private final Commands commands;
  private final RealtimeSettings settings;

  private RealtimeBridge(Vertx vertx, JsonObject config, Redis redis, PresenceVisibility visibility, List<String> serviceCommands) {
    this.settings = RealtimeSettings.from(config);
    this.router = LocalRouter.forNode(vertx);
    this.blocks = new BlockIndex(vertx, visibility);
    router.filterWith(blocks);
    // Claims matter only where there are other nodes to route away from.
    Redis claims = ChatInterest.routes(vertx, config) ? redis : null;
    if (claims != null) {
      router.claimChatsIn(claims);
    }
    this.presence = new Presence(vertx, redis, router, settings, router.nodeId());
    router.onUsers(presence::userArrived, presence::userLeft);
    Typing typing = new Typing(vertx, router, presence, settings.typingThrottleMs(), claims);
    this.commands = new Commands(vertx, presence, typing, serviceCommands);
  }

  /**
   * The node's realtime edge, created by the first gateway instance.
   *
   * @param serviceCommands service addresses a browser may send to (each forwarded with its identity)
   */
  public static synchronized RealtimeBridge forNode(Vertx vertx, JsonObject config, Redis redis, PresenceVisibility visibility,
                                                    List<String> serviceCommands) {
    return NODES.computeIfAbsent(vertx, v -> new RealtimeBridge(v, config, redis, visibility, serviceCommands));
  }

  public Future<?> ready() {
    return Future.all(router.ready(), blocks.ready());
  }

  /** Graceful shutdown: tells every client of this node to reconnect elsewhere, then closes them. */
  public void sendEveryoneElsewhere() {
    router.sendEveryoneElsewhere();
  }

  /** Bulk presence for REST: {@code {userId: {status, lastSeen?}}}. */
  public Future<JsonObject> presenceOf(List<String> userIds) {
    return presence.query(userIds);
  }

  /**
   * The SockJS router to mount at {@code /eventbus}, behind an origin check. Each gateway instance
   * makes its own (sockets live on the instance's event loop); all share this node's router.
   */
  public Router sockJs(Vertx vertx, JWTAuth jwtAuth, RevokedSessions revoked) {
    TokenVerifier verifier = new TokenVerifier(jwtAuth, revoked);
    SockJSHandlerOptions options = new SockJSHandlerOptions()
      .setRegisterWriteHandler(false)
      .setHeartbeatInterval(25_000);
    return SockJSHandler.create(vertx, options).socketHandler(socket ->
      new ClientConnection(vertx, socket, settings, verifier, router, commands).start());
  }

  /**
   * Refuses cross-site WebSocket hijacking: a browser always sends {@code Origin}; it must be this
   * server's own origin or one configured in {@code http.allowedOrigins}. Clients that are not
   * browsers send none and authenticate with their token like everyone else.
   */
  public static io.vertx.core.Handler<RoutingContext> originCheck(JsonObject config) {
    List<String> allowed = Config.strings(config, ConfigKeys.HTTP_ALLOWED_ORIGINS);
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      if (origin == null || allowed.contains(origin) || sameHost(origin, ctx.request().getHeader("Host"))) {
        ctx.next();
      } else {
        LocalRouter.logRefusal("a connection from origin " + origin, null);
        ctx.fail(403);
      }
    };
  }

  private static boolean sameHost(String origin, String host) {
    if (host == null) {
      return false;
    }
    int scheme = origin.indexOf("://");
    return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
  }
}
