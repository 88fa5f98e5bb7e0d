package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated bridge frames of every type to every command a browser may send (and to addresses it
 * may not), from connections of any caller, with any headers and body, and raw text that is no
 * frame at all. None may crash a connection's handling or answer a 5xx; every refusal is one of
 * the bridge's documented refusals or a failure with one of Parley's stable codes, and a refused
 * frame leaves every table as it was. After each frame the connection must still answer (or have
 * been closed with a refusal it was told).
 */
class BridgeFuzzProperties {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** The bridge's refusals (realtime-protocol.md). */
  private static final Set<String> REFUSALS = Set.of("access_denied", "unauthenticated", "token_expired", "invalid_frame",
    "frame_too_large", "rate_limited", "slow_consumer", "service_unavailable", "session_revoked");
  private static final List<String> ADDRESSES = new ArrayList<>(Address.BRIDGE_SERVICE_COMMANDS);

  static {
    ADDRESSES.addAll(List.of(Address.REALTIME_AUTH, Address.REALTIME_TYPING, Address.REALTIME_PRESENCE, Address.REALTIME_LOCATION,
      Address.CLIENT_EVENTS, Address.CLIENT_ANNOUNCEMENTS, Address.CHAT_CREATE, Address.AUTH_LOGIN, Address.AUTH_DELETE_ACCOUNT,
      Address.CHAT_EVENTS, Address.AUTH_SESSIONS_REVOKED, Address.CHAT_MEMBERSHIPS, Address.CHAT_MODERATION_DELETE,
      Address.CHAT_MODERATION_EXCERPT, Address.MODERATION_USER_ACT, Address.ADMIN_ANNOUNCE, Address.ADMIN_ROLE_GRANT));
  }

  private static FuzzFixture world;
  private static JsonObject known;
  private static final BridgeClient[] connections = new BridgeClient[3];

  /** One generated frame, on the connection of {@code caller} (0 owner, 1 member, 2 stranger). */
  record Frame(int caller, String type, String address, int headers, String body, boolean reply, String raw) {

    JsonObject encode(List<String> tokens, String replyAddress) {
      JsonObject frame = new JsonObject();
      if (type != null) {
        frame.put("type", type);
      }
      if (address != null) {
        frame.put("address", address);
      }
      switch (headers) {
        case 0 -> frame.put("headers", new JsonObject().put("authorization", "Bearer " + tokens.get(caller)));
        case 1 -> frame.put("headers", new JsonObject().put("authorization", "Bearer " + tokens.get(caller))
          .put("x-parley-user", UUID.randomUUID().toString()).put("x-parley-session", "forged"));
        case 2 -> frame.put("headers", new JsonObject().put("authorization", "Bearer forged.token.here"));
        case 3 -> frame.put("headers", "not an object");
        default -> { }
      }
      try {
        frame.put("body", io.vertx.core.json.Json.decodeValue(body));
      } catch (RuntimeException notJson) {
        frame.put("body", body);
      }
      if (reply) {
        frame.put("replyAddress", replyAddress);
      }
      return frame;
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    world = FuzzFixture.start("127.0.0.23");
  }

  @AfterContainer
  static void stop() {
    for (BridgeClient connection : connections) {
      if (connection != null) {
        connection.close();
      }
    }
    assertThat(world.http.get("/ready").send().await().statusCode()).as("the node is well after it all").isEqualTo(200);
    world.close();
  }

  @Property(tries = 5_000)
  void anyFrameGetsNoCrashNo5xxAStableRefusalAndARefusalChangesNothing(@ForAll("frames") Frame frame) throws Exception {
    BridgeClient connection = connection(frame.caller());
    // The last refusal's snapshot is this frame's "before": nothing ran in between.
    JsonObject before = known != null ? known : world.snapshot();
    known = null;
    String replyAddress = "fuzz-" + UUID.randomUUID();
    if (frame.raw() != null) {
      connection.writeRaw(frame.raw());
    } else {
      connection.write(frame.encode(world.tokens, replyAddress));
    }
    // A command of the connection's own user, answered only once the fuzzed frame was handled.
    String marker = "marker-" + UUID.randomUUID();
    connection.send(Address.REALTIME_AUTH, new JsonObject(),
      new JsonObject().put("authorization", "Bearer " + world.tokens.get(frame.caller())), marker);
    JsonObject answered = connection.next(f -> marker.equals(f.getString("address")), WAIT);
    assertThat(answered != null || connection.closedByServer()).as("the connection answers after " + frame).isTrue();

    boolean refused = false;
    boolean accepted = false;
    for (JsonObject received : connection.drain()) {
      if ("err".equals(received.getString("type"))) {
        refused = true;
        if (received.containsKey("failureCode")) {
          assertThat(received.getInteger("failureCode")).as(frame + " → " + received).isBetween(400, 499);
          assertThat(world.codes).as(frame + " → " + received).contains(new JsonObject(received.getString("message")).getString("code"));
        } else {
          assertThat(REFUSALS).as(frame + " → " + received).contains(received.getString("body"));
        }
      } else if (replyAddress.equals(received.getString("address"))) {
        accepted = true;
      }
    }
    if (refused && !accepted) {
      known = world.snapshot();
      assertThat(known).as("a refused " + frame + " changed nothing").isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<Frame> frames() {
    List<String> known = world.knownIds();
    Arbitrary<String> types = Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(8, Arbitraries.just("send")),
      net.jqwik.api.Tuple.of(4, Arbitraries.of("register", "unregister", "publish", "ping")),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("rec", "err", "SEND", "", "pong")),
      net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    Arbitrary<String> addresses = Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(8, Arbitraries.of(ADDRESSES)),
      net.jqwik.api.Tuple.of(1, FuzzValues.text()),
      net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    Arbitrary<String> raw = Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(12, Arbitraries.just(null)),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("", "[", "[1]", "[\"{\\\"type\\\":\"]", "{\"type\":\"send\"}", "[\"not json\"]",
        "[\"[]\"]", "[\"null\"]", "\u0000")));
    return Combinators.combine(Arbitraries.integers().between(0, 2), types, addresses, Arbitraries.integers().between(0, 4),
        FuzzValues.body(known), Arbitraries.of(true, false), raw)
      .as(Frame::new);
  }

  /** The caller's connection, authenticated; a new one when the server closed the last. */
  private static BridgeClient connection(int caller) throws Exception {
    BridgeClient current = connections[caller];
    if (current == null || current.closedByServer()) {
      if (current != null) {
        current.close();
      }
      // Renewing a token signs in again: a new session, so the last snapshot no longer holds.
      known = null;
      world.renewRevokedTokens();
      current = BridgeClient.connect(world.vertx, "127.0.0.1", world.node.httpPort(), "/eventbus").await();
      current.register(Address.CLIENT_EVENTS, new JsonObject().put("authorization", "Bearer " + world.tokens.get(caller)));
      connections[caller] = current;
    }
    return current;
  }
}
