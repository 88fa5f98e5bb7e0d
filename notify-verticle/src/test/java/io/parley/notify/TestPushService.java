package io.parley.notify;

import io.parley.notify.push.BrowserSide;
import io.parley.notify.push.P256;
import io.parley.testkit.FreePorts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A push service in the test: a real HTTP server that takes Web Push requests the way a browser
 * vendor's does. It checks the VAPID token against the server's public key (ES256 signature,
 * audience = this origin, expiry within 24 hours, a subject) and the aes128gcm headers, then
 * opens the payload with the subscription's private key, as the browser would. Answers can be
 * scripted per subscription (429, 410, 500 ...); otherwise 201. Public, in this module's test
 * jar, for the browser scenarios of e2e/ as well.
 */
public final class TestPushService implements AutoCloseable {

  /** One push that passed the checks, decrypted. */
  public record Push(String subscription, MultiMap headers, JsonObject payload, JsonObject vapidClaims, Instant at) {
  }

  /** A browser's side of a subscription: its key pair and auth secret, and its endpoint here. */
  public record Browser(String id, KeyPair keys, byte[] auth, String endpoint) {

    public JsonObject subscriptionJson() {
      return new JsonObject().put("endpoint", endpoint).put("keys", new JsonObject()
        .put("p256dh", P256.base64Url(P256.encode((ECPublicKey) keys.getPublic())))
        .put("auth", P256.base64Url(auth)));
    }
  }

  private final Vertx vertx;
  private final ECPublicKey vapidKey;
  private final int port = FreePorts.next();
  private final HttpServer server;
  private final Map<String, Browser> browsers = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
  /** Every request that reached a subscription, accepted or not (status it was answered). */
  private final List<String> attempts = new CopyOnWriteArrayList<>();
  private final List<Push> pushes = new CopyOnWriteArrayList<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();

  public TestPushService(Vertx vertx, String vapidPublicKey) {
    this.vertx = vertx;
    this.vapidKey = P256.publicKey(P256.fromBase64Url(vapidPublicKey));
    this.server = vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1").await();
  }

  public Browser newBrowser(String id) {
    byte[] auth = new byte[16];
    new java.security.SecureRandom().nextBytes(auth);
    Browser browser = new Browser(id, P256.generate(), auth, origin() + "/push/" + id);
    browsers.put(id, browser);
    return browser;
  }

  /** The next answers to pushes for this subscription, in order; afterwards 201 again. */
  public void answer(String id, Integer... statuses) {
    scripted.computeIfAbsent(id, key -> new ArrayDeque<>()).addAll(List.of(statuses));
  }

  public List<Push> pushesTo(String id) {
    return pushes.stream().filter(push -> push.subscription().equals(id)).toList();
  }

  /** The pushes to one subscription about messages (not, say, about being added to the group). */
  public List<Push> messagePushesTo(String id) {
    return pushesTo(id).stream().filter(push -> !push.payload().getString("type").equals("added")).toList();
  }

  public List<Push> pushes() {
    return List.copyOf(pushes);
  }

  public long attemptsAt(String id) {
    return attempts.stream().filter(attempt -> attempt.startsWith(id + " ")).count();
  }

  /** Requests that failed the protocol checks (should stay empty). */
  public List<String> refusals() {
    return List.copyOf(refusals);
  }

  public String origin() {
    return "http://127.0.0.1:" + port;
  }

  private void handle(HttpServerRequest request) {
    String id = request.path().startsWith("/push/") ? request.path().substring("/push/".length()) : "";
    request.body().onSuccess(body -> {
      Deque<Integer> script = scripted.get(id);
      Integer status = script == null ? null : script.poll();
      try {
        Browser browser = browsers.get(id);
        if (browser == null) {
          throw new IllegalStateException("unknown subscription " + id);
        }
        JsonObject claims = verifyVapid(request.getHeader("Authorization"));
        check("aes128gcm".equals(request.getHeader("Content-Encoding")), "Content-Encoding");
        check(request.getHeader("TTL") != null && request.getHeader("TTL").matches("\\d+"), "TTL");
        check(List.of("very-low", "low", "normal", "high").contains(request.getHeader("Urgency")), "Urgency");
        check(request.getHeader("Topic") != null && request.getHeader("Topic").matches("[A-Za-z0-9_-]{1,32}"), "Topic");
        check(body.length() <= 4096, "size");
        byte[] plaintext = BrowserSide.decrypt(body.getBytes(), (ECPrivateKey) browser.keys().getPrivate(),
          (ECPublicKey) browser.keys().getPublic(), browser.auth());
        int answer = status == null ? 201 : status;
        attempts.add(id + " " + answer);
        if (answer / 100 == 2) {
          pushes.add(new Push(id, request.headers(), new JsonObject(new String(plaintext, StandardCharsets.UTF_8)), claims,
            Instant.now()));
        }
        if (answer == 429) {
          request.response().putHeader("Retry-After", "0");
        }
        request.response().setStatusCode(answer).end();
      } catch (Exception refused) {
        refusals.add(id + ": " + refused);
        attempts.add(id + " 400");
        request.response().setStatusCode(400).end(refused.toString());
      }
    });
  }

  /** RFC 8292: {@code vapid t=<ES256 JWT>, k=<the key the browser subscribed with>}. */
  private JsonObject verifyVapid(String authorization) throws Exception {
    check(authorization != null && authorization.startsWith("vapid "), "Authorization scheme");
    String token = null;
    String key = null;
    for (String part : authorization.substring("vapid ".length()).split(",")) {
      String[] pair = part.strip().split("=", 2);
      if (pair[0].equals("t")) {
        token = pair[1];
      } else if (pair[0].equals("k")) {
        key = pair[1];
      }
    }
    check(key != null && key.equals(P256.base64Url(P256.encode(vapidKey))), "VAPID key");
    String[] jwt = token.split("\\.");
    JsonObject header = new JsonObject(new String(P256.fromBase64Url(jwt[0]), StandardCharsets.UTF_8));
    check("ES256".equals(header.getString("alg")), "alg");
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(vapidKey);
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    check(verifier.verify(P256.fromBase64Url(jwt[2])), "VAPID signature");
    JsonObject claims = new JsonObject(new String(P256.fromBase64Url(jwt[1]), StandardCharsets.UTF_8));
    long now = Instant.now().getEpochSecond();
    check(origin().equals(claims.getString("aud")), "aud");
    check(claims.getLong("exp") > now && claims.getLong("exp") <= now + 24 * 3600, "exp");
    check(claims.getString("sub") != null && !claims.getString("sub").isBlank(), "sub");
    return claims;
  }

  private static void check(boolean holds, String what) {
    if (!holds) {
      throw new IllegalStateException("bad " + what);
    }
  }

  @Override
  public void close() {
    server.close().await();
  }
}
