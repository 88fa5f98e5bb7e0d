package io.parley.auth;

import io.parley.shared.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * {@code GET /me/export}: what the server keeps about me, as one JSON document (the GDPR's right
 * of access and portability): my profile, and from the chat service my chats and my own messages.
 * Other people's messages are theirs, so they are not in it.
 */
final class ExportService {

  private final SessionService sessions;
  private final UserStore users;
  private final ChatClient chat;
  private final Clock clock;

  ExportService(SessionService sessions, UserStore users, ChatClient chat, Clock clock) {
    this.sessions = sessions;
    this.users = users;
    this.chat = chat;
    this.clock = clock;
  }

  Future<JsonObject> export(Caller request) {
    return sessions.authenticate(request).compose(caller -> users.findById(caller.userId())
      .map(UserAccount::live)
      .compose(user -> SanctionStore.warningsOf(sessions.pool(), user.id()).compose(warnings -> chat.export(caller)
        .map(chats -> new JsonObject()
          .put("format", "parley.export.v1")
          .put("exportedAt", clock.instant().toString())
          .put("profile", user.toPrivateJson())
          .put("warnings", warnings)
          .put("chats", chats.getJsonArray("chats"))
          .put("messages", chats.getJsonArray("messages"))))));
  }
}
