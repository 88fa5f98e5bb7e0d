package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.parley.node.AuthorizationMatrixTest.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One scene of the authorization matrix: a private group of the owner with an admin, a member, the
 * blocked user and a target to act on; a message and a live location by the member; an invite link
 * by the owner; an upload the member asked for (not yet made); and the owner's direct chat with the
 * person they blocked.
 */
record Scene(String group, long message, long liveLocation, String invite, String direct, Account target, String media) {

  static Scene create(Api api, Map<Role, Account> callers, Account target, String direct) {
    Account owner = callers.get(Role.OWNER);
    Account member = callers.get(Role.MEMBER);
    String group = api.group(owner, List.of(callers.get(Role.ADMIN), member, callers.get(Role.BLOCKED), target));
    // Everything else in the scene needs only the group and none of it depends on the rest: the
    // requests go out together, and the matrix waits one round trip per scene instead of five.
    Future<Reply> promoted = api.request(HttpMethod.PUT, "/api/v1/chats/" + group + "/members/" + callers.get(Role.ADMIN).id() + "/role",
      owner.token(), new JsonObject().put("role", "admin"));
    Future<Reply> message = api.request(HttpMethod.POST, "/api/v1/chats/" + group + "/messages", member.token(), new JsonObject()
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "a message of the member"));
    Future<Reply> live = api.request(HttpMethod.POST, "/api/v1/chats/" + group + "/messages", member.token(), new JsonObject()
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "live_location")
      .put("location", new JsonObject().put("latitude", 48.1).put("longitude", 11.5)
        .put("liveUntil", Instant.now().plusSeconds(3_600).toString())));
    Future<Reply> invite = api.request(HttpMethod.POST, "/api/v1/chats/" + group + "/invites", owner.token(), new JsonObject());
    Future<Reply> media = api.request(HttpMethod.POST, "/api/v1/media", member.token(), new JsonObject().put("kind", "image")
      .put("contentType", "image/png").put("size", 1_000));
    Future.all(promoted, message, live, invite, media).await();
    expect(promoted.result(), 200);
    expect(message.result(), 201);
    expect(live.result(), 201);
    expect(invite.result(), 201);
    expect(media.result(), 201);
    return new Scene(group, message.result().body().getLong("seq"), live.result().body().getLong("seq"),
      invite.result().body().getString("token"), direct, target, media.result().body().getString("id"));
  }

  private static void expect(Reply reply, int status) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
  }

  /** An account of its own, for operations on one's own account (sign out, delete, change password). */
  Account throwaway(Api api) {
    return api.register("own");
  }
}
