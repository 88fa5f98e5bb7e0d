package io.parley.media;

/**
 * Everything that references a media, as SQL over the other services' tables (one database):
 * who may download a media, and whether it is still needed, both follow from these. A message
 * references its media in {@code messages.media ->> 'id'} (a message deleted for everyone no
 * longer does: its content is gone), a profile and a chat in {@code avatar_media_id}.
 *
 * A story references its media in {@code stories.media_id}, seen by the story's audience (the
 * story service's {@code story_viewers} view) until it expires, and kept while the row exists
 * (the story service's expiry job deletes it, then asks for the media's release).
 *
 * <p>This is the one place a new kind of reference is added: one more term of {@link #visible}
 * and {@link #REFERENCED} (and an index on that column).
 */
final class MediaReferences {

  /** A message in a chat, with {@code $viewer} an active member of it. */
  private static final String VISIBLE_IN_CHAT = """
      EXISTS (SELECT 1 FROM messages msg
              JOIN chat_members cm ON cm.chat_id = msg.chat_id AND cm.user_id = %1$s AND cm.left_at IS NULL
              WHERE msg.media IS NOT NULL AND msg.media ->> 'id' = m.id::text)""";
  /** A profile picture: anyone signed in sees it. */
  private static final String USER_AVATAR = """
      EXISTS (SELECT 1 FROM users u WHERE u.avatar_media_id = m.id AND u.deleted_at IS NULL)""";
  /** A group's or channel's picture: its members, or anyone for a public one. */
  private static final String VISIBLE_CHAT_AVATAR = """
      EXISTS (SELECT 1 FROM chats c WHERE c.avatar_media_id = m.id
              AND (c.is_public OR EXISTS (SELECT 1 FROM chat_members cm
                                          WHERE cm.chat_id = c.id AND cm.user_id = %1$s AND cm.left_at IS NULL)))""";

  /**
   * A story's photo or video: its author and its audience, until it expires at {@code $now} (the
   * service's clock: gone at that instant, whether or not the expiry job has run yet).
   */
  private static final String VISIBLE_IN_STORY = """
      EXISTS (SELECT 1 FROM stories s WHERE s.media_id = m.id AND s.expires_at > %2$s
              AND (s.author_id = %1$s OR EXISTS (SELECT 1 FROM story_viewers sv
                                                 WHERE sv.story_id = s.id AND sv.viewer_id = %1$s)))""";

  /**
   * Whether the user bound as {@code viewerParameter} may see media {@code m} at the time bound as
   * {@code nowParameter} through a reference (its uploader always may; that is checked beside this).
   */
  static String visible(String viewerParameter, String nowParameter) {
    return "(" + String.join("\n OR ", VISIBLE_IN_CHAT.formatted(viewerParameter), USER_AVATAR,
      VISIBLE_CHAT_AVATAR.formatted(viewerParameter), VISIBLE_IN_STORY.formatted(viewerParameter, nowParameter)) + ")";
  }

  /** Whether anything references media {@code m}: while it does, the orphan job keeps it. */
  static final String REFERENCED = "(" + String.join("\n OR ",
    "EXISTS (SELECT 1 FROM messages msg WHERE msg.media IS NOT NULL AND msg.media ->> 'id' = m.id::text)",
    USER_AVATAR,
    "EXISTS (SELECT 1 FROM chats c WHERE c.avatar_media_id = m.id)",
    "EXISTS (SELECT 1 FROM stories s WHERE s.media_id = m.id)") + ")";

  private MediaReferences() {
  }
}
