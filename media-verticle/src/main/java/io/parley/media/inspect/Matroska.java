package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import java.io.IOException;
import java.util.Set;

/**
 * WebM and Matroska: the duration from the segment's Info (scaled by its TimecodeScale) and the
 * picture size from a video track. A file a browser recorded (MediaRecorder) is written live and
 * has neither a duration nor sizes on its segment and clusters; its duration is then the last
 * block's time, found by walking the clusters' block headers (never their payloads).
 */
final class Matroska {

  private static final long SEGMENT = 0x18538067L;
  private static final long INFO = 0x1549A966L;
  private static final long TIMECODE_SCALE = 0x2AD7B1L;
  private static final long DURATION = 0x4489L;
  private static final long TRACKS = 0x1654AE6BL;
  private static final long TRACK_ENTRY = 0xAEL;
  private static final long VIDEO = 0xE0L;
  private static final long PIXEL_WIDTH = 0xB0L;
  private static final long PIXEL_HEIGHT = 0xBAL;
  private static final long CLUSTER = 0x1F43B675L;
  private static final long CLUSTER_TIMECODE = 0xE7L;
  private static final long SIMPLE_BLOCK = 0xA3L;
  private static final long BLOCK_GROUP = 0xA0L;
  private static final long BLOCK = 0xA1L;
  /** Elements whose children are read in the same walk; everything else is skipped by its size. */
  private static final Set<Long> ENTERED = Set.of(SEGMENT, INFO, TRACKS, TRACK_ENTRY, VIDEO, CLUSTER, BLOCK_GROUP);
  private static final long UNKNOWN_SIZE = -1;

  private Matroska() {
  }

  static TimedFacts read(ObjectReader object) throws IOException {
    long scale = 1_000_000;
    Double duration = null;
    Integer width = null;
    Integer height = null;
    long clusterTime = 0;
    long lastBlockTime = -1;
    long at = 0;
    long end = object.size();
    while (at < end) {
      byte[] head = object.readFully(at, 12);
      int idLength = vintLength(head, 0);
      if (idLength < 1 || idLength > 4 || head.length < idLength + 1) {
        break;
      }
      long id = Bytes.bigEndian(head, 0, idLength);
      int sizeLength = vintLength(head, idLength);
      if (sizeLength < 1 || head.length < idLength + sizeLength) {
        break;
      }
      long size = vintValue(head, idLength, sizeLength);
      long data = at + idLength + sizeLength;
      if (ENTERED.contains(id)) {
        if (id == CLUSTER && duration != null) {
          break;
        }
        at = data;
        continue;
      }
      if (size == UNKNOWN_SIZE || data + size > end) {
        break;
      }
      if (id == TIMECODE_SCALE || id == PIXEL_WIDTH || id == PIXEL_HEIGHT || id == CLUSTER_TIMECODE) {
        long value = Bytes.bigEndian(object.readFully(data, (int) Math.min(size, 8)), 0, (int) Math.min(size, 8));
        if (id == TIMECODE_SCALE) {
          scale = value;
        } else if (id == PIXEL_WIDTH && width == null) {
          width = (int) value;
        } else if (id == PIXEL_HEIGHT && height == null) {
          height = (int) value;
        } else {
          clusterTime = value;
        }
      } else if (id == DURATION && (size == 4 || size == 8)) {
        byte[] bits = object.readFully(data, (int) size);
        duration = size == 4 ? (double) Float.intBitsToFloat((int) Bytes.bigEndian(bits, 0, 4))
          : Double.longBitsToDouble(Bytes.bigEndian(bits, 0, 8));
      } else if (id == SIMPLE_BLOCK || id == BLOCK) {
        byte[] block = object.readFully(data, 11);
        int track = vintLength(block, 0);
        if (track >= 1 && block.length >= track + 2) {
          lastBlockTime = Math.max(lastBlockTime, clusterTime + (short) Bytes.bigEndian(block, track, 2));
        }
      }
      at = data + size;
    }
    Long durationMs = duration != null ? Math.round(duration * scale / 1_000_000)
      : lastBlockTime >= 0 ? lastBlockTime * scale / 1_000_000 : null;
    return new TimedFacts(durationMs, width, height);
  }

  /** The length of the variable-size integer at {@code offset}: its leading zero bits plus one. */
  private static int vintLength(byte[] bytes, int offset) {
    if (offset >= bytes.length || bytes[offset] == 0) {
      return 0;
    }
    return Integer.numberOfLeadingZeros(bytes[offset] & 0xff) - 23;
  }

  /** A size's value without its marker bit; all value bits set means "unknown" (a live stream). */
  private static long vintValue(byte[] bytes, int offset, int length) {
    long value = bytes[offset] & (0xff >> length);
    boolean allOnes = value == (0xff >> length);
    for (int i = 1; i < length; i++) {
      int b = bytes[offset + i] & 0xff;
      allOnes &= b == 0xff;
      value = value << 8 | b;
    }
    return allOnes ? UNKNOWN_SIZE : value;
  }
}
