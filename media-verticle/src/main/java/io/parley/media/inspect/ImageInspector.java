package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import io.parley.shared.error.MediaErrors;
import io.parley.shared.error.ParleyException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * An image's upright width and height and its thumbnail, read from the stored bytes. The pixel
 * count comes from the header and is checked before anything is decoded, so a small file that
 * declares a gigapixel canvas (a decompression bomb) is refused without allocating it; the decode
 * itself skips rows and columns (subsampling) to about twice the thumbnail size, so even an image
 * at the pixel limit needs only a few megabytes. Thumbnails are JPEG, or PNG where the image has
 * transparency (Java has no WebP writer), and never larger than the image.
 */
public final class ImageInspector {

  /** A thumbnail: its encoded bytes, type and size. */
  public record Thumbnail(byte[] bytes, String contentType, int width, int height) {
  }

  /** What an image's bytes told: upright width and height, and its thumbnail. */
  public record ImageFacts(int width, int height, Thumbnail thumbnail) {
  }

  private static final float JPEG_QUALITY = 0.82f;

  static {
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
  }

  private ImageInspector() {
  }

  /**
   * Reads an image of {@code contentType}: 422 {@code media.too_many_pixels} over
   * {@code maxPixels}, 422 {@code media.unreadable} when it does not decode.
   *
   * @throws IOException when the store fails (not the bytes' fault)
   */
  public static ImageFacts inspect(ObjectReader object, String contentType, long maxPixels, int thumbnailSize)
    throws IOException {
    int orientation = Orientation.of(object, contentType);
    try (ImageInputStream in = new ReaderImageInputStream(object)) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(contentType);
      if (!readers.hasNext()) {
        throw MediaErrors.UNREADABLE.exception("No decoder for " + contentType);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        requireWithin(width, height, maxPixels);
        int step = Math.max(1, Math.max(width, height) / (thumbnailSize * 2));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        requireWithin(decoded.getWidth(), decoded.getHeight(), maxPixels);
        boolean sideways = Orientation.turnsSideways(orientation);
        return new ImageFacts(sideways ? height : width, sideways ? width : height,
          thumbnail(Orientation.upright(decoded, orientation), thumbnailSize));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException | OutOfMemoryError failure) {
      if (failure instanceof ParleyException refusal) {
        throw refusal;
      }
      StoreReads.StoreFailure store = StoreReads.storeFailureIn(failure);
      if (store != null) {
        throw store;
      }
      throw MediaErrors.UNREADABLE.exception("The image cannot be decoded: it is truncated or corrupt");
    }
  }

  private static void requireWithin(long width, long height, long maxPixels) {
    if (width <= 0 || height <= 0) {
      throw MediaErrors.UNREADABLE.exception("The image has no pixels");
    }
    if (width * height > maxPixels) {
      throw MediaErrors.TOO_MANY_PIXELS.exception("The image has " + width + " × " + height + " pixels; at most "
        + maxPixels + " are allowed");
    }
  }

  private static Thumbnail thumbnail(BufferedImage upright, int size) throws IOException {
    BufferedImage scaled = Math.max(upright.getWidth(), upright.getHeight()) <= size
      ? upright
      : Thumbnails.of(upright).size(size, size).keepAspectRatio(true).asBufferedImage();
    boolean transparent = scaled.getColorModel().hasAlpha();
    byte[] bytes = transparent ? png(scaled) : jpeg(opaque(scaled));
    return new Thumbnail(bytes, transparent ? "image/png" : "image/jpeg", scaled.getWidth(), scaled.getHeight());
  }

  private static BufferedImage opaque(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = rgb.createGraphics();
    try {
      graphics.drawImage(image, 0, 0, null);
    } finally {
      graphics.dispose();
    }
    return rgb;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("No PNG writer");
    }
    return out.toByteArray();
  }
}
