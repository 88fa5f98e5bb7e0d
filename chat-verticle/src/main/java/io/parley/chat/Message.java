package io.parley.chat;

import static io.parley.shared.db.DbTime.instant;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A message as stored. A message deleted for everyone keeps its place in the sequence and its
 * sender, with every content field cleared: the tombstone.
 *
 * @param replyTo   a preview of the message replied to (seq, senderId, kind, text, deleted), when read with it
 * @param reactions per-emoji counts (emoji, count, mine), when read with them
 */
record Message(UUID id, UUID chatId, long seq, UUID senderId, String clientMessageId, String kind, String text,
               JsonObject media, JsonObject location, JsonObject system, List<UUID> mentions, Long replyToSeq,
               Long threadRootSeq, int threadReplyCount, Long threadLastSeq, JsonObject forwardedFrom, JsonObject story,
               Instant createdAt, Instant editedAt, Instant deletedAt, Instant pinnedAt,
               JsonObject replyTo, JsonArray reactions) {

  /** The columns {@link #from(Row)} reads, for a query aliasing messages as {@code m}. */
  static final String COLUMNS = """
      m.chat_id, m.seq, m.id, m.sender_id, m.client_message_id, m.kind, m.text, m.media, m.location,
      m.system, m.mentions, m.reply_to_seq, m.thread_root_seq, m.thread_reply_count, m.thread_last_seq,
      m.forwarded_from, m.story, m.created_at, m.edited_at, m.deleted_at, m.pinned_at""";

  /** Optional extra columns: the replied-to message's preview, for a query joining it as {@code r}. */
  static final String REPLY_COLUMNS = """
      r.sender_id AS reply_sender_id, r.kind AS reply_kind, left(r.text, 200) AS reply_text,
      r.deleted_at IS NOT NULL AS reply_deleted""";

  /** Optional extra column: reaction counts and whether the viewer ({@code $viewer}) reacted. */
  static String reactionsColumn(String viewerParameter) {
    return """
        (SELECT jsonb_agg(jsonb_build_object('emoji', x.emoji, 'count', x.n, 'mine', x.mine) ORDER BY x.first)
           FROM (SELECT emoji, count(*) AS n, bool_or(user_id = %s) AS mine, min(created_at) AS first
                   FROM message_reactions rx WHERE rx.chat_id = m.chat_id AND rx.seq = m.seq
                  GROUP BY emoji) x) AS reactions""".formatted(viewerParameter);
  }

  static Message from(Row row) {
    UUID[] mentions = row.getArrayOfUUIDs("mentions");
    JsonObject replyTo = null;
    Long replyToSeq = row.getLong("reply_to_seq");
    if (replyToSeq != null && row.getColumnIndex("reply_kind") >= 0) {
      replyTo = new JsonObject().put("seq", replyToSeq);
      if (row.getString("reply_kind") != null) {
        boolean deleted = row.getBoolean("reply_deleted");
        replyTo.put("senderId", row.getUUID("reply_sender_id").toString())
          .put("kind", row.getString("reply_kind"))
          .put("deleted", deleted);
        if (!deleted && row.getString("reply_text") != null) {
          replyTo.put("text", row.getString("reply_text"));
        }
      }
    }
    JsonArray reactions = null;
    if (row.getColumnIndex("reactions") >= 0 && row.getValue("reactions") instanceof JsonArray counts) {
      reactions = counts;
    }
    return new Message(row.getUUID("id"), row.getUUID("chat_id"), row.getLong("seq"), row.getUUID("sender_id"),
      row.getString("client_message_id"), row.getString("kind"), row.getString("text"),
      row.getJsonObject("media"), row.getJsonObject("location"), row.getJsonObject("system"),
      mentions == null ? List.of() : Arrays.asList(mentions), replyToSeq, row.getLong("thread_root_seq"),
      row.getInteger("thread_reply_count"), row.getLong("thread_last_seq"), row.getJsonObject("forwarded_from"),
      row.getJsonObject("story"), instant(row, "created_at"), instant(row, "edited_at"), instant(row, "deleted_at"), instant(row, "pinned_at"),
      replyTo, reactions);
  }

  boolean deleted() {
    return deletedAt != null;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("id", id.toString())
      .put("chatId", chatId.toString())
      .put("seq", seq)
      .put("senderId", senderId.toString())
      .put("kind", kind)
      .put("createdAt", createdAt.toString())
      .put("deleted", deletedAt != null)
      .put("pinned", pinnedAt != null)
      .put("mentions", new JsonArray(mentions.stream().map(UUID::toString).toList()));
    putIfPresent(json, "clientMessageId", clientMessageId);
    putIfPresent(json, "text", text);
    putIfPresent(json, "media", media);
    putIfPresent(json, "location", location);
    putIfPresent(json, "system", system);
    putIfPresent(json, "forwardedFrom", forwardedFrom);
    putIfPresent(json, "story", story);
    putIfPresent(json, "threadRootSeq", threadRootSeq);
    if (replyToSeq != null) {
      json.put("replyTo", replyTo != null ? replyTo : new JsonObject().put("seq", replyToSeq));
    }
    if (threadReplyCount > 0) {
      json.put("thread", new JsonObject().put("replyCount", threadReplyCount).put("lastSeq", threadLastSeq));
    }
    if (reactions != null) {
      json.put("reactions", reactions);
    }
    putIfPresent(json, "editedAt", editedAt == null ? null : editedAt.toString());
    putIfPresent(json, "deletedAt", deletedAt == null ? null : deletedAt.toString());
    return json;
  }

  /** The first {@code max} characters (code points, as PostgreSQL's left() counts) of a text. */
  static String clip(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
  }

  private static void putIfPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
