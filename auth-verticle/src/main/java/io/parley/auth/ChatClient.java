package io.parley.auth;

import io.parley.shared.Address;
import io.parley.shared.Caller;
import io.parley.shared.error.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * What the moderation service asks the chat service, over the bus (a domain never imports
 * another): a reported message with its neighbours, as the reporter sees it; a deletion for
 * everyone on a moderator's decision; a user's chats and messages for their data export. The
 * caller is stamped as is, so the chat service applies its own rules to the reporter.
 */
final class ChatClient {

  private static final long TIMEOUT_MS = 15_000;

  private final EventBus eventBus;

  ChatClient(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /** {@code {message, before, after}}; 404 {@code message.not_found} or {@code chat.not_found} when the reporter cannot see it. */
  Future<JsonObject> excerpt(Caller reporter, UUID chatId, long seq) {
    return request(Address.CHAT_MODERATION_EXCERPT, reporter,
      new JsonObject().put("chatId", chatId.toString()).put("seq", seq));
  }

  /** {@code {deleted}}: false when it was deleted already. */
  Future<JsonObject> deleteForEveryone(Caller moderator, UUID chatId, long seq, String reason) {
    return request(Address.CHAT_MODERATION_DELETE, moderator,
      new JsonObject().put("chatId", chatId.toString()).put("seq", seq).put("reason", reason));
  }

  /** {@code {chats, messages}} of the caller. */
  Future<JsonObject> export(Caller owner) {
    return request(Address.CHAT_EXPORT, owner, new JsonObject());
  }

  private Future<JsonObject> request(String address, Caller caller, JsonObject body) {
    return eventBus.<JsonObject>request(address, body, caller.stamp(new DeliveryOptions().setSendTimeout(TIMEOUT_MS)))
      .map(Message::body)
      .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply ? BusErrors.fromReply(reply) : failure));
  }
}
