package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.backends.EmbeddedRedis;
import io.parley.notify.NotifyFixture.Person;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.Poll;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Planning a notification reads presence from Redis. While Redis is away an event waits for it,
 * as it waits for the database: it is not skipped as poison, which would lose the notification.
 */
class RedisOutageTest {

  /** A Redis of this class's own, to stop without disturbing the other classes of the JVM. */
  private static final EmbeddedRedis redis = startRedis();

  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service()
    .config(ConfigKeys.NOTIFY_EVENT_ATTEMPTS, 2)
    .prepare((vertx, config) -> {
      Config.set(config, ConfigKeys.REDIS_URI, redis.uri());
      return Future.succeededFuture();
    })
    .build();

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void anEventArrivingWhileRedisIsAwayWaitsForItAndIsNotSkipped() throws Exception {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    UUID chat = fixture.direct(alice, bob);
    fixture.send(alice, chat, "before");
    fixture.awaitStored(bob, 1);

    redis.stop();
    fixture.send(alice, chat, "while Redis is away");
    // Long enough for both attempts (200 ms apart) and the check that would have skipped it.
    Thread.sleep(1_500);
    assertThat(fixture.count("SELECT count(*) FROM notify_poison WHERE record LIKE $1", "%" + chat + "%")).isZero();

    redis.start();
    Poll.until(() -> fixture.items(bob).get(0).getInteger("count") == 2, NotifyFixture.WAIT);
    assertThat(fixture.count("SELECT count(*) FROM notify_poison WHERE record LIKE $1", "%" + chat + "%")).isZero();
  }

  private static EmbeddedRedis startRedis() {
    try {
      return EmbeddedRedis.start(Files.createTempDirectory("notify-redis-outage"), "127.0.0.1", 0);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
