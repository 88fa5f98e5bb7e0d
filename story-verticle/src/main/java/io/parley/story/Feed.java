package io.parley.story;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the feed is laid out, from the stories one person may see: grouped by author; my own group
 * first; then authors with a story I have not seen, then the rest, each part by its newest story
 * first. Within a group the stories are in posting order (the order they are watched in), each
 * with whether I saw it.
 */
final class Feed {

  /** Someone else's story as I see it. */
  record Seen(Story story, Person author, boolean seen) {
  }

  /** One of my own stories, with how many have viewed it. */
  record Mine(Story story, long views) {
  }

  private Feed() {
  }

  /** {@code {items:[{author, stories:[…], unseen, latestAt}]}}. */
  static JsonObject of(Person me, List<Mine> mine, List<Seen> others) {
    List<JsonObject> items = new ArrayList<>();
    if (!mine.isEmpty()) {
      List<Mine> ordered = mine.stream().sorted(Comparator.comparing((Mine own) -> own.story().createdAt())).toList();
      items.add(group(me, ordered.stream().map(own -> own.story().toAuthorJson(own.views())).toList(), 0,
        ordered.get(ordered.size() - 1).story().createdAt()));
    }
    Map<UUID, List<Seen>> byAuthor = new LinkedHashMap<>();
    others.stream().sorted(Comparator.comparing((Seen seen) -> seen.story().createdAt()))
      .forEach(seen -> byAuthor.computeIfAbsent(seen.author().id(), id -> new ArrayList<>()).add(seen));
    byAuthor.values().stream()
      .sorted(Comparator.comparing((List<Seen> group) -> group.stream().allMatch(Seen::seen))
        .thenComparing(group -> group.get(group.size() - 1).story().createdAt(), Comparator.reverseOrder())
        .thenComparing(group -> group.get(0).author().id()))
      .forEach(group -> items.add(group(group.get(0).author(),
        group.stream().map(seen -> seen.story().toJson().put("seen", seen.seen())).toList(),
        group.stream().filter(seen -> !seen.seen()).count(),
        group.get(group.size() - 1).story().createdAt())));
    return new JsonObject().put("items", new JsonArray(items));
  }

  private static JsonObject group(Person author, List<JsonObject> stories, long unseen, Instant latestAt) {
    return new JsonObject()
      .put("author", author.toJson())
      .put("stories", new JsonArray(stories))
      .put("unseen", unseen)
      .put("latestAt", latestAt.toString());
  }
}
