package io.parley.chat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: durable sends per second and send-to-commit latency of the chat service itself,
 * over the event bus on real embedded backends (the REST figures are in the benchmarks module).
 * A reply means the message is committed (sequence taken, outbox row written). Run with
 * {@code mvn -o -q -pl chat-verticle exec:java -Dexec.mainClass=io.parley.chat.BusSendBenchmark
 * -Dexec.classpathScope=test [-Dsenders=32 -Dmessages=200]}.
 */
public final class BusSendBenchmark {

  private static final Logger log = LoggerFactory.getLogger(BusSendBenchmark.class);

  private BusSendBenchmark() {
  }

  public static void main(String[] args) {
    int senders = Integer.getInteger("senders", 32);
    int messages = Integer.getInteger("messages", 200);
    try (ChatFixture fixture = ChatFixture.start(new JsonObject().put("chat", new JsonObject()
      .put("sendRate", new JsonObject().put("limit", 1_000_000))))) {
      List<User> users = new ArrayList<>();
      for (int i = 0; i < senders * 2; i++) {
        users.add(fixture.user("bench"));
      }
      UUID group = fixture.group(users.get(0), users.subList(1, senders).toArray(User[]::new));
      List<UUID> directs = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        directs.add(fixture.direct(users.get(i), users.get(senders + i)));
      }
      run(fixture, "warm-up", users, i -> group, senders, 50);
      run(fixture, "one group, " + senders + " concurrent senders", users, i -> group, senders, messages);
      run(fixture, senders + " direct chats, one sender each", users, directs::get, senders, messages);
      run(fixture, "one sender at a time (no contention)", users, i -> group, 1, messages * 4);
    }
    System.exit(0);
  }

  private static void run(ChatFixture fixture, String name, List<User> users, IntFunction<UUID> chatOf, int senders,
                          int messages) {
    long[] latencies = new long[senders * messages];
    List<Future<Void>> loops = new ArrayList<>();
    long start = System.nanoTime();
    for (int s = 0; s < senders; s++) {
      Promise<Void> done = Promise.promise();
      loop(fixture, users.get(s), chatOf.apply(s), messages, latencies, s * messages, 0, done);
      loops.add(done.future());
    }
    Future.all(loops).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    log.info("{}: {} sends in {} s = {} sends/s; send-to-commit p50 {} ms, p99 {} ms, max {} ms", name, latencies.length,
      String.format("%.2f", seconds), String.format("%.0f", latencies.length / seconds),
      millis(latencies, 0.50), millis(latencies, 0.99), millis(latencies, 1.0));
  }

  /** One sender: the next message as soon as the previous one is acknowledged. */
  private static void loop(ChatFixture fixture, User sender, UUID chatId, int remaining, long[] latencies, int slot,
                           int sent, Promise<Void> done) {
    if (sent == remaining) {
      done.complete();
      return;
    }
    long started = System.nanoTime();
    fixture.vertx.eventBus().request(Address.CHAT_MESSAGE_SEND, ChatFixture.text(chatId, "benchmark message " + sent),
        new DeliveryOptions().addHeader(Headers.USER_ID, sender.id().toString()))
      .onSuccess(reply -> {
        latencies[slot + sent] = System.nanoTime() - started;
        loop(fixture, sender, chatId, remaining, latencies, slot, sent + 1, done);
      })
      .onFailure(done::fail);
  }

  private static String millis(long[] sorted, double quantile) {
    int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1));
    return String.format("%.2f", sorted[index] / 1e6);
  }
}
