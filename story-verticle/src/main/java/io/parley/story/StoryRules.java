package io.parley.story;

import io.parley.shared.error.StoryErrors;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * The rules of stories that do not need the database, proved by {@code StoryRulesTest}. Who is
 * in an audience is not here: it is one SQL view ({@code story_viewers}), as the feed, the checks
 * of one story, the live events and media downloads all need it set-wise.
 */
final class StoryRules {

  private StoryRules() {
  }

  /** A story posted at {@code postedAt} lives exactly {@code ttl}: until this instant, excluded. */
  static Instant expiry(Instant postedAt, Duration ttl) {
    return postedAt.plus(ttl);
  }

  /** Whether a story is still there at {@code now}: up to, not including, its expiry. */
  static boolean activeAt(Story story, Instant now) {
    return now.isBefore(story.expiresAt());
  }

  /** One more story for an author with {@code active} ones still living; 429 {@code story.too_many_active} past the cap. */
  static void requireRoom(long active, int max) {
    if (active >= max) {
      throw StoryErrors.TOO_MANY_ACTIVE.exception("You have " + max + " stories up already: delete one or wait for one"
        + " to expire");
    }
  }

  /** A {@code selected} audience names only my contacts; the first who is not one is refused. */
  static void requireContacts(Audience audience, Collection<UUID> contactsAmongListed) {
    if (audience.type() != Audience.Type.SELECTED) {
      return;
    }
    for (UUID listed : audience.userIds()) {
      if (!contactsAmongListed.contains(listed)) {
        throw StoryErrors.NOT_A_CONTACT.exception("A story goes only to your contacts; this person is not one (or a block"
          + " stands between you)", new JsonObject().put("userId", listed.toString()));
      }
    }
  }

  /** Only its author sees a story's viewers and deletes it. */
  static boolean isAuthor(Story story, UUID me) {
    return story.authorId().equals(me);
  }

  /** Looking at my own story is no view of it. */
  static boolean countsAsView(Story story, UUID viewer) {
    return !isAuthor(story, viewer);
  }
}
