package io.parley.chat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The chat service's configurable limits, read from the {@code chat} section of the node
 * configuration through {@link ConfigKeys} (so each can be set by a {@code PARLEY_CHAT_...}
 * environment variable). The defaults below are also the ones in {@code conf/parley.json}. Every
 * limit is enforced with a clear error code.
 *
 * @param maxTextLength        characters (code points) of a text message ({@code chat.maxTextLength})
 * @param maxCaptionLength     characters of a media caption ({@code chat.maxCaptionLength})
 * @param maxTitleLength       characters of a group or channel title ({@code chat.maxTitleLength})
 * @param maxDescriptionLength characters of a description ({@code chat.maxDescriptionLength})
 * @param maxGroupMembers      members of a group ({@code chat.maxGroupMembers})
 * @param maxChannelMembers    members of a channel ({@code chat.maxChannelMembers})
 * @param maxMembersPerRequest ids in one create or add request ({@code chat.maxMembersPerRequest})
 * @param maxPinnedChats       chats one member may pin ({@code chat.maxPinnedChats})
 * @param maxLiveLocation      longest live-location sharing ({@code chat.maxLiveLocationSeconds})
 * @param sendLimit            messages one user may send per window, cluster-wide ({@code chat.sendRate.limit})
 * @param sendWindow           that window ({@code chat.sendRate.windowSeconds})
 */
public record ChatLimits(int maxTextLength, int maxCaptionLength, int maxTitleLength, int maxDescriptionLength,
                         int maxGroupMembers, int maxChannelMembers, int maxMembersPerRequest, int maxPinnedChats,
                         Duration maxLiveLocation, int sendLimit, Duration sendWindow) {

  /** Largest page of history, members or chats. */
  public static final int MAX_PAGE = 100;
  /** Largest page of sync events. */
  public static final int MAX_SYNC_PAGE = 1000;

  public static ChatLimits from(JsonObject config) {
    return new ChatLimits(
      Config.integer(config, ConfigKeys.CHAT_MAX_TEXT_LENGTH, 4096),
      Config.integer(config, ConfigKeys.CHAT_MAX_CAPTION_LENGTH, 1024),
      Config.integer(config, ConfigKeys.CHAT_MAX_TITLE_LENGTH, 128),
      Config.integer(config, ConfigKeys.CHAT_MAX_DESCRIPTION_LENGTH, 1024),
      Config.integer(config, ConfigKeys.CHAT_MAX_GROUP_MEMBERS, 1000),
      Config.integer(config, ConfigKeys.CHAT_MAX_CHANNEL_MEMBERS, 200_000),
      Config.integer(config, ConfigKeys.CHAT_MAX_MEMBERS_PER_REQUEST, 100),
      Config.integer(config, ConfigKeys.CHAT_MAX_PINNED_CHATS, 10),
      Duration.ofSeconds(Config.integer(config, ConfigKeys.CHAT_MAX_LIVE_LOCATION_SECONDS, 8 * 3600)),
      Config.integer(config, ConfigKeys.CHAT_SEND_RATE_LIMIT, 30),
      Duration.ofSeconds(Config.integer(config, ConfigKeys.CHAT_SEND_RATE_WINDOW, 10)));
  }

  int maxMembers(ChatType type) {
    return switch (type) {
      case DIRECT -> 2;
      case GROUP -> maxGroupMembers;
      case CHANNEL -> maxChannelMembers;
    };
  }
}
