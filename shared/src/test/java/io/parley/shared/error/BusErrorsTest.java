package io.parley.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An error raised by a service reaches its caller with the same code, status, message and details. */
@ExtendWith(VertxExtension.class)
class BusErrorsTest {

  @Test
  void aParleyExceptionCrossesTheBusUnchanged(Vertx vertx) {
    ErrorCode taken = new ErrorCode("test.taken", 409);
    vertx.eventBus().consumer("test.errors", message ->
      BusErrors.fail(message, taken.exception("That name is taken", new JsonObject().put("retryAfterSeconds", 3))));

    ParleyException received = vertx.eventBus().request("test.errors", "hi")
      .<ParleyException>transform(result -> io.vertx.core.Future.succeededFuture(BusErrors.fromReply((ReplyException) result.cause())))
      .await();

    assertThat(received.errorCode()).isEqualTo(taken);
    assertThat(received.getMessage()).isEqualTo("That name is taken");
    assertThat(received.details().getInteger("retryAfterSeconds")).isEqualTo(3);
  }

  @Test
  void unexpectedFailuresAreHiddenBehindAnInternalError(Vertx vertx) {
    vertx.eventBus().consumer("test.crash", message -> BusErrors.fail(message, new IllegalStateException("secret detail")));

    ParleyException received = vertx.eventBus().request("test.crash", "hi")
      .<ParleyException>transform(result -> io.vertx.core.Future.succeededFuture(BusErrors.fromReply((ReplyException) result.cause())))
      .await();

    assertThat(received.errorCode()).isEqualTo(CommonErrors.INTERNAL);
    assertThat(received.getMessage()).doesNotContain("secret detail");
  }

  @Test
  void aMissingServiceIsUnavailableNotInternal(Vertx vertx) {
    ParleyException received = vertx.eventBus().request("test.nobody.home", "hi")
      .<ParleyException>transform(result -> io.vertx.core.Future.succeededFuture(BusErrors.fromReply((ReplyException) result.cause())))
      .await();
    assertThat(received.errorCode()).isEqualTo(CommonErrors.SERVICE_UNAVAILABLE);
  }
}
