package io.parley.gateway;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * Headers that make the browser app safer by default: a strict Content Security Policy (the app
 * loads only its own scripts and styles and connects only to its own origin), no MIME sniffing,
 * no framing by other sites, no referrer leaks. Media come from the app's own origin with the
 * local store; with S3 the store's origin is allowed for images, audio, video and uploads
 * ({@code img-src}, {@code media-src}, {@code connect-src}), and nothing else.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  private final String policy;

  private SecurityHeaders(String policy) {
    this.policy = policy;
  }

  /** The headers for this node's configuration. */
  static SecurityHeaders forConfig(JsonObject config) {
    return new SecurityHeaders(contentSecurityPolicy(mediaOrigin(config)));
  }

  /** The policy, with {@code mediaOrigin} (or nothing, when null) added where media load from. */
  static String contentSecurityPolicy(String mediaOrigin) {
    String media = mediaOrigin == null ? "" : " " + mediaOrigin;
    return String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:" + media,
      "media-src 'self' blob:" + media,
      "connect-src 'self'" + media,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'");
  }

  /**
   * The origin browsers fetch S3 media from: the public endpoint (or the endpoint) when set, else
   * AWS's for the bucket and region; null for the local store, which is this origin.
   */
  static String mediaOrigin(JsonObject config) {
    if (!"s3".equals(Config.string(config, ConfigKeys.MEDIA_STORE, "local"))) {
      return null;
    }
    String endpoint = Config.string(config, ConfigKeys.MEDIA_S3_PUBLIC_ENDPOINT, Config.string(config, ConfigKeys.MEDIA_S3_ENDPOINT));
    String region = Config.string(config, ConfigKeys.MEDIA_S3_REGION, "us-east-1");
    if (endpoint == null) {
      boolean pathStyle = Config.bool(config, ConfigKeys.MEDIA_S3_PATH_STYLE, false);
      return pathStyle ? "https://s3." + region + ".amazonaws.com"
        : "https://" + Config.string(config, ConfigKeys.MEDIA_S3_BUCKET, "") + ".s3." + region + ".amazonaws.com";
    }
    URI uri = URI.create(endpoint);
    if (Config.bool(config, ConfigKeys.MEDIA_S3_PATH_STYLE, false) || uri.getHost() == null) {
      return uri.getScheme() + "://" + uri.getRawAuthority();
    }
    // Virtual-host style puts the bucket in front of the endpoint's host.
    return uri.getScheme() + "://" + Config.string(config, ConfigKeys.MEDIA_S3_BUCKET, "") + "." + uri.getRawAuthority();
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().headers()
      .add("Content-Security-Policy", policy)
      .add("X-Content-Type-Options", "nosniff")
      .add("X-Frame-Options", "DENY")
      .add("Referrer-Policy", "no-referrer");
    ctx.next();
  }
}
