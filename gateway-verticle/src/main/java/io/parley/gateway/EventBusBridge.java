package io.parley.gateway;

import io.parley.shared.Address;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS event-bus bridge at {@code /eventbus}. Deny by default: nothing may be sent or
 * published from a browser, and only the addresses listed here may be listened to. Every refusal
 * is logged.
 */
final class EventBusBridge {

  private static final Logger log = LoggerFactory.getLogger(EventBusBridge.class);

  private EventBusBridge() {
  }

  static Router create(Vertx vertx) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddress(Address.CLIENT_ANNOUNCEMENTS));
    return SockJSHandler.create(vertx, new SockJSHandlerOptions()).bridge(options, event -> {
      switch (event.type()) {
        case SEND, PUBLISH -> {
          log.warn("Bridge refused a {} to {}", event.type(), event.getRawMessage().getString("address"));
          event.complete(false);
        }
        default -> event.complete(true);
      }
    });
  }
}
