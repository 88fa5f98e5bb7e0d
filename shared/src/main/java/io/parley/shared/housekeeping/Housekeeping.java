package io.parley.shared.housekeeping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.shared.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs housekeeping jobs as cluster singletons. Every node that runs a domain schedules that
 * domain's jobs, but each batch first takes a transaction-scoped PostgreSQL advisory lock named
 * after its job: a node that finds the lock taken skips the round, so a job never runs twice at
 * once, and any surviving node carries on when one goes away.
 */
public final class Housekeeping {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  static final int BATCH = 5_000;
  /** Enough batches per round to clear a large backlog without holding a connection for long. */
  private static final int MAX_BATCHES = 100;

  private final Pool pool;
  private final MeterRegistry metrics;

  public Housekeeping(Pool pool, MeterRegistry metrics) {
    this.pool = pool;
    this.metrics = metrics;
  }

  /** Registers the jobs' counters, so each shows (at 0) before its first round. */
  public void track(List<HousekeepingJob> jobs) {
    jobs.forEach(this::counter);
  }

  /** Runs every job once, one after another; completes when all are done (failures are logged). */
  public Future<Void> runAll(List<HousekeepingJob> jobs) {
    Future<Void> chain = Future.succeededFuture();
    for (HousekeepingJob job : jobs) {
      chain = chain.compose(previous -> run(job)
        .onSuccess(removed -> {
          if (removed > 0) {
            log.info("Housekeeping {}: removed {} rows", job.name(), removed);
          }
        })
        .<Void>mapEmpty()
        .recover(failure -> {
          log.warn("Housekeeping {} failed: {}", job.name(), failure.getMessage());
          return Future.succeededFuture();
        }));
    }
    return chain;
  }

  /** One round of a job: batches until one comes back short; 0 when another node holds the job. */
  public Future<Long> run(HousekeepingJob job) {
    return batches(job, 0, 0);
  }

  private Future<Long> batches(HousekeepingJob job, int done, long removed) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
        .execute(Tuple.of(lockKey(job)))
        .compose(lock -> lock.iterator().next().getBoolean("locked") ? job.runBatch(tx, BATCH) : Future.succeededFuture(-1)))
      .compose(count -> {
        if (count < 0) {
          return Future.succeededFuture(removed);
        }
        counter(job).increment(count);
        return count < BATCH || done + 1 >= MAX_BATCHES
          ? Future.succeededFuture(removed + count)
          : batches(job, done + 1, removed + count);
      });
  }

  private Counter counter(HousekeepingJob job) {
    return Counter.builder(Meters.HOUSEKEEPING_REMOVED).description("Rows removed by housekeeping")
      .tag("job", job.name()).register(metrics);
  }

  /** A lock key per job name, stable across nodes and releases. */
  static long lockKey(HousekeepingJob job) {
    return UUID.nameUUIDFromBytes(("parley.housekeeping." + job.name()).getBytes(StandardCharsets.UTF_8))
      .getMostSignificantBits();
  }
}
