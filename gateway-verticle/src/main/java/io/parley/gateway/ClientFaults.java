package io.parley.gateway;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures that are the client's doing, not the server's: a client that went away mid-request, a
 * malformed or truncated chunked body, a reset connection. They are logged in one line at DEBUG
 * (an ERROR with a stack trace would page someone for a browser tab that was closed).
 */
final class ClientFaults {

  private static final Logger log = LoggerFactory.getLogger(ClientFaults.class);

  private ClientFaults() {
  }

  static boolean isClientFault(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException
        || cause instanceof DecoderException || cause instanceof TooLongFrameException
        || cause instanceof PrematureChannelClosureException
        // Netty's HTTP decoder reports a chunk size that is no number this way.
        || cause instanceof NumberFormatException && String.valueOf(cause.getMessage()).contains("chunk")
        || cause instanceof IOException && String.valueOf(cause.getMessage()).contains("reset by peer")
        || cause instanceof VertxException && "Connection was closed".equals(cause.getMessage())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The HTTP server's handler for connection-level failures. */
  static void log(Throwable failure) {
    if (isClientFault(failure)) {
      log.debug("Client connection failed: {}", failure.toString());
    } else {
      log.warn("Connection failed: {}", failure.toString());
    }
  }
}
