package io.parley.media;

import static io.parley.shared.db.DbTime.instant;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/**
 * One media as stored: what was declared, where the bytes are, and what the bytes told.
 *
 * @param rejection the error code it was refused with at completion (status {@code rejected})
 */
record Media(UUID id, UUID ownerId, MediaKind kind, String status, String contentType, long size, String fileName,
             String objectKey, Integer width, Integer height, Long durationMs, String thumbnailType,
             Integer thumbnailWidth, Integer thumbnailHeight, String rejection, Instant createdAt, Instant readyAt) {

  static final String PENDING = "pending";
  static final String READY = "ready";
  static final String REJECTED = "rejected";
  static final String DELETING = "deleting";

  /** The columns {@link #from} reads, for a query aliasing media as {@code m}. */
  static final String COLUMNS = """
      m.id, m.owner_id, m.kind, m.status, m.content_type, m.size, m.file_name, m.object_key, m.width, m.height,
      m.duration_ms, m.thumbnail_type, m.thumbnail_width, m.thumbnail_height, m.rejection, m.created_at, m.ready_at""";

  static Media from(Row row) {
    return new Media(row.getUUID("id"), row.getUUID("owner_id"), MediaKind.of(row.getString("kind")),
      row.getString("status"), row.getString("content_type"), row.getLong("size"), row.getString("file_name"),
      row.getString("object_key"), row.getInteger("width"), row.getInteger("height"), row.getLong("duration_ms"),
      row.getString("thumbnail_type"), row.getInteger("thumbnail_width"), row.getInteger("thumbnail_height"),
      row.getString("rejection"), instant(row, "created_at"), instant(row, "ready_at"));
  }

  /** Where a client uploads the bytes of media {@code id}. */
  static String uploadKey(UUID id) {
    return "uploads/" + id;
  }

  /** Where S3 keeps them once sealed. */
  static String sealedKey(UUID id) {
    return "media/" + id;
  }

  /** Where a thumbnail of {@code type} is kept. */
  static String thumbnailKey(UUID id, String type) {
    return "thumbs/" + id + ("image/png".equals(type) ? ".png" : ".jpg");
  }

  boolean ready() {
    return READY.equals(status);
  }

  boolean pending() {
    return PENDING.equals(status);
  }

  String thumbnailKey() {
    return thumbnailType == null ? null : thumbnailKey(id, thumbnailType);
  }

  /**
   * The media as its API shows it: {@code {id, kind, status, contentType, size, fileName?, width?,
   * height?, durationMs?, thumbnail?:{contentType, width, height}, createdAt, readyAt?}}.
   */
  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("id", id.toString())
      .put("kind", kind.wire)
      .put("status", status)
      .put("contentType", contentType)
      .put("size", size)
      .put("createdAt", createdAt.toString());
    describe(json);
    if (thumbnailType != null) {
      json.put("thumbnail", new JsonObject().put("contentType", thumbnailType).put("width", thumbnailWidth)
        .put("height", thumbnailHeight));
    }
    putIfPresent(json, "readyAt", readyAt == null ? null : readyAt.toString());
    return json;
  }

  /**
   * What a message (or another service) stores about a ready media, all of it from the bytes or
   * the checked declaration: {@code {id, kind, contentType, size, fileName?, width?, height?,
   * durationMs?, thumbnail?:{width, height}}}.
   */
  JsonObject metadata() {
    JsonObject json = new JsonObject().put("id", id.toString()).put("kind", kind.wire).put("contentType", contentType)
      .put("size", size);
    describe(json);
    if (thumbnailType != null) {
      json.put("thumbnail", new JsonObject().put("width", thumbnailWidth).put("height", thumbnailHeight));
    }
    return json;
  }

  private void describe(JsonObject json) {
    putIfPresent(json, "fileName", fileName);
    putIfPresent(json, "width", width);
    putIfPresent(json, "height", height);
    putIfPresent(json, "durationMs", durationMs);
  }

  private static void putIfPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
