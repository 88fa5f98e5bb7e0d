package io.parley.media.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Positional reads of one stored object, so a check can look at a file's header, jump to a box
 * at its end or stream it through a decoder without ever holding it whole. Blocking; used from
 * one worker thread at a time.
 */
public interface ObjectReader extends AutoCloseable {

  /** The object's size in bytes. */
  long size();

  /**
   * Reads up to {@code length} bytes at {@code position} into {@code into}; answers how many were
   * read, -1 at the end of the object.
   */
  int read(long position, byte[] into, int offset, int length) throws IOException;

  /** Exactly {@code length} bytes at {@code position} (fewer only at the end of the object). */
  default byte[] readFully(long position, int length) throws IOException {
    int wanted = (int) Math.max(0, Math.min(length, size() - position));
    byte[] bytes = new byte[wanted];
    int done = 0;
    while (done < wanted) {
      int read = read(position + done, bytes, done, wanted - done);
      if (read < 0) {
        break;
      }
      done += read;
    }
    return done == wanted ? bytes : Arrays.copyOf(bytes, done);
  }

  /** The object from {@code position} on as a stream (for decoders that want one). */
  default InputStream stream(long position) {
    ObjectReader reader = this;
    return new InputStream() {
      private long at = position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        int read = reader.read(at, into, offset, length);
        if (read > 0) {
          at += read;
        }
        return read;
      }

      @Override
      public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, reader.size() - at));
        at += skipped;
        return skipped;
      }
    };
  }

  @Override
  void close() throws IOException;
}
