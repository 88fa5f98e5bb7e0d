package io.parley.chat;

import io.parley.chat.ChatListStore.Position;
import io.parley.shared.Address;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The requests about chats themselves, each read and validated from its bus message's body. */
final class ChatRequests {

  private ChatRequests() {
  }

  /**
   * {@link Address#CHAT_CREATE}: {@code {type:"direct", userId}} or
   * {@code {type, title, description?, public?, memberIds?}}.
   */
  sealed interface Create permits Direct, Group {
    static Create from(JsonObject body, ChatLimits limits) {
      ChatType type = ChatType.of(Fields.string(body, "type"));
      return type == ChatType.DIRECT ? new Direct(Fields.uuid(body, "userId")) : Group.from(type, body, limits);
    }
  }

  /** The direct chat with {@code userId}. */
  record Direct(UUID userId) implements Create {
  }

  /** A new group or channel; {@code memberIds} may name the creator, who is its owner anyway. */
  record Group(ChatType type, String title, String description, boolean isPublic, List<UUID> memberIds)
    implements Create {
    static Group from(ChatType type, JsonObject body, ChatLimits limits) {
      return new Group(type, validTitle(Fields.string(body, "title"), limits),
        validDescription(Fields.optionalString(body, "description"), limits),
        Boolean.TRUE.equals(Fields.optionalBoolean(body, "public")),
        body.getValue("memberIds") == null ? List.of() : Fields.uuids(body, "memberIds", 0, limits.maxMembersPerRequest()));
    }
  }

  /** {@link Address#CHAT_LIST}: a page of my chats, {@code {limit?, archived?, cursor?}}. */
  record ListPage(int limit, Boolean archived, Position after) {
    static ListPage from(JsonObject body) {
      return new ListPage(Fields.limit(body, 50, ChatLimits.MAX_PAGE), Fields.optionalBoolean(body, "archived"),
        Position.fromCursor(Fields.optionalString(body, "cursor")));
    }
  }

  /**
   * {@link Address#CHAT_UPDATE}: {@code {chatId, title?, description?, avatarMediaId?}}, at least one;
   * an explicit null {@code avatarMediaId} removes the avatar.
   */
  record InfoUpdate(UUID chatId, String title, String description, UUID avatar, boolean clearAvatar) {
    static InfoUpdate from(JsonObject body, ChatLimits limits) {
      InfoUpdate update = new InfoUpdate(Fields.chatId(body),
        body.containsKey("title") ? validTitle(Fields.string(body, "title"), limits) : null,
        validDescription(Fields.optionalString(body, "description"), limits),
        Fields.optionalUuid(body, "avatarMediaId"),
        body.containsKey("avatarMediaId") && body.getValue("avatarMediaId") == null);
      if (update.title == null && update.description == null && update.avatar == null && !update.clearAvatar) {
        throw Fields.invalid("title", "or description or avatarMediaId must be given");
      }
      return update;
    }

    /** The change's details: what changed, as the system message and event show it. */
    JsonObject data() {
      JsonObject data = new JsonObject().put("action", "updated");
      if (title != null) {
        data.put("title", title);
      }
      if (description != null) {
        data.put("description", description);
      }
      if (avatar != null || clearAvatar) {
        data.put("avatarMediaId", avatar == null ? null : avatar.toString());
      }
      return data;
    }
  }

  /** {@link Address#CHAT_SETTINGS}: my {@code {chatId, pinned?, archived?, mutedUntil?}}; a null mutedUntil unmutes. */
  record SettingsUpdate(UUID chatId, Boolean pinned, Boolean archived, boolean unmute, Instant mutedUntil) {
    static SettingsUpdate from(JsonObject body) {
      return new SettingsUpdate(Fields.chatId(body), Fields.optionalBoolean(body, "pinned"),
        Fields.optionalBoolean(body, "archived"), body.containsKey("mutedUntil") && body.getValue("mutedUntil") == null,
        Fields.optionalInstant(body, "mutedUntil"));
    }
  }

  /** {@link Address#CHAT_MEMBERS}: a page of a chat's members by user id, {@code {chatId, limit?, after?}}. */
  record MembersPage(UUID chatId, int limit, UUID after) {
    static MembersPage from(JsonObject body) {
      return new MembersPage(Fields.chatId(body), Fields.limit(body, 50, ChatLimits.MAX_PAGE),
        Fields.optionalUuid(body, "after"));
    }
  }

  private static String validTitle(String title, ChatLimits limits) {
    String stripped = title.strip();
    if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > limits.maxTitleLength()) {
      throw ChatErrors.INVALID_TITLE.exception("A title has 1 to " + limits.maxTitleLength() + " characters");
    }
    return MessageContent.storable(stripped, ChatErrors.INVALID_TITLE.exception("The title contains a NUL character"));
  }

  private static String validDescription(String description, ChatLimits limits) {
    if (description == null) {
      return null;
    }
    if (description.codePointCount(0, description.length()) > limits.maxDescriptionLength()) {
      throw ChatErrors.INVALID_DESCRIPTION.exception("A description has at most " + limits.maxDescriptionLength() + " characters");
    }
    return MessageContent.storable(description, ChatErrors.INVALID_DESCRIPTION.exception("The description contains a NUL character"));
  }
}
