package io.parley.shared.housekeeping;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Schedules this node's housekeeping jobs every {@code housekeeping.intervalSeconds}, the first
 * round a random minute or so after start so nodes started together do not all knock at once
 * (the job locks make that harmless, only wasteful).
 */
public final class HousekeepingVerticle extends VerticleBase {

  private final List<HousekeepingJob> jobs;
  private long timer = -1;

  public HousekeepingVerticle(List<HousekeepingJob> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  @Override
  public Future<?> start() {
    Housekeeping housekeeping = new Housekeeping(Connections.postgres(vertx, config()), NodeServices.of(vertx).metrics());
    housekeeping.track(jobs);
    long intervalMs = Math.max(1, Config.longValue(config(), ConfigKeys.HOUSEKEEPING_INTERVAL_SECONDS, 3600)) * 1000;
    long firstMs = Math.min(intervalMs, 30_000 + ThreadLocalRandom.current().nextLong(30_000));
    timer = vertx.setPeriodic(firstMs, intervalMs, tick -> housekeeping.runAll(jobs));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
