package io.parley.notify;

import io.parley.shared.Caller;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * Notification settings. A chat's setting is the member's own: a non-member is answered
 * {@code chat.not_found}, as the chat service answers, so nobody learns that a chat exists.
 */
final class SettingsService {

  private final SettingsStore store;
  private final Clock clock;

  SettingsService(SettingsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Future<JsonObject> chat(UUID chatId, Caller caller) {
    UUID me = caller.requireUser();
    return member(chatId, me).compose(member -> store.chat(chatId, me));
  }

  Future<JsonObject> saveChat(ChatSettingRequest request, Caller caller) {
    UUID me = caller.requireUser();
    return member(request.chatId(), me).compose(member -> store.saveChat(request, me, clock.instant()));
  }

  Future<JsonObject> user(Caller caller) {
    return store.user(caller.requireUser());
  }

  Future<JsonObject> saveUser(UserSettingsRequest request, Caller caller) {
    return store.saveUser(request, caller.requireUser(), clock.instant());
  }

  private Future<Void> member(UUID chatId, UUID userId) {
    return store.isMember(chatId, userId).compose(member -> member ? Future.succeededFuture()
      : Future.failedFuture(ChatErrors.CHAT_NOT_FOUND.exception("No such chat")));
  }
}
