package io.parley.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.BridgeClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A service command sent over the bridge reaches its service with the identity of the verified
 * token stamped in the headers, and nothing of the headers the client wrote. The service is
 * played by a stand-in that answers with the headers it received.
 */
class BridgeCallerTest {

  @RegisterExtension
  static final GatewayHarness gateway = GatewayHarness.gateway().build();

  @Test
  void aForwardedCommandCarriesTheTokensIdentityWhateverHeadersTheClientWrote() throws Exception {
    gateway.vertx().eventBus().<JsonObject>consumer(Address.CHAT_CHANGES, request -> {
      JsonObject headers = new JsonObject();
      request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
      request.reply(headers);
    }).completion().await();
    String user = UUID.randomUUID().toString();
    String session = UUID.randomUUID().toString();
    String token = gateway.tokens().generateToken(new JsonObject().put("sub", user).put("sid", session),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(300));
    JsonObject forged = GatewayHarness.auth(token)
      .put(Headers.USER_ID, UUID.randomUUID().toString())
      .put(Headers.SESSION_ID, "forged")
      .put(Headers.USER_AGENT, "forged");

    try (BridgeClient client = gateway.connect()) {
      client.send(Address.CHAT_CHANGES, new JsonObject().put("chatId", UUID.randomUUID().toString()), forged, "changes");
      JsonObject stamped = client.nextMessage("changes", GatewayHarness.WAIT).getJsonObject("body");

      assertThat(stamped.fieldNames()).containsExactlyInAnyOrder(Headers.USER_ID, Headers.SESSION_ID, Headers.CORRELATION_ID);
      assertThat(stamped.getString(Headers.USER_ID)).isEqualTo(user);
      assertThat(stamped.getString(Headers.SESSION_ID)).isEqualTo(session);
    }
  }
}
