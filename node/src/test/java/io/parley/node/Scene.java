package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.parley.node.AuthorizationMatrixTest.Role;
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
    Reply promoted = api.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/chats/" + group + "/members/" + callers.get(Role.ADMIN).id() + "/role",
      owner.token(), new JsonObject().put("role", "admin"));
    assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
    long message = api.send(member, group, "a message of the member");
    Reply live = api.post("/api/v1/chats/" + group + "/messages", member.token(), new JsonObject()
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "live_location")
      .put("location", new JsonObject().put("latitude", 48.1).put("longitude", 11.5)
        .put("liveUntil", Instant.now().plusSeconds(3_600).toString())));
    assertThat(live.status()).as(live.text()).isEqualTo(201);
    Reply invite = api.post("/api/v1/chats/" + group + "/invites", owner.token(), new JsonObject());
    assertThat(invite.status()).as(invite.text()).isEqualTo(201);
    Reply media = api.post("/api/v1/media", member.token(), new JsonObject().put("kind", "image").put("contentType", "image/png")
      .put("size", 1_000));
    assertThat(media.status()).as(media.text()).isEqualTo(201);
    return new Scene(group, message, live.body().getLong("seq"), invite.body().getString("token"), direct, target,
      media.body().getString("id"));
  }

  /** An account of its own, for operations on one's own account (sign out, delete, change password). */
  Account throwaway(Api api) {
    return api.register("own");
  }
}
