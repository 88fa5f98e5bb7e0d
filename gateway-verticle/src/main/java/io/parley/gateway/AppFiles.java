package io.parley.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers for the files that make the browser app installable, set before the static handler
 * serves them (it keeps a Cache-Control that is already there). The service worker is always
 * revalidated, so a new version reaches browsers on their next visit, and it may control the
 * whole origin from {@code /sw.js}; the web app manifest gets its registered media type, which
 * Vert.x does not know.
 */
final class AppFiles {

  static final String SERVICE_WORKER = "/sw.js";
  static final String MANIFEST = "/manifest.webmanifest";

  private AppFiles() {
  }

  static void mount(Router router) {
    router.get(SERVICE_WORKER).handler(AppFiles::serviceWorker);
    router.get(MANIFEST).handler(AppFiles::manifest);
  }

  private static void serviceWorker(RoutingContext ctx) {
    ctx.response()
      .putHeader("Cache-Control", "no-cache")
      .putHeader("Service-Worker-Allowed", "/");
    ctx.next();
  }

  private static void manifest(RoutingContext ctx) {
    ctx.response()
      .putHeader("Content-Type", "application/manifest+json")
      .putHeader("Cache-Control", "no-cache");
    ctx.next();
  }
}
