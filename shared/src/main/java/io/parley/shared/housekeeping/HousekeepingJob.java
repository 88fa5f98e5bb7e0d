package io.parley.shared.housekeeping;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.BiFunction;

/**
 * One kind of clean-up a domain needs now and then (expired sessions, old audit rows, superseded
 * private changes). {@link Housekeeping} runs it on one node of the cluster at a time, batch by
 * batch, each batch in a transaction of its own.
 */
public interface HousekeepingJob {

  /** A stable name: in logs, in the {@code job} tag of the metric, and in the job's lock. */
  String name();

  /**
   * Removes at most {@code batch} rows in {@code tx} (already inside a transaction); completes with
   * how many it removed. Fewer than {@code batch} means nothing is left for now.
   */
  Future<Integer> runBatch(SqlConnection tx, int batch);

  /** A job from its name and its batch: {@code (tx, batch) -> rows removed}. */
  static HousekeepingJob of(String name, BiFunction<SqlConnection, Integer, Future<Integer>> batch) {
    return new HousekeepingJob() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Integer> runBatch(SqlConnection tx, int size) {
        return batch.apply(tx, size);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
