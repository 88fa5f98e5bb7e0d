package io.parley.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * The soak's photos, as a client sends them: ask for an upload, PUT the bytes to the signed URL
 * with exactly its headers, complete, and later fetch the download URL as another member and
 * compare the bytes. Each photo is a fresh PNG, so the store, the checks and the thumbnails work
 * for real every time.
 */
final class SoakMedia {

  private final WebClient http;
  private final int httpPort;
  private final Duration wait;
  /** An API call as a user: method, path, user, body. */
  private final Api api;

  interface Api {
    HttpResponse<Buffer> call(HttpMethod method, String path, String user, JsonObject body);
  }

  SoakMedia(Vertx vertx, int httpPort, Duration wait, Api api) {
    this.http = WebClient.create(vertx);
    this.httpPort = httpPort;
    this.wait = wait;
    this.api = api;
  }

  /** A ready photo of {@code user}: its media id, and the bytes it holds. */
  record Photo(String id, byte[] bytes) {
  }

  Photo upload(String user) {
    byte[] png = png(ThreadLocalRandom.current().nextInt(64, 320), ThreadLocalRandom.current().nextInt(64, 320));
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/v1/media", user, new JsonObject()
      .put("kind", "image").put("contentType", "image/png").put("size", png.length).put("fileName", "soak.png"));
    if (created.statusCode() != 201) {
      throw new IllegalStateException("media create answered " + created.statusCode() + " " + created.bodyAsString());
    }
    JsonObject upload = created.bodyAsJsonObject().getJsonObject("upload");
    HttpRequest<Buffer> put = http.requestAbs(HttpMethod.valueOf(upload.getString("method")), absolute(upload.getString("url")))
      .timeout(wait.toMillis());
    for (Map.Entry<String, Object> header : upload.getJsonObject("headers")) {
      put.putHeader(header.getKey(), String.valueOf(header.getValue()));
    }
    int stored = put.sendBuffer(Buffer.buffer(png)).await().statusCode();
    if (stored != 200) {
      throw new IllegalStateException("the upload's PUT answered " + stored);
    }
    String id = created.bodyAsJsonObject().getString("id");
    int completed = api.call(HttpMethod.POST, "/api/v1/media/" + id + "/complete", user, null).statusCode();
    if (completed != 200) {
      throw new IllegalStateException("media complete answered " + completed);
    }
    return new Photo(id, png);
  }

  /** Whether {@code viewer} downloads exactly the photo's bytes through its signed URL. */
  boolean downloadsIntact(String viewer, Photo photo) {
    HttpResponse<Buffer> view = api.call(HttpMethod.GET, "/api/v1/media/" + photo.id(), viewer, null);
    if (view.statusCode() != 200) {
      return false;
    }
    Buffer body = http.requestAbs(HttpMethod.GET, absolute(view.bodyAsJsonObject().getString("url")))
      .timeout(wait.toMillis()).send().await().body();
    return body != null && java.util.Arrays.equals(body.getBytes(), photo.bytes());
  }

  private String absolute(String url) {
    return url.startsWith("/") ? "http://127.0.0.1:" + httpPort + url : url;
  }

  private static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    graphics.setColor(new Color(random.nextInt(0xffffff)));
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(new Color(random.nextInt(0xffffff)));
    graphics.fillOval(random.nextInt(width / 2), random.nextInt(height / 2), width / 2, height / 2);
    graphics.dispose();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
