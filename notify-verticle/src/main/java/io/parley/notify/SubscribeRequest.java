package io.parley.notify;

import io.parley.notify.push.P256;
import io.parley.shared.error.NotifyErrors;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.interfaces.ECPublicKey;

/**
 * {@code POST /api/v1/push/subscriptions}: a browser's {@code PushSubscription.toJSON()},
 * {@code {endpoint, keys:{p256dh, auth}}}. The endpoint must be a push service's https URL (see
 * {@link PushEndpoints}); p256dh an uncompressed P-256 point on the curve, auth 16 bytes.
 */
record SubscribeRequest(URI endpoint, ECPublicKey p256dh, byte[] auth) {

  static SubscribeRequest from(JsonObject body, PushEndpoints endpoints) {
    URI endpoint = endpoints.parse(body.getValue("endpoint"));
    if (!(body.getValue("keys") instanceof JsonObject keys)) {
      throw NotifyErrors.INVALID_KEYS.exception("keys must hold p256dh and auth");
    }
    try {
      ECPublicKey p256dh = P256.publicKey(P256.fromBase64Url((String) keys.getValue("p256dh")));
      byte[] auth = P256.fromBase64Url((String) keys.getValue("auth"));
      if (auth.length != 16) {
        throw new IllegalArgumentException("auth is 16 bytes");
      }
      return new SubscribeRequest(endpoint, p256dh, auth);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException malformed) {
      throw NotifyErrors.INVALID_KEYS.exception(
        "keys.p256dh must be a base64url P-256 point and keys.auth a base64url 16-byte secret");
    }
  }
}
