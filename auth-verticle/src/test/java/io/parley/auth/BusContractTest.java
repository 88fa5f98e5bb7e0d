package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The auth service on the bus trusts only server-stamped identity and answers the shared error shape. */
class BusContractTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();

  @Test
  void aUserIdInTheBodyIsNotAnIdentity() {
    String victim = harness.register(AuthHarness.uniqueName("Victim")).getJsonObject("user").getString("id");
    ReplyException refused = request(Address.AUTH_ME, new JsonObject().put("userId", victim).put("sub", victim),
      new DeliveryOptions());
    assertThat(refused.failureCode()).isEqualTo(401);
    assertThat(new JsonObject(refused.getMessage()).getString("code")).isEqualTo("auth.unauthenticated");
  }

  @Test
  void aStampedIdentityWithoutALiveSessionIsRefused() {
    String victim = harness.register(AuthHarness.uniqueName("Victim")).getJsonObject("user").getString("id");
    ReplyException refused = request(Address.AUTH_ME, new JsonObject(), new DeliveryOptions()
      .addHeader(Headers.USER_ID, victim)
      .addHeader(Headers.SESSION_ID, UUID.randomUUID().toString()));
    assertThat(refused.failureCode()).isEqualTo(401);
    assertThat(new JsonObject(refused.getMessage()).getString("code")).isEqualTo("auth.session_revoked");
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefused() {
    ReplyException refused = request(Address.AUTH_LOGIN, "login=me&password=secret", new DeliveryOptions());
    assertThat(refused.failureCode()).isEqualTo(400);
    assertThat(new JsonObject(refused.getMessage()).getString("code")).isEqualTo("request.malformed_json");
  }

  @Test
  void revokedSessionsAreAnnouncedForTheRealtimeLayer() throws Exception {
    JsonObject account = harness.register(AuthHarness.uniqueName("Announce"));
    String userId = account.getJsonObject("user").getString("id");
    BlockingQueue<JsonObject> announced = new LinkedBlockingQueue<>();
    MessageConsumer<JsonObject> consumer = harness.vertx().eventBus().<JsonObject>consumer(Address.AUTH_SESSIONS_REVOKED,
      message -> announced.add(message.body()));
    consumer.completion().await();

    harness.post("/auth/logout", account.getString("accessToken"), null);
    JsonObject announcement = announced.poll(5, TimeUnit.SECONDS);
    consumer.unregister().await();
    assertThat(announcement).isNotNull();
    assertThat(announcement.getString("userId")).isEqualTo(userId);
    assertThat(announcement.getJsonArray("sessionIds")).containsExactly(AccessTokenTest.part(
      account.getString("accessToken"), 1).getString("sid"));
  }

  private static ReplyException request(String address, Object body, DeliveryOptions options) {
    return catchThrowableOfType(ReplyException.class,
      () -> harness.vertx().eventBus().request(address, body, options).await());
  }
}
