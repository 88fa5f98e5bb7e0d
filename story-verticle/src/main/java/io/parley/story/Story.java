package io.parley.story;

import static io.parley.shared.db.DbTime.instant;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A story as stored: a photo or video (the media service's metadata of it, never the client's) or
 * a text on a background colour, with its caption, audience and lifetime.
 *
 * @param media {@code {id, contentType, size, width?, height?, durationMs?, thumbnail?:{width, height}}}
 */
record Story(UUID id, UUID authorId, String kind, UUID mediaId, JsonObject media, String text, String background,
             String caption, Audience audience, Instant createdAt, Instant expiresAt) {

  static final String TEXT = "text";

  /** The columns {@link #from(Row)} reads, for a query aliasing stories as {@code s}. */
  static final String COLUMNS = """
      s.id, s.author_id, s.kind, s.media_id, s.media, s.text, s.background, s.caption, s.audience, s.audience_ids,
      s.created_at, s.expires_at""";

  static Story from(Row row) {
    UUID[] listed = row.getArrayOfUUIDs("audience_ids");
    return new Story(row.getUUID("id"), row.getUUID("author_id"), row.getString("kind"), row.getUUID("media_id"),
      row.getJsonObject("media"), row.getString("text"), row.getString("background"), row.getString("caption"),
      new Audience(Audience.Type.of(row.getString("audience")), listed == null ? List.of() : Arrays.asList(listed)),
      instant(row, "created_at"), instant(row, "expires_at"));
  }

  /**
   * What anyone who may see the story sees of it (and what a reply quotes):
   * {@code {id, authorId, kind, media?, text?, background?, caption?, createdAt, expiresAt}}. Never
   * the audience: only the author sees whom it is for.
   */
  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("id", id.toString())
      .put("authorId", authorId.toString())
      .put("kind", kind);
    if (media != null) {
      json.put("media", media.copy());
    }
    if (text != null) {
      json.put("text", text).put("background", background);
    }
    if (caption != null) {
      json.put("caption", caption);
    }
    return json.put("createdAt", createdAt.toString()).put("expiresAt", expiresAt.toString());
  }

  /** The author's view: everyone's, with the audience and how many have viewed it. */
  JsonObject toAuthorJson(long views) {
    return toJson().put("audience", audience.toJson()).put("views", views).put("seen", true);
  }
}
