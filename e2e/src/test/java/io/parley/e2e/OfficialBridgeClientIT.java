package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.parley.node.Node;
import io.parley.node.NodeConfig;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.Chromium;
import io.parley.testkit.FreePorts;
import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The official {@code @vertx/eventbus-bridge-client.js}, unchanged, in a real browser page of
 * another origin (allowed by configuration) talks to Parley's bridge: it authenticates with the
 * token in its default headers, gets replies to commands and receives chat events.
 */
class OfficialBridgeClientIT {

  @Test
  void theOfficialClientAuthenticatesSendsAndReceivesOverParleysBridge() throws Exception {
    Path client = Path.of(System.getProperty("parley.officialClient"));
    int pagePort = FreePorts.next();
    String pageOrigin = "http://127.0.0.1:" + pagePort;
    JsonObject config = NodeConfig.defaults();
    Path workDir = Files.createDirectories(Path.of(System.getProperty("parley.test.workDir")));
    Config.set(config, ConfigKeys.NODE_DATA_DIR, Files.createTempDirectory(workDir, "official-").toString());
    Config.set(config, ConfigKeys.HTTP_HOST, "127.0.0.1");
    Config.set(config, ConfigKeys.HTTP_PORT, FreePorts.next());
    Config.set(config, ConfigKeys.HTTP_ALLOWED_ORIGINS, new JsonArray().add(pageOrigin));
    config.mergeIn(TestBackends.config(), true);
    TestNode.allowSignUps(config);

    Vertx vertx = Vertx.vertx();
    HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", pagePort), 0);
    ChromeDriver browser = null;
    try (Node node = Node.start(config)) {
      WebClient http = WebClient.create(vertx);
      JsonObject alice = register(http, node, "official_a");
      JsonObject bob = register(http, node, "official_b");
      String chat = http.post(node.httpPort(), "127.0.0.1", "/api/v1/chats").putHeader("Authorization", bearer(alice))
        .sendJsonObject(new JsonObject().put("type", "direct").put("userId", bob.getJsonObject("user").getString("id")))
        .await().bodyAsJsonObject().getString("id");

      serve(page, Map.of(
        "/index.html", "<!doctype html><script src=sockjs.min.js></script><script src=vertx-eventbus.js></script>"
          + "<script src=test.js></script>",
        "/sockjs.min.js", Files.readString(client.resolve("sockjs.min.js")),
        "/vertx-eventbus.js", Files.readString(client.resolve("vertx-eventbus.js")),
        "/test.js", """
            window.events = []; window.replies = []; window.failures = [];
            window.eb = new EventBus('http://127.0.0.1:%d/eventbus');
            eb.defaultHeaders = { authorization: 'Bearer %s' };
            eb.onopen = () => {
              eb.registerHandler('client.events', (err, msg) => err ? failures.push(err) : events.push(msg.body));
              eb.send('realtime.auth', {}, (err, reply) => err ? failures.push(err) : replies.push(reply.body));
            };
            """.formatted(node.httpPort(), bob.getString("accessToken"))));
      page.start();

      browser = Chromium.start(800, 600);
      browser.get(pageOrigin + "/index.html");
      JavascriptExecutor js = browser;
      Poll.until(() -> ((Number) js.executeScript("return window.replies.length")).intValue() == 1, Duration.ofSeconds(20));
      assertThat(js.executeScript("return window.replies[0].userId")).isEqualTo(bob.getJsonObject("user").getString("id"));

      http.post(node.httpPort(), "127.0.0.1", "/api/v1/chats/" + chat + "/messages").putHeader("Authorization", bearer(alice))
        .sendJsonObject(new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text")
          .put("text", "hello from REST")).await();
      Poll.until(() -> Boolean.TRUE.equals(js.executeScript(
        "return window.events.some(e => e.type === 'message.sent' && e.payload.message && e.payload.message.text === 'hello from REST')")),
        Duration.ofSeconds(20));

      // The official client's reply callback receives a refused command as a failure.
      js.executeScript("eb.send('realtime.typing', {chatId: 'not-a-chat-of-mine'}, (err) => window.failures.push(err))");
      Poll.until(() -> ((Number) js.executeScript("return window.failures.length")).intValue() == 1, Duration.ofSeconds(20));
      assertThat(js.executeScript("return window.failures[0].failureCode")).isEqualTo(403L);
    } finally {
      if (browser != null) {
        browser.quit();
      }
      page.stop(0);
      vertx.close().await();
    }
  }

  private static void serve(HttpServer server, Map<String, String> files) {
    files.forEach((path, body) -> server.createContext(path, exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String type = path.endsWith(".html") ? "text/html" : "application/javascript";
      exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }));
  }

  private static JsonObject register(WebClient http, Node node, String prefix) {
    String username = prefix + UUID.randomUUID().toString().substring(0, 8);
    return http.post(node.httpPort(), "127.0.0.1", "/api/v1/auth/register")
      .sendJsonObject(new JsonObject().put("email", username + "@example.org").put("username", username)
        .put("password", "correct horse battery staple").put("displayName", prefix))
      .await().bodyAsJsonObject();
  }

  private static String bearer(JsonObject account) {
    return "Bearer " + account.getString("accessToken");
  }
}
