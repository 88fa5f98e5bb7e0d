package io.parley.bench;

import io.parley.bench.FanOutServer.Room;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One rate of one fan-out scenario on one server: sends spread evenly over the rooms at {@code
 * rate} a second for {@code seconds}, open loop (the schedule never waits for the server), each
 * room's senders in turn; then the deliveries still on their way are awaited. What the receivers
 * counted and timed, and what the server's processes and the load client spent meanwhile.
 *
 * @param rate                         sends a second asked for
 * @param sends                        sends made
 * @param expected                     deliveries owed: each send, once to every member of its room (the sender too)
 * @param received                     deliveries that arrived marked for this step
 * @param seconds                      from the first send to the last delivery (or to the end of sending, if later)
 * @param latencyMillis                send-to-receive p50, p99, p999 and max, measured at each receiver
 * @param serverCpuSeconds             CPU time of every process of the server over the step and its drain
 * @param loadClientCpuSeconds         CPU time of this JVM (every client and the sender) meanwhile
 * @param lateFromEarlierStep          deliveries of an earlier step that arrived during this one (counted lost there)
 * @param problems                     what else went wrong, as the server's clients see it ({@link FanOutServer#endStep})
 */
record FanOutStep(int rate, long sends, long expected, long received, double seconds, double[] latencyMillis,
                  double serverCpuSeconds, double loadClientCpuSeconds, long lateFromEarlierStep, JsonObject problems) {

  /** The words after a message's mark; the same for every server. */
  private static final String FILLER = "a message of the fan-out benchmark";
  /** After the last send, how long without a new delivery counts as everything that will come having come. */
  private static final long SILENCE_NANOS = 5_000_000_000L;
  /** A saturated server's backlog is delivered in full (so that what is lost is lost, not late), up to this. */
  private static final long DRAIN_LIMIT_NANOS = 120_000_000_000L;

  static FanOutStep run(FanOutServer server, List<Room> rooms, Deliveries deliveries, int rate, int seconds, int step)
    throws Exception {
    Deliveries.Tally tally = deliveries.begin(step);
    double cpuBefore = server.cpuSeconds();
    double clientCpuBefore = thisJvmCpuSeconds();
    long start = System.nanoTime();
    long startClock = Deliveries.clock();
    long interval = 1_000_000_000L / rate;
    long total = (long) rate * seconds;
    long expected = 0;
    for (long i = 0; i < total; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 1_000_000) {
        Thread.sleep(wait / 1_000_000);
      }
      Room room = rooms.get((int) (i % rooms.size()));
      room.senders().get((int) ((i / rooms.size()) % room.senders().size())).send(Deliveries.text(step, FILLER));
      expected += room.members();
    }
    long sendingNanos = System.nanoTime() - start;
    awaitDrain(tally, expected);
    double serverCpu = server.cpuSeconds() - cpuBefore;
    double clientCpu = thisJvmCpuSeconds() - clientCpuBefore;
    long arrivedNanos = tally.lastArrival.get() - startClock;
    double elapsed = Math.max(sendingNanos, arrivedNanos) / 1e9;
    JsonObject problems = server.endStep();
    return new FanOutStep(rate, total, expected, tally.received.sum(), elapsed,
      tally.latencies.millisAtEach(0.50, 0.99, 0.999, 1), serverCpu, clientCpu, tally.stale.sum(), problems);
  }

  private static void awaitDrain(Deliveries.Tally tally, long expected) throws InterruptedException {
    long until = System.nanoTime() + DRAIN_LIMIT_NANOS;
    long lastCount = -1;
    long lastProgress = System.nanoTime();
    while (tally.received.sum() < expected && System.nanoTime() < until) {
      long count = tally.received.sum();
      if (count != lastCount) {
        lastCount = count;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > SILENCE_NANOS) {
        return;
      }
      Thread.sleep(10);
    }
  }

  private static double thisJvmCpuSeconds() {
    return ServerProcess.cpuSecondsOf(ProcessHandle.current().pid());
  }

  long lost() {
    return Math.max(0, expected - received);
  }

  /** Deliveries beyond those owed (a message delivered twice to someone): none, if the count is right. */
  long extra() {
    return Math.max(0, received - expected);
  }

  double deliveriesPerSecond() {
    return received / seconds;
  }

  double deliveriesPerServerCpuSecond() {
    return serverCpuSeconds > 0 ? received / serverCpuSeconds : 0;
  }

  /** Too much for the server: p99 over 2 s, or more than 1% lost. Higher rates are not run. */
  boolean saturated() {
    return latencyMillis[1] > 2_000 || lost() > expected / 100;
  }

  JsonObject toJson() {
    return new JsonObject().put("rate", rate).put("sends", sends).put("expectedDeliveries", expected).put("received", received)
      .put("lost", lost()).put("extra", extra()).put("lateFromEarlierStep", lateFromEarlierStep).put("seconds", round(seconds))
      .put("deliveriesPerSecond", round(deliveriesPerSecond()))
      .put("latencyMillis", new JsonObject().put("p50", latencyMillis[0]).put("p99", latencyMillis[1]).put("p999", latencyMillis[2])
        .put("max", latencyMillis[3]))
      .put("serverCpuSeconds", round(serverCpuSeconds)).put("deliveriesPerServerCpuSecond", round(deliveriesPerServerCpuSecond()))
      .put("loadClientCpuSeconds", round(loadClientCpuSeconds)).put("saturated", saturated())
      .mergeIn(problems);
  }

  /** The step in a line of the log. */
  String summary() {
    return String.format("%,d of %,d deliveries in %.1f s = %,.0f/s; send-to-receive p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.1f ms;"
        + " server CPU %.2f s = %,.0f deliveries per CPU-second; load client CPU %.2f s; %,d lost%s%s",
      received, expected, seconds, deliveriesPerSecond(), latencyMillis[0], latencyMillis[1], latencyMillis[2], latencyMillis[3],
      serverCpuSeconds, deliveriesPerServerCpuSecond(), loadClientCpuSeconds, lost(), extra() > 0 ? ", " + extra() + " extra" : "",
      problems.isEmpty() ? "" : "; " + problems.encode());
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
