package io.parley.media;

import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.MediaErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool where all work on stored bytes runs (S3 calls, file reads, sniffing, decoding):
 * never on an event loop, never more than {@code media.workers} at once per node, and never more
 * than {@code media.maxQueuedJobs} waiting. Beyond that a completion is refused with 503
 * {@code media.busy} rather than queued without end. Every verticle instance of a node shares the
 * pool and the count. A failing store (an I/O error) is answered 503 {@code service.unavailable}.
 */
final class Workers {

  private static final Logger log = LoggerFactory.getLogger(Workers.class);
  private static final String POOL = "parley-media";
  /** A refused completion is worth retrying this soon. */
  private static final int RETRY_AFTER_SECONDS = 2;

  private final WorkerExecutor executor;
  private final Jobs jobs;
  private final int limit;

  /** The node-wide count of jobs running or waiting. */
  private static final class Jobs implements Shareable {
    final AtomicInteger count = new AtomicInteger();
  }

  Workers(Vertx vertx, MediaSettings settings) {
    this.executor = vertx.createSharedWorkerExecutor(POOL, settings.workers());
    this.jobs = (Jobs) vertx.sharedData().getLocalMap(POOL).computeIfAbsent("jobs", name -> new Jobs());
    this.limit = settings.workers() + settings.maxQueuedJobs();
  }

  /** Runs {@code work} on the pool, or fails at once with 503 when the pool is full. */
  <T> Future<T> run(Callable<T> work) {
    if (jobs.count.incrementAndGet() > limit) {
      jobs.count.decrementAndGet();
      return Future.failedFuture(MediaErrors.BUSY.exception("Too many uploads are being checked; retry in a moment",
        new JsonObject().put("retryAfterSeconds", RETRY_AFTER_SECONDS)));
    }
    return executor.executeBlocking(work, false)
      .andThen(done -> jobs.count.decrementAndGet())
      .recover(failure -> {
        if (failure instanceof IOException storeDown) {
          log.warn("Object store failed: {}", storeDown.getMessage(), storeDown);
          return Future.failedFuture(CommonErrors.SERVICE_UNAVAILABLE.exception("The media store is not reachable right now"));
        }
        return Future.failedFuture(failure);
      });
  }

  Future<Void> close() {
    return executor.close();
  }
}
