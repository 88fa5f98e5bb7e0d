package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups and channels made through Parley's REST API, as their owners make them: the chat with its
 * first members, then the others a request at a time, then the owner's admins.
 */
final class ParleyChats {

  /** Ids one create or add request may name: {@code chat.maxMembersPerRequest}'s default. */
  private static final int MEMBERS_PER_REQUEST = 100;

  private ParleyChats() {
  }

  /**
   * A new chat of {@code type} ({@code group} or {@code channel}) owned by the holder of
   * {@code ownerToken}, with {@code memberIds} (the owner not among them) in it; its id.
   */
  static Future<String> create(WebClient http, int port, String ownerToken, String type, String title, List<String> memberIds) {
    List<String> first = memberIds.subList(0, Math.min(MEMBERS_PER_REQUEST, memberIds.size()));
    Future<String> created = http.post(port, "127.0.0.1", "/api/v1/chats")
      .putHeader("Authorization", "Bearer " + ownerToken)
      .sendJsonObject(new JsonObject().put("type", type).put("title", title).put("memberIds", new JsonArray(first)))
      .map(response -> answered(response, "create a " + type).getString("id"));
    // Adds to one chat wait for each other on its lock anyway: one after the other.
    for (int from = first.size(); from < memberIds.size(); from += MEMBERS_PER_REQUEST) {
      List<String> batch = memberIds.subList(from, Math.min(from + MEMBERS_PER_REQUEST, memberIds.size()));
      created = created.compose(chatId -> http.post(port, "127.0.0.1", "/api/v1/chats/" + chatId + "/members")
        .putHeader("Authorization", "Bearer " + ownerToken)
        .sendJsonObject(new JsonObject().put("userIds", new JsonArray(batch)))
        .map(response -> {
          answered(response, "add members");
          return chatId;
        }));
    }
    return created;
  }

  /** Makes each of {@code userIds}, members of the chat, an admin (in a channel, someone who may post). */
  static Future<Void> makeAdmins(WebClient http, int port, String ownerToken, String chatId, List<String> userIds) {
    List<Future<?>> changed = new ArrayList<>();
    for (String userId : userIds) {
      changed.add(http.put(port, "127.0.0.1", "/api/v1/chats/" + chatId + "/members/" + userId + "/role")
        .putHeader("Authorization", "Bearer " + ownerToken)
        .sendJsonObject(new JsonObject().put("role", "admin"))
        .map(response -> answered(response, "make an admin")));
    }
    return Future.all(changed).mapEmpty();
  }

  private static JsonObject answered(HttpResponse<Buffer> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("Could not " + what + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }
}
