package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PublicChatsTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  /** A word no other test's titles contain. */
  private static String marker() {
    return "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static UUID create(User owner, String type, String title, boolean isPublic, User... members) {
    return UUID.fromString(fixture.call(owner, Address.CHAT_CREATE, new JsonObject().put("type", type).put("title", title)
      .put("public", isPublic).put("memberIds", ChatFixture.ids(members))).getString("id"));
  }

  private static JsonArray search(User user, JsonObject query) {
    return fixture.call(user, Address.CHAT_PUBLIC_SEARCH, query).getJsonArray("items");
  }

  @Test
  void publicGroupsAndChannelsAreFoundByAnyPartOfTheirTitleAndPrivateOnesNever() {
    User owner = fixture.user("owner");
    User seeker = fixture.user("seeker");
    String word = marker();
    UUID group = create(owner, "group", "Friends of " + word.toUpperCase() + " trains", true);
    UUID channel = create(owner, "channel", word + " news", true, fixture.user("reader"));
    create(owner, "group", "secret " + word, false);

    JsonArray found = search(seeker, new JsonObject().put("q", word.substring(2, 9)));

    assertThat(found.stream().map(item -> ((JsonObject) item).getString("id")))
      .containsExactly(channel.toString(), group.toString());
    JsonObject first = found.getJsonObject(0);
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("id", "type", "title", "description", "avatarMediaId",
      "memberCount", "joined");
    assertThat(first.getInteger("memberCount")).isEqualTo(2);
    assertThat(first.getBoolean("joined")).isFalse();

    fixture.call(seeker, Address.CHAT_JOIN, chat(group));
    assertThat(search(seeker, new JsonObject().put("q", word)).getJsonObject(1).getBoolean("joined")).isTrue();
  }

  @Test
  void resultsArePagedMostMembersFirst() {
    User owner = fixture.user("owner");
    String word = marker();
    List<String> expected = new ArrayList<>();
    for (int size = 5; size >= 1; size--) {
      User[] members = new User[size - 1];
      for (int i = 0; i < members.length; i++) {
        members[i] = fixture.user("m");
      }
      expected.add(create(owner, "group", word + " size " + size, true, members).toString());
    }

    List<String> seen = new ArrayList<>();
    JsonObject query = new JsonObject().put("q", word).put("limit", 2);
    while (true) {
      JsonObject page = fixture.call(owner, Address.CHAT_PUBLIC_SEARCH, query);
      page.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("id")));
      if (page.getString("nextCursor") == null) {
        break;
      }
      query.put("cursor", page.getString("nextCursor"));
    }

    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void wildcardsInTheQueryMatchThemselves() {
    User owner = fixture.user("owner");
    String word = marker();
    UUID percent = create(owner, "group", word + " 100% done", true);
    create(owner, "group", word + " 1000 done", true);
    UUID underscore = create(owner, "group", word + " a_b", true);
    create(owner, "group", word + " axb", true);

    assertThat(search(owner, new JsonObject().put("q", word + " 100%")).stream().map(item -> ((JsonObject) item).getString("id")))
      .containsExactly(percent.toString());
    assertThat(search(owner, new JsonObject().put("q", word + " a_b")).stream().map(item -> ((JsonObject) item).getString("id")))
      .containsExactly(underscore.toString());
  }

  @Test
  void badQueriesAreRefused() {
    User user = fixture.user("user");
    fixture.assertRefused(user, Address.CHAT_PUBLIC_SEARCH, new JsonObject(), "request.invalid_parameter", 400);
    fixture.assertRefused(user, Address.CHAT_PUBLIC_SEARCH, new JsonObject().put("q", "  "), "request.invalid_parameter", 400);
    fixture.assertRefused(user, Address.CHAT_PUBLIC_SEARCH, new JsonObject().put("q", "x".repeat(201)), "request.invalid_parameter", 400);
    fixture.assertRefused(user, Address.CHAT_PUBLIC_SEARCH, new JsonObject().put("q", "x").put("cursor", "%%%"),
      "request.invalid_parameter", 400);
    fixture.assertRefused(user, Address.CHAT_PUBLIC_SEARCH, new JsonObject().put("q", "x").put("limit", 101),
      "request.invalid_parameter", 400);
  }

  @Test
  void theTitleSearchIsAnsweredByTheTrigramIndexOfPublicTitles() {
    // With sequential scans priced out, the plan shows whether the index can answer the query at all.
    List<String> plan = fixture.pool().withTransaction(tx -> tx.query("SET LOCAL enable_seqscan = off").execute()
        .compose(off -> tx.query("EXPLAIN SELECT id FROM chats c WHERE c.is_public AND c.title ILIKE '%trains%'").execute()))
      .await().stream().map((Row row) -> row.getString(0)).toList();

    assertThat(String.join("\n", plan)).contains("chats_public_title");
  }
}
