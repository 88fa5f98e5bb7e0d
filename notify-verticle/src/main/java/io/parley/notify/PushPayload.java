package io.parley.notify;

import io.parley.notify.PushScheduleStore.Pending;
import io.parley.notify.push.WebPushEncryption;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * What the service worker receives, as JSON inside the encrypted push:
 * {@code {v, id, type, title, body, count, tag, url, chatId?, seq?, sender?, avatar:{id, name}, receipt?}}.
 * {@code tag} is the push key, so a newer push replaces the shown one; {@code receipt} lets the
 * worker report a message delivered. Always well under the 4 KB a push may hold: titles and
 * bodies are bounded when stored, and the body is clipped again if ever needed.
 */
final class PushPayload {

  private PushPayload() {
  }

  static byte[] of(Pending pending, String pushKey, String receipt) {
    JsonObject payload = new JsonObject()
      .put("v", 1)
      .put("id", pending.id().toString())
      .put("type", pending.kind().wire)
      .put("title", pending.title())
      .put("body", Texts.shown(pending.kind(), pending.count(), pending.body()))
      .put("count", pending.count())
      .put("tag", pushKey)
      .put("url", pending.chatId() == null ? "/#/" : "/#/chat/" + pending.chatId());
    if (pending.chatId() != null) {
      payload.put("chatId", pending.chatId().toString());
    }
    if (pending.seq() != null) {
      payload.put("seq", pending.seq());
    }
    if (pending.actorName() != null) {
      payload.put("sender", pending.actorName());
    }
    boolean direct = pending.actorName() != null && pending.actorName().equals(pending.title());
    payload.put("avatar", new JsonObject()
      .put("id", String.valueOf(direct || pending.chatId() == null ? pending.actorId() : pending.chatId()))
      .put("name", pending.title()));
    if (receipt != null) {
      payload.put("receipt", receipt);
    }
    byte[] bytes = payload.encode().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > WebPushEncryption.MAX_PLAINTEXT) {
      payload.put("body", Texts.clip(payload.getString("body"), 100)).remove("receipt");
      bytes = payload.encode().getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
