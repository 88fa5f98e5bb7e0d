package io.parley.media.inspect;

/** Reading numbers out of container headers. */
final class Bytes {

  private Bytes() {
  }

  static long bigEndian(byte[] bytes, int offset, int length) {
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = value << 8 | bytes[offset + i] & 0xff;
    }
    return value;
  }

  static long littleEndian(byte[] bytes, int offset, int length) {
    long value = 0;
    for (int i = length - 1; i >= 0; i--) {
      value = value << 8 | bytes[offset + i] & 0xff;
    }
    return value;
  }

  static boolean ascii(byte[] bytes, int offset, String text) {
    if (offset < 0 || offset + text.length() > bytes.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (bytes[offset + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
