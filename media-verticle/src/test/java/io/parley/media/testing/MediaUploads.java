package io.parley.media.testing;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.error.BusErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.UUID;

/**
 * The upload flow as a client goes through it, for any test that needs a real media: ask the
 * media service for an upload (over the bus, as the user), PUT the bytes to the signed URL with
 * exactly its headers (the gateway's local store, or S3), complete. Needs a media service and,
 * for the local store, a gateway listening on {@code httpPort}.
 */
public final class MediaUploads {

  private final Vertx vertx;
  private final WebClient http;
  private final int httpPort;

  public MediaUploads(Vertx vertx, int httpPort) {
    this.vertx = vertx;
    this.http = WebClient.create(vertx);
    this.httpPort = httpPort;
  }

  /** A ready media of {@code user}: the completion's answer. */
  public JsonObject upload(UUID user, String kind, String contentType, byte[] bytes, String fileName) {
    JsonObject created = create(user, kind, contentType, bytes.length, fileName);
    int status = put(created, bytes).statusCode();
    if (status != 200) {
      throw new AssertionError("The upload's PUT answered " + status);
    }
    return complete(user, created.getString("id"));
  }

  /** A ready JPEG photo of {@code user}, 640 × 480. */
  public JsonObject photo(UUID user) {
    return upload(user, "image", "image/jpeg", Samples.jpeg(640, 480), "photo.jpg");
  }

  /** Asks for an upload; the answer with its {@code upload} URL and headers. */
  public JsonObject create(UUID user, String kind, String contentType, long size, String fileName) {
    JsonObject body = new JsonObject().put("kind", kind).put("contentType", contentType).put("size", size);
    if (fileName != null) {
      body.put("fileName", fileName);
    }
    return call(user, Address.MEDIA_CREATE, body);
  }

  /** PUTs {@code bytes} to a created upload's URL with exactly its headers. */
  public HttpResponse<Buffer> put(JsonObject created, byte[] bytes) {
    JsonObject upload = created.getJsonObject("upload");
    HttpRequest<Buffer> request = http.requestAbs(HttpMethod.valueOf(upload.getString("method")), absolute(upload.getString("url")));
    for (Map.Entry<String, Object> header : upload.getJsonObject("headers")) {
      request.putHeader(header.getKey(), String.valueOf(header.getValue()));
    }
    return request.sendBuffer(Buffer.buffer(bytes)).await();
  }

  public JsonObject complete(UUID user, String mediaId) {
    return call(user, Address.MEDIA_COMPLETE, new JsonObject().put("mediaId", mediaId));
  }

  /** GETs a download URL (relative ones at the gateway), with extra request headers such as {@code Range}. */
  public HttpResponse<Buffer> fetch(String url, Map<String, String> headers) {
    HttpRequest<Buffer> request = http.requestAbs(HttpMethod.GET, absolute(url));
    headers.forEach(request::putHeader);
    return request.send().await();
  }

  /** A signed URL as a client reaches it: the local store's are relative to the API's origin. */
  public String absolute(String url) {
    return url.startsWith("/") ? "http://127.0.0.1:" + httpPort + url : url;
  }

  /** A successful bus request as {@code user}; a refusal fails with AssertionError. */
  public JsonObject call(UUID user, String address, JsonObject body) {
    try {
      return vertx.eventBus().<JsonObject>request(address, body, as(user)).await().body();
    } catch (ReplyException refused) {
      throw new AssertionError(address + " refused: " + refused.getMessage(), refused);
    }
  }

  /** A bus request as {@code user} that must be refused: the refusal. */
  public ParleyException refusal(UUID user, String address, JsonObject body) {
    try {
      JsonObject answer = vertx.eventBus().<JsonObject>request(address, body, as(user)).await().body();
      throw new AssertionError(address + " should have been refused but answered " + answer);
    } catch (ReplyException refused) {
      return BusErrors.fromReply(refused);
    }
  }

  private static DeliveryOptions as(UUID user) {
    return new DeliveryOptions().addHeader(Headers.USER_ID, user.toString());
  }
}
