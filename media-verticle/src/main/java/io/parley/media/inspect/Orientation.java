package io.parley.media.inspect;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.parley.media.store.ObjectReader;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * The EXIF orientation of a photo (1 to 8), and turning a decoded image upright by it. Phones
 * store pixels as the sensor saw them and say in EXIF how to turn them; a thumbnail and the
 * reported width and height are of the upright picture.
 */
final class Orientation {

  static final int UPRIGHT = 1;

  private Orientation() {
  }

  /** The orientation EXIF states in a JPEG or WebP; upright when there is none or it cannot be read. */
  static int of(ObjectReader object, String contentType) {
    try (InputStream in = new BufferedInputStream(object.stream(0), 64 * 1024)) {
      Metadata metadata = switch (contentType) {
        case "image/jpeg" -> JpegMetadataReader.readMetadata(in);
        case "image/webp" -> WebpMetadataReader.readMetadata(in);
        default -> null;
      };
      ExifIFD0Directory exif = metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
        int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        return orientation >= 1 && orientation <= 8 ? orientation : UPRIGHT;
      }
    } catch (Exception unreadable) {
      // No usable EXIF: the pixels are shown as stored, as a browser would.
    }
    return UPRIGHT;
  }

  /** Whether the upright picture's width is the stored height (a quarter turn). */
  static boolean turnsSideways(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** The image turned and mirrored upright (the image is thumbnail-sized, so a pixel loop is cheap). */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= UPRIGHT || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean sideways = turnsSideways(orientation);
    BufferedImage turned = new BufferedImage(sideways ? h : w, sideways ? w : h,
      image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = image.getRGB(x, y);
        switch (orientation) {
          case 2 -> turned.setRGB(w - 1 - x, y, argb);
          case 3 -> turned.setRGB(w - 1 - x, h - 1 - y, argb);
          case 4 -> turned.setRGB(x, h - 1 - y, argb);
          case 5 -> turned.setRGB(y, x, argb);
          case 6 -> turned.setRGB(h - 1 - y, x, argb);
          case 7 -> turned.setRGB(h - 1 - y, w - 1 - x, argb);
          default -> turned.setRGB(y, w - 1 - x, argb);
        }
      }
    }
    return turned;
  }
}
