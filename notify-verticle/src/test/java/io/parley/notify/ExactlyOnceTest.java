package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.notify.NotifyFixture.Person;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.Poll;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each event is applied once per recipient, whatever Kafka delivers twice: after the group is
 * rewound over everything it applied (a crash after the effects, before the commit), after a
 * consumer is stopped in the middle of its batches, and with two nodes sharing the partitions
 * while one of them leaves. Recipients have no browsers here, so the stored notifications alone
 * show it: one row per recipient and chat whose count is the number of messages, and one
 * "added" row per recipient and group.
 */
class ExactlyOnceTest {

  private static final int MESSAGES_PER_GROUP = 4;
  // Small batches: many commits, so a stop lands between them.
  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().config(ConfigKeys.NOTIFY_BATCH_SIZE, 10).build();
  private static KafkaGroup group;

  @BeforeAll
  static void watchTheGroup() {
    group = fixture.closing(new KafkaGroup(fixture.config()));
  }

  /** A group of three and what it was sent. */
  private record Scene(UUID chat, Person sender, List<Person> recipients) {
  }

  @Test
  void aRewoundGroupReadsEverythingAgainAndChangesNothing() throws Exception {
    List<Scene> scenes = groups(20);
    send(scenes);
    awaitExactly(scenes);

    fixture.stopNotify();
    group.rewindToStart();
    assertThat(group.lag()).isPositive();
    fixture.startNotify();

    Poll.until(() -> caughtUp(), NotifyFixture.WAIT);
    assertExactly(scenes);
    // Each message and each "added" of these groups was read again and found applied.
    assertThat(fixture.notifyService().metrics().replayed()).isGreaterThanOrEqualTo(scenes.size() * (MESSAGES_PER_GROUP + 1L));
  }

  @Test
  void aConsumerStoppedInTheMiddleOfItsBatchesLosesAndRepeatsNothing() throws Exception {
    List<Scene> scenes = groups(20);
    fixture.stopNotify();
    send(scenes);
    fixture.startNotify();
    long expected = scenes.size() * 2L * MESSAGES_PER_GROUP;
    Poll.until(() -> storedMessages(scenes) > 0, NotifyFixture.WAIT);
    fixture.stopNotify();
    assertThat(storedMessages(scenes)).as("stopped before the end").isLessThan(expected);

    fixture.startNotify();
    awaitExactly(scenes);
    Poll.until(() -> caughtUp(), NotifyFixture.WAIT);
    assertExactly(scenes);
  }

  @Test
  void twoNodesShareThePartitionsAndOneLeavingInTheMiddleLosesAndRepeatsNothing() throws Exception {
    Vertx secondNode = Vertx.vertx();
    try {
      NotifyVerticle second = new NotifyVerticle();
      String deployment = secondNode.deployVerticle(second, new DeploymentOptions().setConfig(fixture.config())).await();
      Poll.until(() -> !second.consumer().assigned().isEmpty() && !fixture.notifyService().consumer().assigned().isEmpty(),
        NotifyFixture.WAIT);
      assertThat(second.consumer().assigned()).doesNotContainAnyElementsOf(fixture.notifyService().consumer().assigned());

      List<Scene> scenes = groups(24);
      send(scenes);
      Poll.until(() -> storedMessages(scenes) > 0, NotifyFixture.WAIT);
      secondNode.undeploy(deployment).await();

      awaitExactly(scenes);
      Poll.until(() -> caughtUp(), NotifyFixture.WAIT);
      assertExactly(scenes);
    } finally {
      secondNode.close().await();
    }
  }

  // ---- helpers ----

  private static List<Scene> groups(int count) {
    List<Scene> scenes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Person sender = fixture.person("Sender");
      Person first = fixture.person("Rita");
      Person second = fixture.person("Raj");
      scenes.add(new Scene(fixture.group(sender, first, second), sender, List.of(first, second)));
    }
    return scenes;
  }

  private static void send(List<Scene> scenes) {
    for (int message = 1; message <= MESSAGES_PER_GROUP; message++) {
      for (Scene scene : scenes) {
        fixture.send(scene.sender(), scene.chat(), "message " + message);
      }
    }
  }

  /** Per recipient and chat: the count of the message row, and the number of "added" rows. */
  private static Map<String, long[]> stored(List<Scene> scenes) {
    UUID[] chats = scenes.stream().map(Scene::chat).toArray(UUID[]::new);
    Map<String, long[]> found = new HashMap<>();
    for (Row row : fixture.pool.preparedQuery("""
        SELECT user_id, chat_id, type, count FROM notifications WHERE chat_id = ANY($1)""")
      .execute(Tuple.of((Object) chats)).await()) {
      long[] counts = found.computeIfAbsent(row.getUUID("user_id") + "/" + row.getUUID("chat_id"), key -> new long[3]);
      if (row.getString("type").equals("added")) {
        counts[1]++;
      } else {
        counts[0] += row.getInteger("count");
        counts[2]++;
      }
    }
    return found;
  }

  private static long storedMessages(List<Scene> scenes) {
    return stored(scenes).values().stream().mapToLong(counts -> counts[0]).sum();
  }

  private static void awaitExactly(List<Scene> scenes) {
    long expected = scenes.size() * 2L * MESSAGES_PER_GROUP;
    Poll.until(() -> storedMessages(scenes) >= expected, NotifyFixture.WAIT);
  }

  private static void assertExactly(List<Scene> scenes) {
    Map<String, long[]> found = stored(scenes);
    for (Scene scene : scenes) {
      for (Person recipient : scene.recipients()) {
        long[] counts = found.get(recipient.id() + "/" + scene.chat());
        assertThat(counts).as("stored for a recipient").isNotNull();
        assertThat(counts[0]).as("messages counted").isEqualTo(MESSAGES_PER_GROUP);
        assertThat(counts[2]).as("message rows").isEqualTo(1);
        assertThat(counts[1]).as("added rows").isEqualTo(1);
      }
      assertThat(found.get(scene.sender().id() + "/" + scene.chat())).as("the sender").isNull();
    }
  }

  private static boolean caughtUp() {
    try {
      return group.lag() == 0;
    } catch (Exception notYet) {
      return false;
    }
  }
}
