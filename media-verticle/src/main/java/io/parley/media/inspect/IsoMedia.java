package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import java.io.IOException;

/**
 * MP4, M4A and QuickTime (ISO base media files): the duration from the movie header
 * ({@code moov/mvhd}) and the picture size from the first video track's header
 * ({@code moov/trak/tkhd}, whose track {@code mdia/hdlr} says {@code vide}). Only box headers are
 * read, wherever {@code moov} is (streaming-friendly files put it first, cameras last).
 */
final class IsoMedia {

  private IsoMedia() {
  }

  static TimedFacts read(ObjectReader object) throws IOException {
    long[] moov = find(object, 0, object.size(), "moov");
    if (moov == null) {
      return TimedFacts.UNKNOWN;
    }
    Long durationMs = null;
    Integer width = null;
    Integer height = null;
    long[] mvhd = find(object, moov[0], moov[1], "mvhd");
    if (mvhd != null) {
      byte[] header = object.readFully(mvhd[0], 32);
      boolean wide = header[0] == 1;
      long timescale = Bytes.bigEndian(header, wide ? 20 : 12, 4);
      long duration = Bytes.bigEndian(header, wide ? 24 : 16, wide ? 8 : 4);
      if (timescale > 0 && duration > 0) {
        durationMs = duration * 1000 / timescale;
      }
    }
    long at = moov[0];
    while (width == null) {
      long[] trak = find(object, at, moov[1], "trak");
      if (trak == null) {
        break;
      }
      long[] mdia = find(object, trak[0], trak[1], "mdia");
      long[] hdlr = mdia == null ? null : find(object, mdia[0], mdia[1], "hdlr");
      long[] tkhd = find(object, trak[0], trak[1], "tkhd");
      if (hdlr != null && tkhd != null && Bytes.ascii(object.readFully(hdlr[0], 12), 8, "vide")) {
        byte[] header = object.readFully(tkhd[0], 96);
        // version 0: 24 bytes of times and ids, 8 reserved, 8 of layer/group/volume, a 36-byte matrix.
        int sizeAt = header[0] == 1 ? 88 : 76;
        if (header.length >= sizeAt + 8) {
          width = (int) (Bytes.bigEndian(header, sizeAt, 4) >>> 16);
          height = (int) (Bytes.bigEndian(header, sizeAt + 4, 4) >>> 16);
        }
      }
      at = trak[1];
    }
    return new TimedFacts(durationMs, width != null && width > 0 ? width : null, height != null && height > 0 ? height : null);
  }

  /** The first box of {@code type} among the boxes in [from, to): its content's {start, end}, or null. */
  private static long[] find(ObjectReader object, long from, long to, String type) throws IOException {
    long at = from;
    while (at + 8 <= to) {
      byte[] header = object.readFully(at, 16);
      if (header.length < 8) {
        return null;
      }
      long size = Bytes.bigEndian(header, 0, 4);
      int headerLength = 8;
      if (size == 1 && header.length == 16) {
        size = Bytes.bigEndian(header, 8, 8);
        headerLength = 16;
      } else if (size == 0) {
        size = to - at;
      }
      if (size < headerLength || at + size > to) {
        return null;
      }
      if (Bytes.ascii(header, 4, type)) {
        return new long[] {at + headerLength, at + size};
      }
      at += size;
    }
    return null;
  }
}
