package io.parley.media.store;

import io.parley.shared.media.LocalObjects;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The local store: files under {@link LocalObjects#root()}, reached by clients through the
 * gateway's {@value LocalObjects#PATH_PREFIX} endpoint with URLs signed here. Each key is written
 * once (the endpoint and {@link #put} link a finished temporary file into place, which fails if
 * the key exists), so an upload is sealed as soon as it is complete.
 */
public final class LocalObjectStore implements ObjectStore {

  private final LocalObjects objects;

  public LocalObjectStore(LocalObjects objects) {
    this.objects = objects;
  }

  @Override
  public SignedRequest signPut(String key, String contentType, long length, Instant expires) {
    return new SignedRequest(objects.putUrl(key, contentType, length, expires), "PUT",
      Map.of("Content-Type", contentType), expires);
  }

  @Override
  public SignedRequest signGet(String key, String contentType, String disposition, Instant expires) {
    return new SignedRequest(objects.getUrl(key, contentType, disposition, expires), "GET", Map.of(), expires);
  }

  @Override
  public OptionalLong size(String key) throws IOException {
    Path file = objects.path(key);
    return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
  }

  @Override
  public String seal(String uploadKey, String sealedKey) {
    return uploadKey;
  }

  @Override
  public ObjectReader open(String key, long size) throws IOException {
    FileChannel channel = FileChannel.open(objects.path(key), StandardOpenOption.READ);
    return new ObjectReader() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public int read(long position, byte[] into, int offset, int length) throws IOException {
        if (position >= size) {
          return -1;
        }
        return channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(length, size - position)), position);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) throws IOException {
    Path target = objects.path(key);
    Files.createDirectories(target.getParent());
    Path temporary = Files.createDirectories(objects.root().resolve("tmp")).resolve(UUID.randomUUID().toString());
    Files.write(temporary, bytes);
    try {
      Files.createLink(target, temporary);
    } catch (FileAlreadyExistsException written) {
      // Written by an earlier attempt of the same completion: the same bytes.
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      Files.deleteIfExists(objects.path(key));
    } catch (NoSuchFileException gone) {
      // deleted meanwhile
    }
  }

  @Override
  public void close() {
  }
}
