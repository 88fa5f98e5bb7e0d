package io.parley.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.infra.Connections;
import io.parley.shared.presence.ChatInterest;
import io.parley.testkit.FreePorts;
import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node's claims in the real Redis: written before the claim completes (the gateway answers a
 * client's authentication only then), withdrawn when the chat's last member leaves, written again
 * when Redis loses them, and a claim Redis cannot take fails (the gateway refuses that client)
 * without being remembered as made.
 */
class NodeInterestTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private Vertx vertx;
  private Redis redis;
  private final String nodeId = UUID.randomUUID().toString();
  /** The chats with a member on this node, as the router's index would say. */
  private final Set<String> held = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    redis = Connections.redis(vertx, TestBackends.config());
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aClaimIsInRedisWhenItCompletesAndIsWithdrawnWhenTheChatsLastMemberLeaves() {
    NodeInterest interest = new NodeInterest(vertx, redis, nodeId, held::contains, () -> Set.copyOf(held));
    String chat = UUID.randomUUID().toString();
    held.add(chat);

    within(interest.claim(chat));

    assertThat(claimants(chat)).containsExactly(nodeId);
    assertThat(interest.claim(chat).isComplete()).as("a chat claimed before costs the next member nothing").isTrue();

    held.remove(chat);
    interest.release(chat);
    Poll.until(() -> claimants(chat).isEmpty(), WAIT);
  }

  @Test
  void claimsARestartedRedisLostAreWrittenAgainWithinSeconds() {
    NodeInterest interest = new NodeInterest(vertx, redis, nodeId, held::contains, () -> Set.copyOf(held));
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    held.addAll(List.of(first, second));
    within(interest.claim(first));
    within(interest.claim(second));
    // The node's marker is written by its first check, a second after start.
    Poll.until(() -> exists(ChatInterest.nodeKey(nodeId)), WAIT);

    // What a Redis restarted without its data looks like to this node: its keys are gone.
    redis.send(Request.cmd(Command.DEL).arg(ChatInterest.key(first)).arg(ChatInterest.key(second))
      .arg(ChatInterest.nodeKey(nodeId))).await();

    Poll.until(() -> claimants(first).contains(nodeId) && claimants(second).contains(nodeId), WAIT);
  }

  @Test
  void aClaimRedisCannotTakeFailsAndIsTriedAgainByTheNextMember() {
    // Nobody listens on this port: every write is refused.
    Redis down = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + FreePorts.next()));
    NodeInterest interest = new NodeInterest(vertx, down, nodeId, held::contains, () -> Set.copyOf(held));
    String chat = UUID.randomUUID().toString();
    held.add(chat);

    assertThatThrownBy(() -> within(interest.claim(chat))).hasMessageNotContaining("Timeout");
    assertThatThrownBy(() -> within(interest.claim(chat))).as("the failed claim is not taken as written")
      .hasMessageNotContaining("Timeout");
  }

  private static void within(Future<Void> claim) {
    claim.timeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).await();
  }

  private List<String> claimants(String chat) {
    return ChatInterest.nodesOf(redis, List.of(chat), System.currentTimeMillis(), Set.of(nodeId)).await().get(chat);
  }

  private boolean exists(String key) {
    Response reply = redis.send(Request.cmd(Command.EXISTS).arg(key)).await();
    return reply.toLong() == 1;
  }
}
