package io.parley.bench.scaling;

import java.util.Locale;

/** Numbers as the plan prints them: the same text on every machine, so the document can be checked against it. */
final class Format {

  private Format() {
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }

  static String decimal(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return count(value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%,.1f" : Math.abs(value) >= 0.1 ? "%.2f" : "%.4f", value);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  static String kib(double bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
  }
}
