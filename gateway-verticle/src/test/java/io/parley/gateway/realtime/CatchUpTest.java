package io.parley.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.testkit.Poll;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member who joins a chat on a node that did not route it yet gets the chat's changes after
 * the join exactly once and in order, whether they came live or had to be fetched; nothing from
 * before their own join. The chat service is played by a consumer answering the changes fetch.
 */
class CatchUpTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String CHAT = "chat-1";

  private Vertx vertx;
  private final Map<String, List<Long>> given = new ConcurrentHashMap<>();
  private final List<JsonObject> fetches = new CopyOnWriteArrayList<>();
  private CatchUp catchUp;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    catchUp = new CatchUp(vertx, this::record);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void changesRoutedBeforeTheClaimAreFetchedAndEachIsGivenOnceInOrder() {
    answerChangesWith(6, 7);
    Promise<Void> claim = Promise.promise();
    catchUp.joined(CHAT, List.of("dave"), 5, claim.future(), new DeliveryOptions());

    // Seq 7 arrives live while the claim is being written: it waits, behind the missed 6.
    assertThat(catchUp.intercept(CHAT, 7, frame(7))).containsExactly("dave");
    claim.complete();
    Poll.until(() -> given.getOrDefault("dave", List.of()).size() == 2, WAIT);

    assertThat(fetches).singleElement().satisfies(fetch -> assertThat(fetch.getLong("after")).isEqualTo(5L));
    assertThat(given.get("dave")).containsExactly(6L, 7L);
    assertThat(catchUp.intercept(CHAT, 7, frame(7))).as("a late live copy of 7").containsExactly("dave");
    assertThat(catchUp.intercept(CHAT, 8, frame(8))).as("8 is new: delivered as usual").isEmpty();
  }

  @Test
  void aSecondJoinerGetsNothingFromBeforeTheirOwnJoin() {
    answerChangesWith(6, 7, 8);
    Promise<Void> claim = Promise.promise();
    catchUp.joined(CHAT, List.of("dave"), 5, claim.future(), new DeliveryOptions());
    catchUp.joined(CHAT, List.of("erin"), 7, claim.future(), new DeliveryOptions());
    claim.complete();
    Poll.until(() -> given.getOrDefault("dave", List.of()).size() == 3, WAIT);

    assertThat(given.get("dave")).containsExactly(6L, 7L, 8L);
    assertThat(given.get("erin")).containsExactly(8L);
    assertThat(fetches).as("one fetch serves both joiners").hasSize(1);
  }

  @Test
  void membersWhoWereThereBeforeAreNotHeld() {
    answerChangesWith();
    catchUp.joined(CHAT, List.of("dave"), 5, Promise.<Void>promise().future(), new DeliveryOptions());

    assertThat(catchUp.intercept(CHAT, 6, frame(6))).containsExactly("dave");
    assertThat(catchUp.intercept("another-chat", 6, frame(6))).isEmpty();
  }

  @Test
  void whenTheFetchFailsTheHeldEventsAreStillGiven() {
    // No chat service answers: the fetch fails, and what was held goes out in order.
    Promise<Void> claim = Promise.promise();
    catchUp.joined(CHAT, List.of("dave"), 5, claim.future(), new DeliveryOptions());
    catchUp.intercept(CHAT, 8, frame(8));
    catchUp.intercept(CHAT, 7, frame(7));
    claim.complete();
    Poll.until(() -> given.getOrDefault("dave", List.of()).size() == 2, WAIT);

    assertThat(given.get("dave")).containsExactly(7L, 8L);
  }

  private void answerChangesWith(long... seqs) {
    vertx.eventBus().<JsonObject>consumer(Address.CHAT_CHANGES, request -> {
      fetches.add(request.body());
      JsonArray events = new JsonArray();
      for (long seq : seqs) {
        events.add(change(seq));
      }
      request.reply(new JsonObject().put("chatId", CHAT).put("events", events));
    }).completion().await();
  }

  private void record(Collection<String> users, Buffer frame) {
    long seq = frame.toJsonObject().getJsonObject("body").getJsonObject("payload").getLong("seq");
    users.forEach(user -> given.computeIfAbsent(user, id -> new CopyOnWriteArrayList<>()).add(seq));
  }

  private static JsonObject change(long seq) {
    return new JsonObject().put("chatId", CHAT).put("seq", seq).put("type", "message.sent").put("time", "2026-12-02T00:00:00Z");
  }

  private static Buffer frame(long seq) {
    return Frames.received(Address.CLIENT_EVENTS, new JsonObject().put("type", "message.sent").put("aggregateId", CHAT)
      .put("payload", change(seq).put("audience", "members")));
  }
}
