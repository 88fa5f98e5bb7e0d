package io.parley.bench;

import java.util.List;

/**
 * Sends at a fixed rate, open loop: the schedule never waits for the server, so a server that
 * falls behind shows as latency, not as a lower rate asked. Sender {@code i} sends into chat
 * {@code i}, in turn. Then waits for the answers still on their way (10 s at most): they belong to
 * the step that sent them.
 */
final class OpenLoop {

  private static final long DRAIN_NANOS = 10_000_000_000L;

  private OpenLoop() {
  }

  static void send(List<String> chats, List<BridgeDevice> senders, int rate, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    long total = (long) rate * seconds;
    for (long i = 0; i < total; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 1_000_000) {
        Thread.sleep(wait / 1_000_000);
      }
      int group = (int) (i % chats.size());
      senders.get(group).send(chats.get(group));
    }
    long drainUntil = System.nanoTime() + DRAIN_NANOS;
    while (senders.stream().mapToInt(BridgeDevice::inFlight).sum() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(5);
    }
  }
}
