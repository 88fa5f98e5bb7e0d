package io.parley.gateway;

import io.vertx.ext.web.RoutingContext;

/**
 * Headers that make the browser app safer by default: a strict Content Security Policy (the app
 * loads only its own scripts and styles and connects only to its own origin), no MIME sniffing,
 * no framing by other sites, no referrer leaks.
 */
final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY = String.join("; ",
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'");

  private SecurityHeaders() {
  }

  static void add(RoutingContext ctx) {
    ctx.response().headers()
      .add("Content-Security-Policy", CONTENT_SECURITY_POLICY)
      .add("X-Content-Type-Options", "nosniff")
      .add("X-Frame-Options", "DENY")
      .add("Referrer-Policy", "no-referrer");
    ctx.next();
  }
}
