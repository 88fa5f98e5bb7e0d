package io.parley.story;

import io.parley.shared.error.StoryErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who a story is for, as its author chose: {@code contacts} (all my contacts, the default),
 * {@code selected} (those of the listed people who are my contacts) or {@code contacts_except}
 * (my contacts but the listed ones). It is evaluated whenever the story is looked at, against the
 * author's contacts and blocks of that moment (the {@code story_viewers} view), never frozen at
 * posting: a contact removed later no longer sees it.
 */
record Audience(Type type, List<UUID> userIds) {

  enum Type {
    CONTACTS("contacts"), SELECTED("selected"), CONTACTS_EXCEPT("contacts_except");

    final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    static Type of(Object wire) {
      for (Type type : values()) {
        if (type.wire.equals(wire)) {
          return type;
        }
      }
      throw StoryErrors.INVALID_AUDIENCE.exception("audience.type is contacts, selected or contacts_except");
    }
  }

  static final Audience CONTACTS = new Audience(Type.CONTACTS, List.of());

  Audience {
    userIds = List.copyOf(userIds);
  }

  /** {@code audience:{type, userIds?}} of a new story; absent, all my contacts. */
  static Audience from(Object given, int maxIds) {
    if (given == null) {
      return CONTACTS;
    }
    if (!(given instanceof JsonObject audience)) {
      throw StoryRequests.invalid("audience", "audience must be an object {type, userIds?}");
    }
    Type type = Type.of(audience.getValue("type"));
    List<UUID> ids = ids(audience.getValue("userIds"));
    if (ids.size() > maxIds) {
      throw StoryErrors.INVALID_AUDIENCE.exception("An audience lists at most " + maxIds + " people");
    }
    if (type == Type.CONTACTS && !ids.isEmpty()) {
      throw StoryErrors.INVALID_AUDIENCE.exception("A contacts audience lists nobody: use selected or contacts_except");
    }
    if (type == Type.SELECTED && ids.isEmpty()) {
      throw StoryErrors.INVALID_AUDIENCE.exception("A selected audience lists at least one of your contacts");
    }
    return new Audience(type, ids);
  }

  private static List<UUID> ids(Object given) {
    if (given == null) {
      return List.of();
    }
    if (!(given instanceof JsonArray array)) {
      throw StoryRequests.invalid("audience.userIds", "audience.userIds must be an array of user ids");
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (Object id : array) {
      ids.add(StoryRequests.uuid(id, "audience.userIds"));
    }
    return List.copyOf(ids);
  }

  /** The author's view of it: {@code {type, userIds}}. */
  JsonObject toJson() {
    return new JsonObject().put("type", type.wire)
      .put("userIds", new JsonArray(userIds.stream().map(UUID::toString).toList()));
  }
}
