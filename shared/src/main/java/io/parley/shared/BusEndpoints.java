package io.parley.shared;

import io.parley.shared.error.BusErrors;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Function;

/**
 * How every domain verticle serves a bus address: the caller from the stamped headers, the body
 * as a JSON object (none is an empty one, anything else a 400 {@code request.malformed_json}),
 * the work, then the reply once the work completed, or the failure with its stable code
 * ({@link BusErrors}: unexpected failures are logged and answered as 500). A request record that
 * refuses its body by throwing counts as a failure like any other.
 */
public final class BusEndpoints {

  private BusEndpoints() {
  }

  /** Work for any caller, signed in or not (sign-in itself, public profiles). */
  @FunctionalInterface
  public interface Work<T> {
    Future<T> handle(JsonObject body, Caller caller);
  }

  /** Work for a signed-in caller {@code me}: a request without a stamped user is refused with 401. */
  @FunctionalInterface
  public interface UserWork<T> {
    Future<T> handle(UUID me, JsonObject body);
  }

  /** Serves {@code address} with work that answers its reply body. */
  public static Future<Void> serve(EventBus bus, String address, Work<JsonObject> work) {
    return serve(bus, address, work, reply -> reply, reply -> new DeliveryOptions());
  }

  /** Serves {@code address} with work for signed-in callers that answers its reply body. */
  public static Future<Void> serveUser(EventBus bus, String address, UserWork<JsonObject> work) {
    return serveUser(bus, address, work, reply -> reply, reply -> new DeliveryOptions());
  }

  /**
   * Serves {@code address} with work whose result becomes a reply body and its delivery options
   * (a status header, for example). The options are taken first: they may move fields of the
   * result into headers.
   */
  public static <T> Future<Void> serve(EventBus bus, String address, Work<T> work, Function<T, JsonObject> body,
                                       Function<T, DeliveryOptions> options) {
    return consume(bus, address, message -> work.handle(bodyOf(message), Caller.from(message)), body, options);
  }

  /** The same for signed-in callers: the caller is checked before the body is read. */
  public static <T> Future<Void> serveUser(EventBus bus, String address, UserWork<T> work, Function<T, JsonObject> body,
                                           Function<T, DeliveryOptions> options) {
    return consume(bus, address, message -> {
      UUID me = Caller.from(message).requireUser();
      return work.handle(me, bodyOf(message));
    }, body, options);
  }

  private static <T> Future<Void> consume(EventBus bus, String address, Function<Message<Object>, Future<T>> work,
                                          Function<T, JsonObject> body, Function<T, DeliveryOptions> options) {
    return bus.<Object>consumer(address, message -> {
      Future<T> result;
      try {
        result = work.apply(message);
      } catch (RuntimeException refused) {
        result = Future.failedFuture(refused);
      }
      result.onSuccess(done -> {
        DeliveryOptions deliveryOptions = options.apply(done);
        message.reply(body.apply(done), deliveryOptions);
      }).onFailure(failure -> BusErrors.fail(message, failure));
    }).completion();
  }

  private static JsonObject bodyOf(Message<Object> message) {
    Object body = message.body();
    if (body == null) {
      return new JsonObject();
    }
    if (body instanceof JsonObject json) {
      return json;
    }
    throw CommonErrors.MALFORMED_JSON.exception("The request body must be a JSON object");
  }
}
