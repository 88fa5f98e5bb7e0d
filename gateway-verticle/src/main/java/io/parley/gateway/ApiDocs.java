package io.parley.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The REST contract for people and tools: the document at {@code /api/v1/openapi.json} and a
 * browsable reference at {@code /api/docs} (Swagger UI from its WebJar). The reference's page and
 * start-up script are files of ours, so no inline script is needed; its page alone gets a policy
 * that also allows the inline styles Swagger UI sets on its elements, and nothing more than the
 * app's policy otherwise.
 */
final class ApiDocs {

  /** Relative to {@code /api/v1}. */
  static final String DOCUMENT_PATH = "/openapi.json";
  static final String REFERENCE = "/api/docs";
  private static final String OWN_FILES = "openapi/docs";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  static final String POLICY = String.join("; ",
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'");

  private final Buffer document;

  ApiDocs(JsonObject document) {
    this.document = Buffer.buffer(document.encodePrettily());
  }

  /** {@code GET /openapi.json} on the API router. */
  void mountDocument(Router api) {
    api.get(DOCUMENT_PATH).handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "no-cache")
      .end(document));
  }

  /** {@code /api/docs}: the reference's page, its start-up script and Swagger UI's files. */
  void mountReference(Router router) {
    router.route(REFERENCE + "/*").handler(ApiDocs::docsPolicy);
    // "/api/docs" and "/api/docs/" alike: the page names its files by absolute path.
    router.get(REFERENCE).handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
      .sendFile(OWN_FILES + "/index.html").onFailure(ctx::fail));
    router.get(REFERENCE + "/ui/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion()).setCachingEnabled(false));
    router.get(REFERENCE + "/*").handler(StaticHandler.create(OWN_FILES).setCachingEnabled(false));
  }

  private static void docsPolicy(RoutingContext ctx) {
    ctx.response().headers().set("Content-Security-Policy", POLICY);
    ctx.next();
  }

  /** The WebJar's version, written into a resource at build time from the POM. */
  static String swaggerUiVersion() {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream("openapi/swagger-ui.properties")) {
      if (in == null) {
        throw new IllegalStateException("openapi/swagger-ui.properties is missing from the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
