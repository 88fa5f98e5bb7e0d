package io.parley.shared.tracing;

import io.parley.shared.Headers;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.internal.ContextInternal;

/**
 * The correlation id of the work running now. It is set where work enters a node (a REST request,
 * a bridge command, a Kafka record: see {@link Work}), rides in the {@link Headers#CORRELATION_ID}
 * header of every bus message the work sends, is picked up again on whichever node handles the
 * next step, and is written into every log line of the work.
 *
 * <p>It lives in the local data of the current <em>duplicated</em> Vert.x context: Vert.x gives
 * each HTTP request and each delivered bus message one of its own, so concurrent work on one
 * event loop never sees another's id. On a plain (shared) context nothing is stored.
 */
public final class Correlation {

  private static final String KEY = "parley.correlationId";

  private Correlation() {
  }

  /** The id of the current work, or null outside of any. */
  public static String current() {
    ContextInternal context = ContextInternal.current();
    return context == null || !context.isDuplicate() ? null : (String) context.localContextData().get(KEY);
  }

  /** Names the current work (on a duplicated context; elsewhere it does nothing). */
  public static void set(String id) {
    ContextInternal context = ContextInternal.current();
    if (id != null && !id.isEmpty() && context != null && context.isDuplicate()) {
      context.localContextData().put(KEY, id);
    }
  }

  /**
   * Makes the event bus carry correlation ids: every message sent while work is running takes its
   * id (unless the sender set one), and every delivered message names its handler's work with it.
   */
  public static void install(EventBus bus) {
    bus.addOutboundInterceptor(delivery -> {
      String id = current();
      if (id != null && !delivery.message().headers().contains(Headers.CORRELATION_ID)) {
        delivery.message().headers().add(Headers.CORRELATION_ID, id);
      }
      delivery.next();
    });
    bus.addInboundInterceptor(delivery -> {
      set(delivery.message().headers().get(Headers.CORRELATION_ID));
      delivery.next();
    });
  }
}
