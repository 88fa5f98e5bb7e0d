package io.parley.bench;

import java.util.Arrays;

/** Collected latencies (microseconds) and their percentiles. */
final class Latencies {

  private long[] values = new long[1024];
  private int count;

  synchronized void add(long micros) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = micros;
  }

  synchronized int count() {
    return count;
  }

  /** {@code p50 … p99 max} in milliseconds, for a report line. */
  synchronized String summary() {
    if (count == 0) {
      return "no samples";
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
      at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[count - 1] / 1000.0);
  }

  /** The {@code quantile} (0.5, 0.99 …) in milliseconds; 0 with no samples. */
  synchronized double millisAt(double quantile) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return quantile >= 1 ? sorted[count - 1] / 1000.0 : at(sorted, quantile);
  }

  /** Each of {@code quantiles} (1 for the largest) in milliseconds, from one sort; zeros with no samples. */
  synchronized double[] millisAtEach(double... quantiles) {
    double[] millis = new double[quantiles.length];
    if (count == 0) {
      return millis;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    for (int i = 0; i < quantiles.length; i++) {
      millis[i] = quantiles[i] >= 1 ? sorted[count - 1] / 1000.0 : at(sorted, quantiles[i]);
    }
    return millis;
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
  }
}
