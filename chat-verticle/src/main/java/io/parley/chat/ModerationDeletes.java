package io.parley.chat;

import io.parley.chat.Transactions.Written;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.UUID;

/**
 * Deleting a message for everyone on a decision made outside the chat: a moderator acting on a
 * report, or the retention job. The same tombstone and {@code message.deleted} change as the
 * sender's own delete ({@link MessageService}), so every device's history changes the same way;
 * the change's {@code data.removedBy} says who decided ({@code moderation} or {@code retention}),
 * never why (the moderator's reason stays in the audit log).
 */
final class ModerationDeletes {

  static final String BY_MODERATION = "moderation";
  static final String BY_RETENTION = "retention";

  private final MessageStore messages;
  private final MessageChanges changes;

  ModerationDeletes(MessageStore messages, MessageChanges changes) {
    this.messages = messages;
    this.changes = changes;
  }

  /** The change, in {@code tx}; fails with 409 {@code message.not_deletable} for a system message or one already deleted. */
  Future<Written<Change>> delete(SqlConnection tx, UUID chatId, long seq, UUID actorId, String removedBy, Instant now) {
    return changes.applyAsServer(tx, chatId, actorId, seq, Change.MESSAGE_DELETED, now, message -> {
      if (MessageContent.SYSTEM.equals(message.kind()) || message.deleted()) {
        throw ChatErrors.NOT_DELETABLE.exception("System messages and deleted messages cannot be deleted");
      }
      return messages.tombstone(tx, chatId, seq, now).map(done -> new JsonObject().put("removedBy", removedBy));
    });
  }

  static boolean alreadyDeleted(Throwable failure) {
    return failure instanceof ParleyException refused && refused.errorCode().equals(ChatErrors.NOT_DELETABLE);
  }
}
