package io.parley.story;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** Who posted or viewed a story, as a list shows them. */
record Person(UUID id, String username, String displayName, UUID avatarMediaId) {

  /** The columns {@link #from(Row, String)} reads, for a query aliasing users as {@code alias}. */
  static String columns(String alias, String prefix) {
    return ("%1$s.id AS %2$sid, %1$s.username::text AS %2$susername, %1$s.display_name AS %2$sdisplay_name, "
      + "%1$s.avatar_media_id AS %2$savatar_media_id").formatted(alias, prefix);
  }

  static Person from(Row row, String prefix) {
    return new Person(row.getUUID(prefix + "id"), row.getString(prefix + "username"),
      row.getString(prefix + "display_name"), row.getUUID(prefix + "avatar_media_id"));
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("username", username)
      .put("displayName", displayName)
      .put("avatarMediaId", avatarMediaId == null ? null : avatarMediaId.toString());
  }
}
