package io.parley.media.store;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where media bytes live: S3 or the local store. Signing is pure computation and may run on an
 * event loop; every other method does I/O, blocks, and runs only on the media service's bounded
 * worker pool.
 *
 * <p>Keys are {@code uploads/<id>} (where a client uploads), {@code media/<id>} (sealed bytes)
 * and {@code thumbs/<id>.jpg|.png}.
 */
public interface ObjectStore extends AutoCloseable {

  /** A request a client makes itself: the URL, its method and exactly the headers to send. */
  record SignedRequest(String url, String method, Map<String, String> headers, Instant expiresAt) {
  }

  /** A PUT of exactly {@code length} bytes of {@code contentType} to {@code key}, valid until {@code expires}. */
  SignedRequest signPut(String key, String contentType, long length, Instant expires);

  /** A GET of {@code key} served as {@code contentType} with {@code disposition}, valid until {@code expires}. */
  SignedRequest signGet(String key, String contentType, String disposition, Instant expires);

  /** The stored size of an object; empty when there is none. */
  OptionalLong size(String key) throws IOException;

  /**
   * Makes the uploaded bytes unchangeable and answers the key they now live under: S3 copies
   * them to {@code sealedKey} (the upload URL could still overwrite the upload key); the local
   * store writes each key once, so the upload key is already sealed.
   */
  String seal(String uploadKey, String sealedKey) throws IOException;

  /** Reads an object at any position, without holding it in memory. */
  ObjectReader open(String key, long size) throws IOException;

  /** Stores a small object the service made (a thumbnail). */
  void put(String key, byte[] bytes, String contentType) throws IOException;

  /** Removes an object; nothing happens when there is none. */
  void delete(String key) throws IOException;

  @Override
  void close();
}
