package io.parley.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Hands a push message to a browser's service worker through the DevTools protocol
 * ({@code ServiceWorker.deliverPushMessage}), which is what a real push service's delivery
 * becomes inside Chromium: a trusted {@code push} event with the decrypted data. A headless,
 * offline Chromium reaches no real push service, so the tests take the push the server sent to
 * the test push service, decrypt it there, and deliver it here.
 *
 * <p>Speaks the protocol over its own WebSocket to one of the browser's pages (the registration
 * id it needs arrives only as an event, which Selenium's command channel does not pass on).
 */
final class ServiceWorkerPush implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();
  private final Map<String, String> registrations = new ConcurrentHashMap<>();

  private ServiceWorkerPush(WebSocket.Builder builder, URI page) {
    this.socket = builder.buildAsync(page, new Listener()).join();
  }

  /** Connects to the DevTools endpoint of the browser behind {@code driver}. */
  @SuppressWarnings("unchecked")
  static ServiceWorkerPush of(ChromeDriver driver) throws Exception {
    Map<String, Object> chrome = (Map<String, Object>) driver.getCapabilities().getCapability("goog:chromeOptions");
    String address = String.valueOf(chrome.get("debuggerAddress"));
    HttpClient http = HttpClient.newHttpClient();
    JsonArray targets = new JsonArray(http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/list")).build(),
      HttpResponse.BodyHandlers.ofString()).body());
    String page = targets.stream().map(JsonObject.class::cast).filter(target -> "page".equals(target.getString("type")))
      .map(target -> target.getString("webSocketDebuggerUrl")).findFirst()
      .orElseThrow(() -> new IllegalStateException("No page to attach to"));
    ServiceWorkerPush devtools = new ServiceWorkerPush(http.newWebSocketBuilder(), URI.create(page));
    devtools.call("ServiceWorker.enable", new JsonObject());
    return devtools;
  }

  /** Delivers {@code data} as a push to the service worker registered for {@code origin} (its root scope). */
  void deliver(String origin, String data) throws Exception {
    String scope = origin + "/";
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!registrations.containsKey(scope)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("No service worker registered for " + scope + ": " + registrations);
      }
      Thread.sleep(25);
    }
    call("ServiceWorker.deliverPushMessage", new JsonObject().put("origin", origin)
      .put("registrationId", registrations.get(scope)).put("data", data));
  }

  private JsonObject call(String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    answers.put(id, answer);
    socket.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true).join();
    JsonObject result = answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (result.containsKey("error")) {
      throw new IllegalStateException(method + " failed: " + result.getJsonObject("error"));
    }
    return result;
  }

  private final class Listener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        handle(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void handle(JsonObject message) {
      if (message.containsKey("id")) {
        CompletableFuture<JsonObject> answer = answers.remove(message.getInteger("id"));
        if (answer != null) {
          answer.complete(message);
        }
      } else if ("ServiceWorker.workerRegistrationUpdated".equals(message.getString("method"))) {
        message.getJsonObject("params").getJsonArray("registrations").stream().map(JsonObject.class::cast)
          .forEach(registration -> {
            if (registration.getBoolean("isDeleted", false)) {
              registrations.remove(registration.getString("scopeURL"));
            } else {
              registrations.put(registration.getString("scopeURL"), registration.getString("registrationId"));
            }
          });
      }
    }
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }
}
