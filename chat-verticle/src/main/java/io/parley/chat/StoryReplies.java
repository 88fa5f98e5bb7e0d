package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import io.parley.shared.story.StoryClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/**
 * A reply to a story: a message in the direct chat with the story's author that quotes the story.
 * The story service says whether the sender may see the story now (else 404
 * {@code story.not_found}) and what it is; the quote stores that answer, never what the client
 * sent. Replying in any chat but the direct one with the author is 422
 * {@code message.invalid_story_reply}.
 */
final class StoryReplies {

  private final ChatStore chats;
  private final StoryClient stories;

  StoryReplies(ChatStore chats, StoryClient stories) {
    this.chats = chats;
    this.stories = stories;
  }

  /** The quote of story {@code storyId} for my message in {@code membership}'s chat. */
  Future<JsonObject> quote(SqlClient client, Membership membership, UUID me, UUID storyId) {
    if (membership.type() != ChatType.DIRECT) {
      return Future.failedFuture(notHere());
    }
    return stories.reference(me, storyId).compose(story -> {
      UUID author = UUID.fromString(story.getString("authorId"));
      if (author.equals(me)) {
        return Future.failedFuture(notHere());
      }
      return chats.memberIds(client, membership.chatId()).compose(members -> members.contains(author)
        ? Future.succeededFuture(quoteOf(story))
        : Future.failedFuture(notHere()));
    });
  }

  /** What a reply shows of the story: {@code {id, authorId, kind, media?, text?, background?, caption?, expiresAt}}. */
  private static JsonObject quoteOf(JsonObject story) {
    JsonObject quote = story.copy();
    quote.remove("createdAt");
    quote.remove("seen");
    return quote;
  }

  private static RuntimeException notHere() {
    return ChatErrors.INVALID_STORY_REPLY.exception("A story reply goes to the direct chat with the story's author");
  }
}
