package io.parley.gateway;

import io.parley.gateway.realtime.PresenceVisibility;
import io.parley.gateway.realtime.RealtimeBridge;
import io.parley.shared.Ids;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/v1/presence?userIds=a,b,…}: bulk presence, answered at the edge from Redis,
 * without last-seen times their owners keep private and without anything of people who blocked
 * the caller.
 */
final class PresenceApi {

  static final String PATH = "/presence";
  private static final int MAX_USERS = 200;

  private final RealtimeBridge realtime;
  private final PresenceVisibility visibility;
  private final Authentication authentication;

  PresenceApi(RealtimeBridge realtime, PresenceVisibility visibility, Authentication authentication) {
    this.realtime = realtime;
    this.visibility = visibility;
    this.authentication = authentication;
  }

  void mount(Router api) {
    authentication.protect(api.get(PATH)).handler(this::query);
  }

  private void query(RoutingContext ctx) {
    String raw = ctx.request().getParam("userIds", "");
    List<String> userIds = Arrays.stream(raw.split(",")).map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
    if (userIds.isEmpty() || userIds.size() > MAX_USERS || !userIds.stream().allMatch(PresenceApi::isUuid)) {
      ctx.fail(CommonErrors.INVALID_PARAMETER.exception("userIds is a comma-separated list of 1 to " + MAX_USERS + " user ids"));
      return;
    }
    String viewer = Authentication.caller(ctx).requireUser().toString();
    realtime.presenceOf(userIds)
      .compose(states -> visibility.filter(viewer, userIds, states))
      .onSuccess(states -> ctx.json(new JsonObject().put("presence", states)))
      .onFailure(ctx::fail);
  }

  private static boolean isUuid(String value) {
    return Ids.isUuid(value);
  }
}
