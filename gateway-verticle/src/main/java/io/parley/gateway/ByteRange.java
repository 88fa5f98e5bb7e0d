package io.parley.gateway;

/**
 * One range of a {@code Range: bytes=…} header (RFC 9110 §14), clipped to the object: {@code a-b},
 * {@code a-} (to the end) or {@code -n} (the last n bytes). Several ranges, or a header that is
 * not a byte range, are ignored (the whole object is served, as the RFC allows).
 */
record ByteRange(long first, long last) {

  /** A range wholly beyond the object: answered 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  long length() {
    return last - first + 1;
  }

  /** The range asked for, null for the whole object, or {@link #UNSATISFIABLE}. */
  static ByteRange parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String from = spec.substring(0, dash).trim();
      String to = spec.substring(dash + 1).trim();
      if (from.isEmpty()) {
        long suffix = Long.parseLong(to);
        if (suffix <= 0) {
          return size == 0 || suffix < 0 ? null : UNSATISFIABLE;
        }
        return size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long first = Long.parseLong(from);
      long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
      if (first < 0 || !to.isEmpty() && Long.parseLong(to) < first) {
        return null;
      }
      return first >= size ? UNSATISFIABLE : new ByteRange(first, last);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
