package io.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.parley.shared.error.BusErrors;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How every domain verticle serves an address: who may call, what body it reads, what it answers. */
class BusEndpointsTest {

  private static final String ECHO = "test.endpoints.echo";
  private static final String MINE = "test.endpoints.mine";
  private static final String CREATED = "test.endpoints.created";
  private static final AtomicInteger workDone = new AtomicInteger();
  private static Vertx vertx;

  @BeforeAll
  static void serve() {
    vertx = Vertx.vertx();
    BusEndpoints.serve(vertx.eventBus(), ECHO, (body, caller) -> {
      workDone.incrementAndGet();
      return Future.succeededFuture(body.copy().put("signedIn", caller.signedIn()));
    }).await();
    BusEndpoints.serveUser(vertx.eventBus(), MINE, (me, body) -> {
      workDone.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("me", me.toString()));
    }).await();
    BusEndpoints.serveUser(vertx.eventBus(), CREATED, (me, body) -> Future.succeededFuture(body.getBoolean("isNew")),
      isNew -> new JsonObject().put("isNew", isNew),
      isNew -> isNew ? new DeliveryOptions() : new DeliveryOptions().addHeader(Headers.REPLY_STATUS, "200")).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void aRequestGetsWhatTheWorkAnsweredWithTheCallerReadFromTheStampedHeaders() {
    UUID alice = UUID.randomUUID();
    assertThat(request(ECHO, new JsonObject().put("text", "hi"), null).body())
      .isEqualTo(new JsonObject().put("text", "hi").put("signedIn", false));
    assertThat(request(MINE, null, alice).body()).isEqualTo(new JsonObject().put("me", alice.toString()));
  }

  @Test
  void theReplyOptionsComeFromTheResult() {
    UUID alice = UUID.randomUUID();
    assertThat(request(CREATED, new JsonObject().put("isNew", true), alice).headers().get(Headers.REPLY_STATUS)).isNull();
    assertThat(request(CREATED, new JsonObject().put("isNew", false), alice).headers().get(Headers.REPLY_STATUS)).isEqualTo("200");
  }

  @Test
  void aCallerWithoutAUserIsRefusedBeforeTheBodyIsReadAndNoWorkIsDone() {
    int before = workDone.get();
    assertThat(refusal(MINE, "not an object", null)).isEqualTo(CommonErrors.UNAUTHENTICATED);
    assertThat(workDone.get()).isEqualTo(before);
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefusedAsMalformedAndNoWorkIsDone() {
    int before = workDone.get();
    assertThat(refusal(ECHO, "not an object", null)).isEqualTo(CommonErrors.MALFORMED_JSON);
    assertThat(refusal(MINE, 42, UUID.randomUUID())).isEqualTo(CommonErrors.MALFORMED_JSON);
    assertThat(workDone.get()).isEqualTo(before);
  }

  private static Message<JsonObject> request(String address, Object body, UUID userId) {
    return vertx.eventBus().<JsonObject>request(address, body, stamp(userId)).await();
  }

  private static ErrorCode refusal(String address, Object body, UUID userId) {
    Throwable failure = catchThrowable(() -> vertx.eventBus().request(address, body, stamp(userId)).await());
    assertThat(failure).isInstanceOf(ReplyException.class);
    return BusErrors.fromReply((ReplyException) failure).errorCode();
  }

  private static DeliveryOptions stamp(UUID userId) {
    return Caller.user(userId, null, "corr-" + UUID.randomUUID()).stamp(new DeliveryOptions());
  }
}
