package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;

/** An object in memory, for tests of what is read from stored bytes. */
final class BytesReader implements ObjectReader {

  private final byte[] bytes;
  /** Every read, to show what a check looks at. */
  long bytesRead;

  BytesReader(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public int read(long position, byte[] into, int offset, int length) {
    if (position >= bytes.length) {
      return -1;
    }
    int count = (int) Math.min(length, bytes.length - position);
    System.arraycopy(bytes, (int) position, into, offset, count);
    bytesRead += count;
    return count;
  }

  @Override
  public void close() {
  }
}
