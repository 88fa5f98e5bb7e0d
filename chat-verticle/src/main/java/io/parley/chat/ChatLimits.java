package io.parley.chat;

import io.parley.shared.config.Config;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The chat service's configurable limits, read from the {@code chat} section of the node
 * configuration (defaults below). Every limit is enforced with a clear error code.
 *
 * @param maxTextLength        characters (code points) of a text message ({@code chat.maxTextLength})
 * @param maxCaptionLength     characters of a media caption ({@code chat.maxCaptionLength})
 * @param maxTitleLength       characters of a group or channel title ({@code chat.maxTitleLength})
 * @param maxDescriptionLength characters of a description ({@code chat.maxDescriptionLength})
 * @param maxGroupMembers      members of a group ({@code chat.maxGroupMembers})
 * @param maxChannelMembers    members of a channel ({@code chat.maxChannelMembers})
 * @param maxMembersPerRequest ids in one create or add request ({@code chat.maxMembersPerRequest})
 * @param maxPinnedChats       chats one member may pin ({@code chat.maxPinnedChats})
 * @param maxMediaBytes        size a media reference may declare ({@code chat.maxMediaBytes})
 * @param sendLimit            messages one user may send per window, cluster-wide ({@code chat.sendRate.limit})
 * @param sendWindow           that window ({@code chat.sendRate.windowSeconds})
 */
public record ChatLimits(int maxTextLength, int maxCaptionLength, int maxTitleLength, int maxDescriptionLength,
                         int maxGroupMembers, int maxChannelMembers, int maxMembersPerRequest, int maxPinnedChats,
                         long maxMediaBytes, int sendLimit, Duration sendWindow) {

  /** Largest page of history, members or chats. */
  public static final int MAX_PAGE = 100;
  /** Largest page of sync events. */
  public static final int MAX_SYNC_PAGE = 1000;

  public static ChatLimits from(JsonObject config) {
    return new ChatLimits(
      Config.integer(config, "chat.maxTextLength", 4096),
      Config.integer(config, "chat.maxCaptionLength", 1024),
      Config.integer(config, "chat.maxTitleLength", 128),
      Config.integer(config, "chat.maxDescriptionLength", 1024),
      Config.integer(config, "chat.maxGroupMembers", 1000),
      Config.integer(config, "chat.maxChannelMembers", 200_000),
      Config.integer(config, "chat.maxMembersPerRequest", 100),
      Config.integer(config, "chat.maxPinnedChats", 10),
      Config.longValue(config, "chat.maxMediaBytes", 2L * 1024 * 1024 * 1024),
      Config.integer(config, "chat.sendRate.limit", 30),
      Duration.ofSeconds(Config.integer(config, "chat.sendRate.windowSeconds", 10)));
  }

  int maxMembers(ChatType type) {
    return switch (type) {
      case DIRECT -> 2;
      case GROUP -> maxGroupMembers;
      case CHANNEL -> maxChannelMembers;
    };
  }
}
