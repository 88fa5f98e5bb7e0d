package io.parley.chat;

import io.parley.shared.Headers;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * A successful answer: the body and, when it differs from what the route usually answers, the
 * HTTP status the gateway should use (an existing direct chat or a retried send answers 200).
 */
public record Reply(JsonObject body, String status) {

  public static Reply of(JsonObject body) {
    return new Reply(body, null);
  }

  /** Answers 200 where the route would answer 201: nothing new was created. */
  public static Reply existing(JsonObject body) {
    return new Reply(body, "200");
  }

  DeliveryOptions options() {
    DeliveryOptions options = new DeliveryOptions();
    if (status != null) {
      options.addHeader(Headers.REPLY_STATUS, status);
    }
    return options;
  }
}
