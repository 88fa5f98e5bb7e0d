package io.parley.gateway;

import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.MediaErrors;
import io.parley.shared.error.ParleyException;
import io.parley.shared.media.LocalObjects;
import io.parley.shared.media.LocalObjects.Grant;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.util.UUID;

/**
 * The local object store's HTTP side ({@code media.store = local}): what S3 would answer for a
 * pre-signed URL, served by the node at {@value LocalObjects#PATH_PREFIX}, so the browser app
 * stays on its own origin. Every request needs a URL the media service signed (403
 * {@code media.url_invalid} or {@code media.url_expired} otherwise).
 *
 * <ul>
 *   <li>{@code PUT}: exactly the signed Content-Type and Content-Length; the body is streamed to a
 *       temporary file and linked into place only when complete, so a key is written once and
 *       never half (a second upload: 409 {@code media.object_exists}).</li>
 *   <li>{@code GET}/{@code HEAD}: the file, as the signed type and Content-Disposition, one byte
 *       range if asked ({@code Range: bytes=a-b}: 206 with Content-Range; beyond the end: 416),
 *       never compressed, with {@code nosniff} and a sandboxing CSP.</li>
 * </ul>
 */
final class LocalObjectEndpoint {

  /** The content of an object is never a page of this origin, whatever it is. */
  private static final String SANDBOX = "sandbox; default-src 'none'";

  private final Vertx vertx;
  private final LocalObjects objects;

  LocalObjectEndpoint(Vertx vertx, LocalObjects objects) {
    this.vertx = vertx;
    this.objects = objects;
  }

  void mount(Router router) {
    String path = LocalObjects.PATH_PREFIX + "*";
    router.route(HttpMethod.PUT, path).handler(this::put);
    router.route(HttpMethod.GET, path).handler(this::get);
    router.route(HttpMethod.HEAD, path).handler(this::get);
  }

  private Grant grant(RoutingContext ctx) {
    String key = ctx.request().path().substring(LocalObjects.PATH_PREFIX.length());
    return objects.verify(ctx.request().method().name(), key, ctx.request()::getParam, Instant.now());
  }

  private void put(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    Grant grant;
    try {
      grant = grant(ctx);
      String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (type == null || !type.trim().equals(grant.contentType()) || !String.valueOf(grant.length()).equals(length)) {
        throw MediaErrors.URL_INVALID.exception("Send exactly the signed Content-Type and Content-Length ("
          + grant.length() + " bytes)");
      }
    } catch (ParleyException refused) {
      refuse(ctx, refused);
      return;
    }
    FileSystem files = vertx.fileSystem();
    String target = objects.path(grant.key()).toString();
    String temporary = objects.root().resolve("tmp").resolve(UUID.randomUUID().toString()).toString();
    files.exists(target)
      .compose(exists -> exists
        ? Future.failedFuture(MediaErrors.OBJECT_EXISTS.exception("This object was uploaded already"))
        : files.mkdirs(objects.root().resolve("tmp").toString())
          .compose(made -> files.mkdirs(objects.path(grant.key()).getParent().toString())))
      .compose(ready -> files.open(temporary, new OpenOptions().setWrite(true).setCreateNew(true)))
      .compose(file -> request.pipeTo(file))
      .compose(written -> files.props(temporary))
      .compose(props -> props.size() == grant.length() ? files.link(target, temporary)
        : Future.failedFuture(MediaErrors.URL_INVALID.exception("The body was not the signed length")))
      .recover(failure -> Future.failedFuture(alreadyThere(failure)
        ? MediaErrors.OBJECT_EXISTS.exception("This object was uploaded already") : failure))
      .eventually(() -> files.delete(temporary).recover(gone -> Future.succeededFuture()))
      .onSuccess(done -> ctx.response().setStatusCode(200).end())
      .onFailure(failure -> {
        if (failure instanceof ParleyException refused) {
          refuse(ctx, refused);
        } else {
          ctx.fail(failure);
        }
      });
  }

  private static boolean alreadyThere(Throwable failure) {
    return failure instanceof FileSystemException && failure.getCause() instanceof FileAlreadyExistsException;
  }

  private void get(RoutingContext ctx) {
    Grant grant;
    try {
      grant = grant(ctx);
    } catch (ParleyException refused) {
      refuse(ctx, refused);
      return;
    }
    String file = objects.path(grant.key()).toString();
    vertx.fileSystem().props(file)
      .onFailure(missing -> refuse(ctx, MediaErrors.OBJECT_NOT_FOUND.exception("No such object")))
      .onSuccess(props -> serve(ctx, grant, file, props.size()));
  }

  private void serve(RoutingContext ctx, Grant grant, String file, long size) {
    HttpServerResponse response = ctx.response();
    long maxAge = Math.max(0, Long.parseLong(ctx.request().getParam("expires")) - Instant.now().getEpochSecond());
    response.headers()
      .set(HttpHeaders.CONTENT_TYPE, grant.contentType())
      .set(HttpHeaders.ACCEPT_RANGES, "bytes")
      .set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
      .set(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge + ", immutable")
      .set("Content-Security-Policy", SANDBOX)
      .set("X-Content-Type-Options", "nosniff");
    if (!grant.disposition().isEmpty()) {
      response.putHeader("Content-Disposition", grant.disposition());
    }
    ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"), size);
    if (range == ByteRange.UNSATISFIABLE) {
      response.putHeader("Content-Range", "bytes */" + size);
      refuse(ctx, MediaErrors.RANGE_NOT_SATISFIABLE.exception("The range is beyond the object's " + size + " bytes"));
      return;
    }
    long offset = range == null ? 0 : range.first();
    long length = range == null ? size : range.length();
    if (range != null) {
      response.setStatusCode(206).putHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length)).end();
      return;
    }
    response.sendFile(file, offset, length).onFailure(failure -> ctx.request().connection().close());
  }

  private static void refuse(RoutingContext ctx, ParleyException refusal) {
    ctx.request().resume();
    ctx.response().headers().remove("Content-Disposition");
    HttpErrors.respond(ctx, refusal.errorCode().status() >= 500 ? CommonErrors.INTERNAL.exception("Something went wrong")
      : refusal);
  }
}
