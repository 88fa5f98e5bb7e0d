package io.parley.bench.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a value range onto pixels, linearly or by powers of ten, and picks the ticks a reader
 * expects: 1-2-5 steps on a linear axis, one per decade on a logarithmic one.
 */
record Scale(double min, double max, boolean logarithmic, double fromPixel, double toPixel) {

  /** A linear axis from zero (or the lowest value, when below zero) to a round number above the highest. */
  static Scale linear(double lowest, double highest, double fromPixel, double toPixel) {
    double top = highest <= 0 ? 1 : niceStep(highest / 5) * Math.ceil(highest / niceStep(highest / 5));
    return new Scale(Math.min(0, lowest), top, false, fromPixel, toPixel);
  }

  /** A logarithmic axis over the decades that hold every (positive) value. */
  static Scale logarithmic(double lowest, double highest, double fromPixel, double toPixel) {
    double floor = Math.pow(10, Math.floor(Math.log10(Math.max(lowest, 1e-9))));
    double ceiling = Math.pow(10, Math.ceil(Math.log10(Math.max(highest, floor * 10))));
    return new Scale(floor, ceiling == floor ? floor * 10 : ceiling, true, fromPixel, toPixel);
  }

  double pixel(double value) {
    double share = logarithmic
      ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
      : (value - min) / (max - min);
    return fromPixel + share * (toPixel - fromPixel);
  }

  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    if (logarithmic) {
      for (double tick = min; tick <= max * 1.0001; tick *= 10) {
        ticks.add(tick);
      }
      return ticks;
    }
    double step = niceStep((max - min) / 5);
    for (double tick = Math.ceil(min / step) * step; tick <= max + step / 1000; tick += step) {
      ticks.add(tick);
    }
    return ticks;
  }

  /** The 1, 2 or 5 times a power of ten nearest above {@code rough}. */
  static double niceStep(double rough) {
    double decade = Math.pow(10, Math.floor(Math.log10(rough)));
    double mantissa = rough / decade;
    return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * decade;
  }

  static String label(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      long whole = (long) value;
      return whole >= 10_000 && whole % 1000 == 0 ? (whole / 1000) + "k" : Long.toString(whole);
    }
    if (Math.abs(value) >= 100) {
      return String.format(java.util.Locale.ROOT, "%,.0f", value);
    }
    return String.format(java.util.Locale.ROOT, Math.abs(value) < 1 ? "%.2g" : "%.1f", value);
  }
}
