package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import java.io.IOException;

/**
 * Reads that tell the store's failures apart from bad bytes. A decoder turns any I/O trouble into
 * an exception of its own; a failure marked here as the store's means "try again later" (503),
 * not "these bytes are not an image" (422).
 */
final class StoreReads {

  /** The store failed while a decoder read from it. */
  static final class StoreFailure extends IOException {
    StoreFailure(IOException cause) {
      super("Reading the stored object failed: " + cause.getMessage(), cause);
    }
  }

  private StoreReads() {
  }

  static int read(ObjectReader object, long position, byte[] into, int offset, int length) throws StoreFailure {
    try {
      return object.read(position, into, offset, length);
    } catch (IOException failure) {
      throw new StoreFailure(failure);
    }
  }

  /** The store's failure somewhere in a decoder's exception, if any. */
  static StoreFailure storeFailureIn(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StoreFailure store) {
        return store;
      }
    }
    return null;
  }
}
