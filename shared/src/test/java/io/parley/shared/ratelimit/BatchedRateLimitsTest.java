package io.parley.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.shared.error.ParleyException;
import io.parley.shared.infra.Connections;
import io.parley.testkit.FreePorts;
import io.parley.testkit.TestBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hit costs no Redis round trip, the limit holds on one node with Redis gone, and nodes learn
 * each other's hits from their batches.
 */
class BatchedRateLimitsTest {

  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static Redis redis;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = Connections.redis(vertx, TestBackends.config());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aNodeHoldsTheLimitAtOnceWithoutWaitingForRedisAndWhileRedisIsGone() {
    Redis nowhere = Redis.createClient(vertx, "redis://127.0.0.1:" + FreePorts.next());
    TestClock clock = new TestClock();
    BatchedRateLimits limits = new BatchedRateLimits(nowhere, new SimpleMeterRegistry(), clock);
    String subject = UUID.randomUUID().toString();

    for (int hit = 0; hit < 5; hit++) {
      Future<Void> allowed = limits.acquire("test.send", subject, 5, WINDOW);
      assertThat(allowed.succeeded()).as("hit " + hit + ", answered at once").isTrue();
    }
    limits.flush().await();
    clock.advance(Duration.ofSeconds(4));
    Future<Void> refused = limits.acquire("test.send", subject, 5, WINDOW);

    assertThat(refused.failed()).as("the hits still count after a flush Redis never took").isTrue();
    ParleyException refusal = (ParleyException) refused.cause();
    assertThat(refusal.errorCode().code()).isEqualTo("request.rate_limited");
    assertThat(refusal.errorCode().status()).isEqualTo(429);
    assertThat(refusal.details().getLong("retryAfterSeconds")).isEqualTo(6);
    assertThat(limits.acquire("test.send", UUID.randomUUID().toString(), 5, WINDOW).succeeded())
      .as("another subject").isTrue();

    clock.advance(Duration.ofSeconds(6));
    assertThat(limits.acquire("test.send", subject, 5, WINDOW).succeeded()).as("a new window").isTrue();
  }

  @Test
  void nodesLearnEachOthersHitsFromTheirBatches() {
    TestClock clock = new TestClock();
    BatchedRateLimits nodeA = new BatchedRateLimits(redis, new SimpleMeterRegistry(), clock);
    BatchedRateLimits nodeB = new BatchedRateLimits(redis, new SimpleMeterRegistry(), clock);
    String limit = "test.shared." + UUID.randomUUID();

    for (int hit = 0; hit < 3; hit++) {
      assertThat(nodeA.acquire(limit, "alice", 5, WINDOW).succeeded()).isTrue();
    }
    nodeA.flush().await();
    assertThat(nodeB.acquire(limit, "alice", 5, WINDOW).succeeded()).isTrue();
    nodeB.flush().await();

    assertThat(nodeB.acquire(limit, "alice", 5, WINDOW).succeeded()).as("the fifth hit in the cluster").isTrue();
    assertThat(nodeB.acquire(limit, "alice", 5, WINDOW).failed()).as("B knows A's three").isTrue();

    // A has not heard of B's two: it admits one more, and knows better from its next batch on.
    assertThat(nodeA.acquire(limit, "alice", 5, WINDOW).succeeded()).isTrue();
    nodeA.flush().await();
    assertThat(nodeA.acquire(limit, "alice", 5, WINDOW).failed()).isTrue();
    assertThat(nodeA.acquire(limit, "bob", 5, WINDOW).succeeded()).as("another subject").isTrue();
  }

  @Test
  void endedWindowsAreForgottenAtTheNextFlush() {
    TestClock clock = new TestClock();
    BatchedRateLimits limits = new BatchedRateLimits(redis, new SimpleMeterRegistry(), clock);
    String limit = "test.sweep." + UUID.randomUUID();
    limits.acquire(limit, "alice", 5, WINDOW);
    limits.acquire(limit, "bob", 5, Duration.ofSeconds(30));
    limits.flush().await();
    assertThat(limits.size()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(11));
    limits.flush().await();

    assertThat(limits.size()).isOne();
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-12-01T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
