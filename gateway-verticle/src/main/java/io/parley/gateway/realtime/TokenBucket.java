package io.parley.gateway.realtime;

/** A per-connection frame budget: {@code ratePerSecond} sustained, up to {@code burst} at once. */
final class TokenBucket {

  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long lastRefill;

  TokenBucket(double ratePerSecond, double burst) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefill = System.nanoTime();
  }

  synchronized boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastRefill) * ratePerNano);
    lastRefill = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
