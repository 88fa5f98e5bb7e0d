package io.parley.gateway.realtime;

import io.parley.gateway.realtime.TokenVerifier.Identity;
import io.parley.shared.Address;
import io.parley.shared.Caller;
import io.opentelemetry.api.trace.SpanKind;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.BusErrors;
import io.parley.shared.tracing.Correlation;
import io.parley.shared.tracing.Work;
import io.parley.shared.error.ParleyException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser connection on the bridge. It speaks the standard bridge frames, but decides itself
 * what each may do: unauthenticated connections get nothing; a user may listen only to
 * {@link Address#CLIENT_EVENTS} (their own events) and announcements, may send only to the
 * documented command addresses, and may never publish. The identity forwarded with a command is
 * the one from the verified token, whatever headers the client wrote.
 *
 * <p>Frames are handled one after another, in arrival order, even when one waits for token
 * verification or a service reply. Message sends are the exception: they are pipelined
 * ({@link SendPipeline}), stored and answered in the order sent, while later frames go on.
 */
final class ClientConnection {

  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  private final Vertx vertx;
  private final SockJSSocket socket;
  private final RealtimeSettings settings;
  private final TokenVerifier verifier;
  private final LocalRouter router;
  private final Commands commands;
  private final String connectionId = UUID.randomUUID().toString();
  private final TokenBucket frameBudget;

  /** The socket's own event loop: closing from elsewhere must not overtake a frame written before. */
  private Context context;
  private Identity identity;
  private String verifiedToken;
  private boolean attached;
  private boolean closed;
  private boolean counted;
  private long expiryTimer = -1;
  private long authenticationDeadline;
  private int refusals;
  private long commandCount;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicInteger framesWhileCongested = new AtomicInteger();
  private volatile boolean congested;
  private volatile long congestionTimer = -1;
  private Future<Void> previous = Future.succeededFuture();
  private final SendPipeline sends;

  ClientConnection(Vertx vertx, SockJSSocket socket, RealtimeSettings settings, TokenVerifier verifier,
                   LocalRouter router, Commands commands) {
    this.vertx = vertx;
    this.socket = socket;
    this.settings = settings;
    this.verifier = verifier;
    this.router = router;
    this.commands = commands;
    this.frameBudget = new TokenBucket(settings.framesPerSecond(), settings.frameBurst());
    this.sends = new SendPipeline(
      body -> run(Address.CHAT_MESSAGE_SEND, () -> commands.find(Address.CHAT_MESSAGE_SEND).handle(this, body)),
      bodies -> run(Address.CHAT_MESSAGE_SEND_BATCH, () -> commands.sendBatch(this, bodies)),
      (replyTo, result) -> answer(replyTo, result, Address.CHAT_MESSAGE_SEND));
  }

  void start() {
    context = vertx.getOrCreateContext();
    counted = true;
    router.metrics().connectionOpened();
    socket.handler(this::onFrame);
    socket.closeHandler(closed -> onClosed());
    authenticationDeadline = vertx.setTimer(settings.authenticationTimeoutMs(), timeout -> {
      if (identity == null) {
        refuseAndClose(Frames.UNAUTHENTICATED);
      }
    });
  }

  String userId() {
    return identity == null ? null : identity.userId();
  }

  String sessionId() {
    return identity == null ? null : identity.sessionId();
  }

  String id() {
    return connectionId;
  }

  /** Who sends this connection's commands: the verified token's user and session, whatever headers the client wrote. */
  Caller caller() {
    String correlationId = Correlation.current();
    return Caller.of(userId(), sessionId(), null, null, correlationId != null ? correlationId : connectionId);
  }

  /**
   * Writes an event frame. The outgoing queue is bounded: what is written but not yet flushed to
   * the network is counted (the SockJS session's own measure resets whenever it hands a batch to
   * the transport, so it cannot tell a slow reader). Over the bound, a client loses ephemeral
   * events (typing, presence) first; messages still queue, but a client that does not drain
   * within a grace period, or falls too many frames behind, is disconnected and catches up
   * through sync when it reconnects. Writes never wait, so one slow client holds back no one.
   */
  void deliver(Buffer frame, boolean ephemeral) {
    if (closed) {
      return;
    }
    if (queuedBytes.get() > settings.writeQueueBytes()) {
      if (ephemeral) {
        return;
      }
      if (!congested) {
        congested = true;
        congestionTimer = vertx.setTimer(settings.slowClientGraceMs(), graceOver -> {
          if (congested) {
            disconnectSlowClient();
          }
        });
      }
      if (framesWhileCongested.incrementAndGet() > settings.maxQueuedFrames()) {
        disconnectSlowClient();
        return;
      }
    }
    int size = frame.length();
    queuedBytes.addAndGet(size);
    write(frame).onComplete(written -> {
      if (queuedBytes.addAndGet(-size) <= settings.writeQueueBytes() / 2 && congested) {
        congested = false;
        framesWhileCongested.set(0);
        vertx.cancelTimer(congestionTimer);
      }
    });
  }

  /** The device session behind this connection was revoked (signed out, stolen, password changed). */
  void sessionRevoked() {
    refuseAndClose(Frames.SESSION_REVOKED);
  }

  /** Closes the connection from the server side (after whatever was already written). */
  void close() {
    if (Vertx.currentContext() != context) {
      context.runOnContext(onOwnLoop -> close());
      return;
    }
    if (!closed) {
      closed = true;
      socket.end();
      onClosed();
    }
  }

  private void disconnectSlowClient() {
    log.info("Disconnecting slow client {} of user {}", connectionId, userId());
    router.metrics().slowConsumerCutOff();
    refuseAndClose(Frames.SLOW_CONSUMER);
  }

  private void onFrame(Buffer raw) {
    if (closed) {
      return;
    }
    router.metrics().frameIn();
    if (raw.length() > settings.maxFrameBytes()) {
      refuseAndClose(Frames.FRAME_TOO_LARGE);
      return;
    }
    if (!frameBudget.tryTake(System.nanoTime())) {
      router.metrics().frameRateLimited();
      refuse(Frames.RATE_LIMITED, "frames over the rate limit");
      return;
    }
    JsonObject frame;
    try {
      frame = raw.toJsonObject();
    } catch (DecodeException | ClassCastException malformed) {
      refuse(Frames.INVALID_FRAME, "a malformed frame");
      return;
    }
    previous = previous.transform(ignored -> handle(frame)).recover(failure -> {
      log.warn("Frame handling failed on connection {}", connectionId, failure);
      return Future.succeededFuture();
    });
  }

  private Future<Void> handle(JsonObject frame) {
    String type = String.valueOf(frame.getValue("type"));
    if ("ping".equals(type)) {
      return Future.succeededFuture();
    }
    if ("publish".equals(type)) {
      refuse(Frames.ACCESS_DENIED, "a publish to " + frame.getString("address"));
      return Future.succeededFuture();
    }
    JsonObject headers = frame.getValue("headers") instanceof JsonObject json ? json : new JsonObject();
    return authenticate(headers.getValue(TokenVerifier.HEADER)).compose(authenticated -> {
      if (!authenticated) {
        return Future.succeededFuture();
      }
      String address = frame.getValue("address") instanceof String text ? text : null;
      return switch (type) {
        case "register" -> register(address);
        case "unregister" -> unregister(address);
        case "send" -> send(address, frame.getValue("body"), frame.getValue("replyAddress"));
        default -> {
          refuse(Frames.INVALID_FRAME, "an unknown frame type " + type);
          yield Future.succeededFuture();
        }
      };
    });
  }

  /** Binds the connection to the token's user on first use; later tokens renew it and must be the same user's. */
  private Future<Boolean> authenticate(Object header) {
    if (header == null || header.equals(verifiedToken)) {
      if (identity == null || identity.expiresAtMillis() <= System.currentTimeMillis()) {
        refuseAndClose(identity == null ? Frames.UNAUTHENTICATED : Frames.TOKEN_EXPIRED);
        return Future.succeededFuture(false);
      }
      if (verifier.isRevoked(identity)) {
        refuseAndClose(Frames.SESSION_REVOKED);
        return Future.succeededFuture(false);
      }
      return Future.succeededFuture(true);
    }
    return verifier.verify(String.valueOf(header)).transform(verified -> {
      if (verified.failed()) {
        boolean revoked = verified.cause() instanceof ParleyException refusal
          && refusal.errorCode().equals(AuthErrors.SESSION_REVOKED);
        refuseAndClose(revoked ? Frames.SESSION_REVOKED : Frames.UNAUTHENTICATED);
        return Future.succeededFuture(false);
      }
      Identity presented = verified.result();
      if (identity != null && !identity.userId().equals(presented.userId())) {
        LocalRouter.logRefusal("a token of another user", identity.userId());
        refuseAndClose(Frames.ACCESS_DENIED);
        return Future.succeededFuture(false);
      }
      boolean first = identity == null;
      identity = presented;
      verifiedToken = String.valueOf(header);
      scheduleExpiry();
      if (first) {
        vertx.cancelTimer(authenticationDeadline);
        attached = true;
        return router.attach(this).map(true).recover(failure -> {
          log.warn("Could not load chats of user {}: {}", identity.userId(), failure.getMessage());
          refuseAndClose(Frames.SERVICE_UNAVAILABLE);
          return Future.succeededFuture(false);
        });
      }
      return Future.succeededFuture(true);
    });
  }

  /** A connection lives only as long as its token: present a fresh one before this fires. */
  private void scheduleExpiry() {
    vertx.cancelTimer(expiryTimer);
    long delay = Math.max(1, identity.expiresAtMillis() - System.currentTimeMillis());
    expiryTimer = vertx.setTimer(delay, expired -> refuseAndClose(Frames.TOKEN_EXPIRED));
  }

  private Future<Void> register(String address) {
    if (Address.CLIENT_EVENTS.equals(address)) {
      return Future.succeededFuture();
    }
    if (Address.CLIENT_ANNOUNCEMENTS.equals(address)) {
      router.listenToAnnouncements(this);
      return Future.succeededFuture();
    }
    refuse(Frames.ACCESS_DENIED, "a register to " + address);
    return Future.succeededFuture();
  }

  private Future<Void> unregister(String address) {
    if (Address.CLIENT_ANNOUNCEMENTS.equals(address)) {
      router.stopListeningToAnnouncements(this);
    }
    return Future.succeededFuture();
  }

  private Future<Void> send(String address, Object body, Object replyAddress) {
    Commands.Command command = address == null ? null : commands.find(address);
    if (command == null) {
      refuse(Frames.ACCESS_DENIED, "a send to " + address);
      return Future.succeededFuture();
    }
    String replyTo = replyAddress instanceof String text ? text : null;
    JsonObject request = body instanceof JsonObject json ? json : new JsonObject();
    if (Address.CHAT_MESSAGE_SEND.equals(address)) {
      return sends.offer(request, replyTo);
    }
    return run(address, () -> command.handle(this, request)).transform(result -> {
      answer(replyTo, result, address);
      return Future.succeededFuture();
    });
  }

  /** Each command is work of its own: a span, and a correlation id that starts with the connection's. */
  private Future<JsonObject> run(String address, Supplier<Future<JsonObject>> work) {
    String correlationId = connectionId + "-" + (++commandCount);
    return Work.run(vertx, correlationId, "bridge " + address, SpanKind.SERVER, io.opentelemetry.context.Context.root(), work);
  }

  private void answer(String replyTo, AsyncResult<JsonObject> result, String address) {
    if (replyTo != null && !closed) {
      write(result.succeeded()
        ? Frames.reply(replyTo, result.result())
        : Frames.failure(replyTo, asParley(result.cause(), address)));
    }
  }

  private ParleyException asParley(Throwable failure, String address) {
    return BusErrors.toParley(failure, connectionId, address);
  }

  private void refuse(String reason, String what) {
    LocalRouter.logRefusal(what, userId());
    write(Frames.refusal(reason));
    if (++refusals > settings.maxRefusals()) {
      refuseAndClose(Frames.ACCESS_DENIED);
    }
  }

  private void refuseAndClose(String reason) {
    if (Vertx.currentContext() != context) {
      context.runOnContext(onOwnLoop -> refuseAndClose(reason));
      return;
    }
    if (closed) {
      return;
    }
    LocalRouter.logRefusal("the connection (" + reason + ")", userId());
    write(Frames.refusal(reason));
    closed = true;
    socket.close();
    onClosed();
  }

  private Future<Void> write(Buffer frame) {
    router.metrics().frameOut();
    return socket.write(frame);
  }

  private void onClosed() {
    closed = true;
    if (counted) {
      counted = false;
      router.metrics().connectionClosed();
    }
    vertx.cancelTimer(expiryTimer);
    vertx.cancelTimer(authenticationDeadline);
    if (attached) {
      attached = false;
      router.detach(this);
    }
  }
}
