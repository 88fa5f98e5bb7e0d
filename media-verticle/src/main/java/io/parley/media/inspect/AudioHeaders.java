package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import java.io.IOException;

/**
 * Durations of the plain audio formats, from their headers: WAV (data size over byte rate), FLAC
 * (STREAMINFO's sample count), Ogg Opus and Vorbis (the last page's granule position) and MP3
 * (a Xing/Info or VBRI frame count, else the constant bit rate over the audio bytes).
 */
final class AudioHeaders {

  private static final int[] MP3_BITRATES_V1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
  private static final int[] MP3_BITRATES_V2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
  private static final int[][] MP3_RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}};
  /** The largest Ogg page: the last one starts within this many bytes of the end. */
  private static final int OGG_TAIL = 65_307;

  private AudioHeaders() {
  }

  static TimedFacts wav(ObjectReader object) throws IOException {
    byte[] riff = object.readFully(0, 12);
    if (!Bytes.ascii(riff, 0, "RIFF") || !Bytes.ascii(riff, 8, "WAVE")) {
      return TimedFacts.UNKNOWN;
    }
    long byteRate = 0;
    for (long at = 12; at + 8 <= object.size(); ) {
      byte[] chunk = object.readFully(at, 16);
      long size = Bytes.littleEndian(chunk, 4, 4);
      if (Bytes.ascii(chunk, 0, "fmt ") && chunk.length >= 16) {
        byteRate = Bytes.littleEndian(object.readFully(at + 8, 12), 8, 4);
      } else if (Bytes.ascii(chunk, 0, "data")) {
        long bytes = Math.min(size, object.size() - at - 8);
        return byteRate > 0 ? new TimedFacts(bytes * 1000 / byteRate, null, null) : TimedFacts.UNKNOWN;
      }
      at += 8 + size + (size & 1);
    }
    return TimedFacts.UNKNOWN;
  }

  static TimedFacts flac(ObjectReader object) throws IOException {
    byte[] head = object.readFully(0, 42);
    if (head.length < 26 || !Bytes.ascii(head, 0, "fLaC") || (head[4] & 0x7f) != 0) {
      return TimedFacts.UNKNOWN;
    }
    long packed = Bytes.bigEndian(head, 18, 8);
    long rate = packed >>> 44;
    long samples = packed & 0xF_FFFF_FFFFL;
    return rate > 0 && samples > 0 ? new TimedFacts(samples * 1000 / rate, null, null) : TimedFacts.UNKNOWN;
  }

  static TimedFacts ogg(ObjectReader object) throws IOException {
    byte[] first = object.readFully(0, 128);
    if (!Bytes.ascii(first, 0, "OggS") || first.length < 28) {
      return TimedFacts.UNKNOWN;
    }
    int packet = 27 + (first[26] & 0xff);
    long rate;
    long preSkip = 0;
    if (Bytes.ascii(first, packet, "OpusHead")) {
      rate = 48_000;
      preSkip = Bytes.littleEndian(first, packet + 10, 2);
    } else if (Bytes.ascii(first, packet + 1, "vorbis")) {
      rate = Bytes.littleEndian(first, packet + 12, 4);
    } else {
      return TimedFacts.UNKNOWN;
    }
    long tailStart = Math.max(0, object.size() - OGG_TAIL);
    byte[] tail = object.readFully(tailStart, OGG_TAIL);
    for (int at = tail.length - 27; at >= 0; at--) {
      if (Bytes.ascii(tail, at, "OggS")) {
        long granule = Bytes.littleEndian(tail, at + 6, 8);
        return rate > 0 && granule > preSkip ? new TimedFacts((granule - preSkip) * 1000 / rate, null, null) : TimedFacts.UNKNOWN;
      }
    }
    return TimedFacts.UNKNOWN;
  }

  static TimedFacts mp3(ObjectReader object) throws IOException {
    long start = 0;
    byte[] id3 = object.readFully(0, 10);
    if (Bytes.ascii(id3, 0, "ID3") && id3.length == 10) {
      long tagSize = (id3[6] & 0x7f) << 21 | (id3[7] & 0x7f) << 14 | (id3[8] & 0x7f) << 7 | id3[9] & 0x7f;
      start = 10 + tagSize + ((id3[5] & 0x10) != 0 ? 10 : 0);
    }
    byte[] frame = object.readFully(start, 4096);
    int sync = 0;
    while (sync + 4 <= frame.length && !((frame[sync] & 0xff) == 0xff && (frame[sync + 1] & 0xe0) == 0xe0)) {
      sync++;
    }
    if (sync + 4 > frame.length) {
      return TimedFacts.UNKNOWN;
    }
    int version = (frame[sync + 1] >> 3) & 3;
    int layer = (frame[sync + 1] >> 1) & 3;
    int bitrateIndex = (frame[sync + 2] >> 4) & 15;
    int rateIndex = (frame[sync + 2] >> 2) & 3;
    boolean mono = ((frame[sync + 3] >> 6) & 3) == 3;
    if (layer != 1 || version == 1 || rateIndex == 3 || bitrateIndex == 0 || bitrateIndex == 15) {
      return TimedFacts.UNKNOWN;
    }
    boolean mpeg1 = version == 3;
    long rate = MP3_RATES[version][rateIndex];
    long samplesPerFrame = mpeg1 ? 1152 : 576;
    int sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
    int xing = sync + 4 + sideInfo;
    if ((Bytes.ascii(frame, xing, "Xing") || Bytes.ascii(frame, xing, "Info")) && (frame[xing + 7] & 1) != 0) {
      long frames = Bytes.bigEndian(frame, xing + 8, 4);
      return new TimedFacts(frames * samplesPerFrame * 1000 / rate, null, null);
    }
    int vbri = sync + 4 + 32;
    if (Bytes.ascii(frame, vbri, "VBRI")) {
      long frames = Bytes.bigEndian(frame, vbri + 14, 4);
      return new TimedFacts(frames * samplesPerFrame * 1000 / rate, null, null);
    }
    long bitrate = (mpeg1 ? MP3_BITRATES_V1 : MP3_BITRATES_V2)[bitrateIndex] * 1000L;
    long audio = object.size() - start - sync;
    if (Bytes.ascii(object.readFully(object.size() - 128, 3), 0, "TAG")) {
      audio -= 128;
    }
    return new TimedFacts(audio * 8 * 1000 / bitrate, null, null);
  }
}
