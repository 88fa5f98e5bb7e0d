package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO stream over a stored object, so decoders read it in place (a file, or ranged GETs)
 * instead of from a copy in memory or ImageIO's temporary-file cache. A small window keeps the
 * byte-at-a-time reads some decoders make cheap.
 */
final class ReaderImageInputStream extends ImageInputStreamImpl {

  private static final int WINDOW = 64 * 1024;

  private final ObjectReader object;
  private final byte[] window = new byte[WINDOW];
  private long windowStart;
  private int windowLength;

  ReaderImageInputStream(ObjectReader object) {
    this.object = object;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    checkClosed();
    bitOffset = 0;
    if (length == 0) {
      return 0;
    }
    if (streamPos >= object.size()) {
      return -1;
    }
    if (streamPos < windowStart || streamPos >= windowStart + windowLength) {
      if (length >= WINDOW) {
        int read = StoreReads.read(object, streamPos, into, offset, length);
        if (read > 0) {
          streamPos += read;
        }
        return read;
      }
      fill(streamPos);
    }
    int from = (int) (streamPos - windowStart);
    int count = Math.min(length, windowLength - from);
    System.arraycopy(window, from, into, offset, count);
    streamPos += count;
    return count;
  }

  private void fill(long position) throws IOException {
    windowStart = position;
    windowLength = 0;
    while (windowLength < WINDOW) {
      int read = StoreReads.read(object, position + windowLength, window, windowLength, WINDOW - windowLength);
      if (read < 0) {
        break;
      }
      windowLength += read;
    }
  }

  @Override
  public long length() {
    return object.size();
  }
}
