package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.error.BusErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One connection's message sends, pipelined: a client need not wait for each answer before the
 * next send. The first send goes at once; the sends that arrive while it is on its way wait, then
 * go together in one request ({@link Address#CHAT_MESSAGE_SEND_BATCH}), which the chat service
 * stores in their order. One request is on its way at a time, so a connection's messages are
 * numbered, and answered, in the order it sent them. Other frames (typing, reads, history) do not
 * wait for the sends. When {@link #MAX_WAITING} sends wait, the connection reads no further frame
 * until some are answered.
 *
 * <p>Used on the connection's event loop only. Sends still waiting when the connection closes are
 * never answered; the client sends them again on its next connection, with the same client ids.
 */
final class SendPipeline {

  /** As many as one batch request takes. */
  static final int MAX_WAITING = 100;

  private record Waiting(JsonObject body, String replyTo) {
  }

  private final Function<JsonObject, Future<JsonObject>> one;
  private final Function<List<JsonObject>, Future<JsonObject>> several;
  private final BiConsumer<String, AsyncResult<JsonObject>> answer;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private boolean onItsWay;
  private Promise<Void> room;

  /**
   * @param one     sends one message (to {@link Address#CHAT_MESSAGE_SEND})
   * @param several sends several in one request, answered {@code {results:[…]}}
   * @param answer  writes the answer to one send's reply address
   */
  SendPipeline(Function<JsonObject, Future<JsonObject>> one, Function<List<JsonObject>, Future<JsonObject>> several,
               BiConsumer<String, AsyncResult<JsonObject>> answer) {
    this.one = one;
    this.several = several;
    this.answer = answer;
  }

  /** Takes a send; completes when the connection may read its next frame. */
  Future<Void> offer(JsonObject body, String replyTo) {
    Waiting send = new Waiting(body, replyTo);
    if (!onItsWay) {
      go(List.of(send));
      return Future.succeededFuture();
    }
    waiting.add(send);
    if (waiting.size() < MAX_WAITING) {
      return Future.succeededFuture();
    }
    room = Promise.promise();
    return room.future();
  }

  private void go(List<Waiting> sends) {
    onItsWay = true;
    Future<Void> answered = sends.size() == 1
      ? one.apply(sends.get(0).body()).transform(result -> {
          answer.accept(sends.get(0).replyTo(), result);
          return Future.<Void>succeededFuture();
        })
      : several.apply(sends.stream().map(Waiting::body).toList()).transform(result -> {
          answerEach(sends, result);
          return Future.<Void>succeededFuture();
        });
    answered.onComplete(done -> {
      onItsWay = false;
      if (!waiting.isEmpty()) {
        List<Waiting> next = new ArrayList<>();
        while (!waiting.isEmpty() && next.size() < MAX_WAITING) {
          next.add(waiting.poll());
        }
        go(next);
      }
      if (room != null) {
        Promise<Void> free = room;
        room = null;
        free.complete();
      }
    });
  }

  /** Each send's own outcome, in order; a request that failed as a whole fails every send in it. */
  private void answerEach(List<Waiting> sends, AsyncResult<JsonObject> result) {
    JsonArray outcomes = result.succeeded() ? result.result().getJsonArray("results") : null;
    for (int i = 0; i < sends.size(); i++) {
      String replyTo = sends.get(i).replyTo();
      if (outcomes == null || i >= outcomes.size()) {
        answer.accept(replyTo, result.failed() ? result : Future.failedFuture("The chat service answered fewer sends than it got"));
        continue;
      }
      JsonObject outcome = outcomes.getJsonObject(i);
      ParleyException refused = BusErrors.failureOf(outcome);
      answer.accept(replyTo, refused == null ? Future.succeededFuture(outcome.getJsonObject("message")) : Future.failedFuture(refused));
    }
  }
}
