package io.parley.media.store;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Any S3-compatible store through the AWS SDK v2: the node's own calls go to
 * {@code media.s3.endpoint} over the SDK's URL-connection client (no second Netty beside
 * Vert.x's); URLs for browsers are signed for {@code media.s3.publicEndpoint}. The signed PUT
 * carries the content type and length, so S3 refuses any other body; the completion then checks
 * what was stored and copies it to its sealed key, where the upload URL cannot reach.
 */
public final class S3ObjectStore implements ObjectStore {

  /** Bytes fetched per ranged GET while reading: a header read costs one request, a 25 MB image about 25. */
  private static final int BLOCK = 1024 * 1024;

  private final S3Client client;
  private final S3Presigner presigner;
  private final String bucket;

  public S3ObjectStore(S3Client client, S3Presigner presigner, String bucket) {
    this.client = client;
    this.presigner = presigner;
    this.bucket = bucket;
  }

  /** The store the {@code media.s3.*} keys describe. */
  public static S3ObjectStore from(JsonObject config) {
    String bucket = Config.string(config, ConfigKeys.MEDIA_S3_BUCKET);
    if (bucket == null) {
      throw new IllegalStateException("media.store is s3 but " + ConfigKeys.MEDIA_S3_BUCKET + " is not set");
    }
    Region region = Region.of(Config.string(config, ConfigKeys.MEDIA_S3_REGION, "us-east-1"));
    String endpoint = Config.string(config, ConfigKeys.MEDIA_S3_ENDPOINT);
    String publicEndpoint = Config.string(config, ConfigKeys.MEDIA_S3_PUBLIC_ENDPOINT, endpoint);
    S3Configuration pathStyle = S3Configuration.builder()
      .pathStyleAccessEnabled(Config.bool(config, ConfigKeys.MEDIA_S3_PATH_STYLE, false)).build();
    AwsCredentialsProvider credentials = credentials(config);
    var clientBuilder = S3Client.builder()
      .region(region)
      .credentialsProvider(credentials)
      .serviceConfiguration(pathStyle)
      // Checksums only where S3 demands them: the presigned PUT a browser makes carries none either.
      .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
      .httpClientBuilder(UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30)));
    var presignerBuilder = S3Presigner.builder().region(region).credentialsProvider(credentials).serviceConfiguration(pathStyle);
    if (endpoint != null) {
      clientBuilder.endpointOverride(URI.create(endpoint));
    }
    if (publicEndpoint != null) {
      presignerBuilder.endpointOverride(URI.create(publicEndpoint));
    }
    // Resolved here, off the event loop (the verticle builds the store on a worker): the SDK's
    // default chain may ask the instance metadata service, and signing, which runs on the event
    // loop, then finds the credentials cached.
    credentials.resolveCredentials();
    return new S3ObjectStore(clientBuilder.build(), presignerBuilder.build(), bucket);
  }

  private static AwsCredentialsProvider credentials(JsonObject config) {
    String id = Config.string(config, ConfigKeys.MEDIA_S3_ACCESS_KEY_ID);
    String secret = Config.string(config, ConfigKeys.MEDIA_S3_SECRET_ACCESS_KEY);
    if (id != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public SignedRequest signPut(String key, String contentType, long length, Instant expires) {
    PresignedPutObjectRequest signed = presigner.presignPutObject(request -> request
      .signatureDuration(until(expires))
      .putObjectRequest(put -> put.bucket(bucket).key(key).contentType(contentType).contentLength(length)));
    return new SignedRequest(signed.url().toString(), "PUT", clientHeaders(signed.signedHeaders()), signed.expiration());
  }

  @Override
  public SignedRequest signGet(String key, String contentType, String disposition, Instant expires) {
    PresignedGetObjectRequest signed = presigner.presignGetObject(request -> request
      .signatureDuration(until(expires))
      .getObjectRequest(get -> get.bucket(bucket).key(key)
        .responseContentType(contentType).responseContentDisposition(disposition)));
    return new SignedRequest(signed.url().toString(), "GET", Map.of(), signed.expiration());
  }

  /**
   * The signed headers a client must set itself: not {@code Host} nor {@code Content-Length},
   * which a browser derives from the URL and the body (and refuses to set).
   */
  private static Map<String, String> clientHeaders(Map<String, List<String>> signed) {
    Map<String, String> headers = new LinkedHashMap<>();
    signed.forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        headers.put(name.equalsIgnoreCase("content-type") ? "Content-Type" : name, String.join(",", values));
      }
    });
    return headers;
  }

  private static Duration until(Instant expires) {
    return Duration.ofSeconds(Math.max(1, Duration.between(Instant.now(), expires).toSeconds()));
  }

  /** One call to S3; any failure of the SDK (an error answer, no connection) is the store's: an IOException. */
  private <T> T call(String what, Supplier<T> request) throws IOException {
    try {
      return request.get();
    } catch (SdkException failure) {
      throw new IOException("S3 " + what + " failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public OptionalLong size(String key) throws IOException {
    try {
      return OptionalLong.of(call("HEAD " + key, () -> client.headObject(head -> head.bucket(bucket).key(key)).contentLength()));
    } catch (IOException failure) {
      if (failure.getCause() instanceof NoSuchKeyException
        || failure.getCause() instanceof S3Exception answer && answer.statusCode() == 404) {
        return OptionalLong.empty();
      }
      throw failure;
    }
  }

  @Override
  public String seal(String uploadKey, String sealedKey) throws IOException {
    call("copy of " + uploadKey, () -> client.copyObject(copy -> copy.sourceBucket(bucket).sourceKey(uploadKey)
      .destinationBucket(bucket).destinationKey(sealedKey)));
    call("DELETE " + uploadKey, () -> client.deleteObject(delete -> delete.bucket(bucket).key(uploadKey)));
    return sealedKey;
  }

  @Override
  public ObjectReader open(String key, long size) {
    return new ObjectReader() {
      private long blockStart = -1;
      private byte[] block;

      @Override
      public long size() {
        return size;
      }

      @Override
      public int read(long position, byte[] into, int offset, int length) throws IOException {
        if (position >= size) {
          return -1;
        }
        long start = position - position % BLOCK;
        if (start != blockStart) {
          block = fetch(key, start, (int) Math.min(BLOCK, size - start));
          blockStart = start;
        }
        int from = (int) (position - start);
        int count = Math.min(length, block.length - from);
        System.arraycopy(block, from, into, offset, count);
        return count;
      }

      @Override
      public void close() {
      }
    };
  }

  private byte[] fetch(String key, long start, int length) throws IOException {
    String range = "bytes=" + start + "-" + (start + length - 1);
    try (ResponseInputStream<GetObjectResponse> in = call("GET " + key + " " + range,
      () -> client.getObject(get -> get.bucket(bucket).key(key).range(range)))) {
      return readExactly(in, length);
    }
  }

  private static byte[] readExactly(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("The object is shorter than its size");
    }
    return bytes;
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) throws IOException {
    call("PUT " + key, () -> client.putObject(put -> put.bucket(bucket).key(key).contentType(contentType),
      RequestBody.fromBytes(bytes)));
  }

  @Override
  public void delete(String key) throws IOException {
    call("DELETE " + key, () -> client.deleteObject(delete -> delete.bucket(bucket).key(key)));
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
  }
}
