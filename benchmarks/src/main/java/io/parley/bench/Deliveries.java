package io.parley.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every receiver of a fan-out run reports to. A message's text carries a mark, {@code
 * fanout/<step>/<nanoseconds at send>/}: plain ASCII that every server passes through unchanged,
 * however many times its frames encode it. A delivery names its step (so a late one of a step
 * before is not counted in the next) and is timed from its send: sender and receivers are in
 * this one JVM, so {@link System#nanoTime()} is their common clock.
 */
final class Deliveries {

  private static final String MARK = "fanout/";
  /** Times in marks count from here, so they are never negative. */
  private static final long ORIGIN = System.nanoTime();

  private final LongAdder frames = new LongAdder();
  private volatile Tally current = new Tally(-1);

  /** One step's deliveries: how many, their latencies, when the last arrived (on {@link #clock()}). */
  static final class Tally {
    final int step;
    final LongAdder received = new LongAdder();
    final LongAdder stale = new LongAdder();
    final Latencies latencies = new Latencies();
    final AtomicLong lastArrival = new AtomicLong();

    private Tally(int step) {
      this.step = step;
    }
  }

  /** Now, on the clock of the marks and of {@link Tally#lastArrival}, in nanoseconds. */
  static long clock() {
    return System.nanoTime() - ORIGIN;
  }

  /** The text of a message sent now in {@code step}, {@code filler} after its mark. */
  static String text(int step, String filler) {
    return MARK + step + "/" + clock() + "/ " + filler;
  }

  /** Counts deliveries for {@code step} from now on; the tally to read them from. */
  Tally begin(int step) {
    Tally tally = new Tally(step);
    current = tally;
    return tally;
  }

  /** A frame with messages in it (a delivery or not; no keep-alives): the run is quiet when these stop. */
  void frame() {
    frames.increment();
  }

  long frames() {
    return frames.sum();
  }

  /** A frame holding one delivered message: counted and timed if it is marked, for the step it names. */
  void message(String frame) {
    int at = frame.indexOf(MARK);
    if (at >= 0) {
      marked(frame, at);
    }
  }

  /** Where the next mark in {@code frame} from {@code from} on begins; -1 if none. */
  static int nextMark(String frame, int from) {
    return frame.indexOf(MARK, from);
  }

  /** The delivery whose mark begins at {@code at} in {@code frame}: counted and timed for the step it names. */
  void marked(String frame, int at) {
    long now = clock();
    int from = at + MARK.length();
    int step = 0;
    while (Character.isDigit(frame.charAt(from))) {
      step = step * 10 + (frame.charAt(from++) - '0');
    }
    long sent = 0;
    for (from++; Character.isDigit(frame.charAt(from)); from++) {
      sent = sent * 10 + (frame.charAt(from) - '0');
    }
    Tally tally = current;
    if (step != tally.step) {
      tally.stale.increment();
      return;
    }
    tally.received.increment();
    tally.latencies.add((now - sent) / 1_000);
    tally.lastArrival.accumulateAndGet(now, Math::max);
  }
}
