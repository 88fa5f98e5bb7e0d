package io.parley.node;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback source addresses for test clients (127.0.1.1 onwards; Linux routes all of 127.0.0.0/8
 * to the loopback device). The test classes of this module share one Redis, and the sign-up and
 * sign-in limits count per client address: a client of its own keeps one class from spending
 * another's budget. The addresses tests pick by hand are under 127.0.1.0.
 */
final class ClientAddresses {

  private static final AtomicInteger ISSUED = new AtomicInteger();

  private ClientAddresses() {
  }

  static String next() {
    int n = ISSUED.getAndIncrement();
    return "127.0." + (1 + n / 250) + "." + (1 + n % 250);
  }
}
