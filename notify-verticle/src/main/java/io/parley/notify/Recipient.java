package io.parley.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A member who may be told about something in a chat, with everything the rules need about them.
 *
 * @param mode           the chat's notification setting for them (ALL without a setting)
 * @param mutedUntil     their notification mute of the chat, or null
 * @param chatMutedUntil their mute from the chat's own settings (the chat list's mute), or null
 * @param hidePreviews   no message text for this chat, or for all of their chats
 * @param reactions      whether they want to hear of reactions to their messages
 */
record Recipient(UUID userId, Mode mode, Instant mutedUntil, Instant chatMutedUntil, boolean hidePreviews,
                 boolean reactions) {

  boolean mutedAt(Instant now) {
    return mutedUntil != null && mutedUntil.isAfter(now) || chatMutedUntil != null && chatMutedUntil.isAfter(now);
  }
}
