package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable sends per second and send-to-commit latency, through the public REST API of one node
 * with embedded backends: every 201 is an acknowledged, committed message (sequence assigned,
 * outbox written) — the figure a client experiences.
 *
 * <p>Two shapes: many senders in one group (all sends of a chat serialise on its sequence) and
 * the same senders spread over many direct chats (sends run in parallel).
 */
public final class SendBenchmark {

  private static final Logger log = LoggerFactory.getLogger(SendBenchmark.class);

  public static void main(String[] args) throws Exception {
    int senders = Integer.getInteger("senders", 32);
    int messagesPerSender = Integer.getInteger("messages", 200);
    Vertx vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"), new PoolOptions().setHttp1MaxSize(senders));
    try (BenchNode node = BenchNode.start(vertx)) {
      List<String> users = node.users(senders * 2);
      String group = createChat(http, node, users.get(0), new JsonObject().put("type", "group").put("title", "bench")
        .put("memberIds", new JsonArray(users.subList(1, senders))));
      List<String> directs = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        directs.add(createChat(http, node, users.get(i), new JsonObject().put("type", "direct").put("userId", users.get(senders + i))));
      }

      run("warm-up", http, node, users, i -> group, senders, 20);
      run("one sender at a time", http, node, users, i -> group, 1, messagesPerSender);
      run("one group, " + senders + " concurrent senders", http, node, users, i -> group, senders, messagesPerSender);
      run(senders + " direct chats, one sender each", http, node, users, directs::get, senders, messagesPerSender);
    } finally {
      vertx.close().await();
    }
  }

  private static void run(String name, WebClient http, BenchNode node, List<String> users,
                          java.util.function.IntFunction<String> chatOfSender, int senders, int messages) {
    Latencies latencies = new Latencies();
    AtomicInteger failures = new AtomicInteger();
    List<Future<Void>> loops = new ArrayList<>();
    long start = System.nanoTime();
    for (int s = 0; s < senders; s++) {
      String sender = users.get(s);
      String token = node.token(sender);
      String chatId = chatOfSender.apply(s);
      Promise<Void> done = Promise.promise();
      sendLoop(http, node.httpPort(), token, chatId, messages, latencies, failures, done);
      loops.add(done.future());
    }
    Future.all(loops).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    log.info("{}: {} sends in {} s = {} sends/s; send-to-commit {}; failures {}", name, latencies.count(),
      String.format("%.2f", seconds), String.format("%.0f", latencies.count() / seconds), latencies.summary(), failures.get());
  }

  private static void sendLoop(WebClient http, int port, String token, String chatId, int remaining,
                               Latencies latencies, AtomicInteger failures, Promise<Void> done) {
    if (remaining == 0) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    http.post(port, "127.0.0.1", "/api/v1/chats/" + chatId + "/messages")
      .putHeader("Authorization", "Bearer " + token)
      .sendJsonObject(new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text")
        .put("text", "benchmark message"))
      .onComplete(response -> {
        if (response.succeeded() && response.result().statusCode() == 201) {
          latencies.add((System.nanoTime() - sent) / 1_000);
        } else {
          failures.incrementAndGet();
        }
        sendLoop(http, port, token, chatId, remaining - 1, latencies, failures, done);
      });
  }

  private static String createChat(WebClient http, BenchNode node, String owner, JsonObject request) {
    var response = http.post(node.httpPort(), "127.0.0.1", "/api/v1/chats")
      .putHeader("Authorization", "Bearer " + node.token(owner))
      .sendJsonObject(request).await();
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("Could not create a chat: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("id");
  }
}
