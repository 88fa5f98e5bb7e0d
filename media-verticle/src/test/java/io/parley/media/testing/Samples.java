package io.parley.media.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Real sample files, made by the tests: JPEG, PNG, GIF and WAV with the JDK; WebP, MP4, MP3 and
 * WebM/Ogg with Debian's ffmpeg (the build installs it, see {@code install-ffmpeg.sh}), each made
 * once per JVM. Plus files that must be refused: an HTML page, a pixel bomb, a corrupt JPEG.
 */
public final class Samples {

  private static final Map<String, byte[]> MADE = new ConcurrentHashMap<>();

  private Samples() {
  }

  /** A {@code width} × {@code height} photo as JPEG, with an EXIF orientation when it is not 1. */
  public static byte[] jpeg(int width, int height, int orientation) {
    byte[] plain = encode(picture(width, height, false), "jpg");
    return orientation == 1 ? plain : withExifOrientation(plain, orientation);
  }

  public static byte[] jpeg(int width, int height) {
    return jpeg(width, height, 1);
  }

  /** A half-transparent PNG. */
  public static byte[] png(int width, int height) {
    return encode(picture(width, height, true), "png");
  }

  public static byte[] gif(int width, int height) {
    BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
    Graphics2D graphics = indexed.createGraphics();
    graphics.drawImage(picture(width, height, false), 0, 0, null);
    graphics.dispose();
    return encode(indexed, "gif");
  }

  /** Mono 16-bit PCM at 8 kHz: {@code millis} of a 440 Hz tone. */
  public static byte[] wav(int millis) {
    int rate = 8000;
    int samples = rate * millis / 1000;
    ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
      .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      wav.putShort((short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8000));
    }
    return wav.array();
  }

  /** A 640 × 480 lossy WebP. */
  public static byte[] webp() {
    return ffmpeg("sample.webp", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=1", "-frames:v", "1", "-c:v", "libwebp");
  }

  /** Two seconds of 320 × 240 H.264 with AAC sound; {@code faststart} puts the movie header first. */
  public static byte[] mp4(boolean faststart) {
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
      "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast",
      "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mp4"));
    if (faststart) {
      args.addAll(List.of("-movflags", "+faststart"));
    }
    return ffmpeg(faststart ? "faststart.mp4" : "sample.mp4", args.toArray(String[]::new));
  }

  /** Three seconds of 440 Hz as a 64 kb/s MP3. */
  public static byte[] mp3() {
    return ffmpeg("sample.mp3", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=3",
      "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3");
  }

  /**
   * Two seconds of Opus in WebM written to a pipe, as a browser's MediaRecorder writes a voice
   * note: no duration in the header, no sizes on the segment and clusters.
   */
  public static byte[] liveWebm() {
    return MADE.computeIfAbsent("live.webm", name -> run(false, name, "-f", "lavfi", "-i",
      "sine=frequency=440:sample_rate=48000:duration=2", "-c:a", "libopus", "-f", "webm", "pipe:1"));
  }

  /** One second of 160 × 120 VP8 video in WebM, written to a file (with its duration). */
  public static byte[] webmVideo() {
    return ffmpeg("video.webm", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1", "-c:v", "libvpx",
      "-b:v", "200k", "-f", "webm");
  }

  /** Two seconds of Opus in Ogg. */
  public static byte[] oggOpus() {
    return ffmpeg("sample.ogg", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
      "-c:a", "libopus", "-f", "ogg");
  }

  /** A small PDF. */
  public static byte[] pdf() {
    String body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    return body.getBytes(StandardCharsets.US_ASCII);
  }

  /** A web page, to be passed off as a photo. */
  public static byte[] html() {
    return ("<!DOCTYPE html><html><head><title>not a photo</title></head><body><script>alert(document.cookie)"
      + "</script></body></html>\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A PNG of a few hundred bytes whose header declares {@code width} × {@code height} pixels: a
   * decompression bomb if anyone decoded it.
   */
  public static byte[] pixelBomb(int width, int height) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
      .put((byte) 0).put((byte) 0).put((byte) 0).array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[4096]);
    deflater.finish();
    byte[] compressed = new byte[512];
    int length = deflater.deflate(compressed);
    chunk(png, "IDAT", Arrays.copyOf(compressed, length));
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /** The start of a JPEG followed by noise: sniffs as JPEG, decodes as nothing. */
  public static byte[] corruptJpeg() {
    byte[] bytes = new byte[2048];
    new Random(7).nextBytes(bytes);
    bytes[0] = (byte) 0xff;
    bytes[1] = (byte) 0xd8;
    bytes[2] = (byte) 0xff;
    bytes[3] = (byte) 0xe0;
    return bytes;
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] typed = (type).getBytes(StandardCharsets.US_ASCII);
    png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    png.writeBytes(typed);
    png.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typed);
    crc.update(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static BufferedImage picture(int width, int height, boolean transparent) {
    BufferedImage image = new BufferedImage(width, height, transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setPaint(new GradientPaint(0, 0, new Color(20, 90, 200, transparent ? 128 : 255), width, height,
      new Color(240, 180, 30, transparent ? 200 : 255)));
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(Color.RED);
    graphics.fillRect(0, 0, Math.max(1, width / 4), Math.max(1, height / 4));
    graphics.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("No ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An APP1 EXIF segment with one IFD0 entry, Orientation, right after the JPEG's SOI marker. */
  private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26);
    tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8)
      .putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
      .putShort((short) 0).putInt(0);
    byte[] exif = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
      .put(tiff.array()).array();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xff);
    out.write(0xe1);
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) (exif.length + 2)).array());
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static byte[] ffmpeg(String name, String... args) {
    return MADE.computeIfAbsent(name, made -> run(true, made, args));
  }

  /** Runs ffmpeg; its output goes to a file, or (for {@code toFile} false) is read from its stdout, a pipe. */
  private static byte[] run(boolean toFile, String name, String... args) {
    try {
      Path dir = Files.createDirectories(Path.of(System.getProperty("parley.test.workDir",
        System.getProperty("java.io.tmpdir")), "samples"));
      Path out = dir.resolve(ProcessHandle.current().pid() + "-" + name);
      List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
        "-threads", "1"));
      command.addAll(Arrays.asList(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      if (toFile) {
        command.add(out.toString());
        builder.command(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      } else {
        builder.redirectOutput(out.toFile());
      }
      Process process = builder.start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("ffmpeg failed making " + name + ": " + command);
      }
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException("ffmpeg is needed for the media samples (see install-ffmpeg.sh)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
