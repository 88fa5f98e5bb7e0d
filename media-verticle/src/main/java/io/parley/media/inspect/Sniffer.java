package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The real type of stored bytes, by Apache Tika's magic numbers: an HTML page renamed
 * {@code photo.jpg} sniffs as {@code text/html}, whatever the name or header says. Only the
 * first bytes are read.
 */
public final class Sniffer {

  /** Tika's magic patterns look at most this far in. */
  private static final int HEAD = 64 * 1024;
  private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

  private Sniffer() {
  }

  /**
   * The type of the object's bytes. {@code fileName}, when given, only refines a type the bytes
   * leave open (a ZIP that is a .docx, plain text that is CSV); it never overrides the bytes.
   */
  public static String detect(ObjectReader object, String fileName) throws IOException {
    byte[] head = object.readFully(0, HEAD);
    Metadata metadata = new Metadata();
    if (fileName != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    }
    MediaType type = TYPES.detect(new ByteArrayInputStream(head), metadata);
    return type.getBaseType().toString();
  }
}
