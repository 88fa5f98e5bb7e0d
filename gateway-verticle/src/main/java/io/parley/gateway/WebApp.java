package io.parley.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The browser app, so that an upgrade reaches browsers at once: the page itself is never cached
 * without asking ({@code no-cache}), and it names its scripts and styles under
 * {@code /v/<version>/}, where {@code <version>} is a digest of the app's files. Those are cached
 * for a year as immutable: a new release has a new digest, so new paths, and no browser keeps an
 * old script with a new page. Relative imports between the ES modules stay under the same prefix.
 */
final class WebApp {

  private static final String ROOT = "webroot";
  static final String VERSIONED = "/v/";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";
  /** Local references in the page's attributes: not absolute, not a scheme, not a fragment. */
  private static final Pattern LOCAL_REFERENCE = Pattern.compile("(href|src)=\"(?![a-z]+:|/|#)");

  private final String version;
  private final Buffer page;

  private WebApp(String version, Buffer page) {
    this.version = version;
    this.page = page;
  }

  /** Reads the app's files from the class path once, at start (the gateway's start runs off the event loop's hot path). */
  static WebApp load() {
    if (WebApp.class.getClassLoader().getResource(ROOT + "/index.html") == null) {
      // A gateway without the web module (as in its own tests) serves the API only.
      return new WebApp("none", null);
    }
    String version = digestOfWebroot();
    String index = read(ROOT + "/index.html");
    String rewritten = LOCAL_REFERENCE.matcher(index).replaceAll("$1=\"" + VERSIONED + version + "/");
    return new WebApp(version, Buffer.buffer(rewritten));
  }

  String version() {
    return version;
  }

  void mount(Router router) {
    if (page == null) {
      return;
    }
    router.get("/").handler(this::page);
    router.get("/index.html").handler(this::page);
    // Any version: behind a load balancer during a rolling upgrade, a page from one node may ask
    // another for its files; both serve what they have.
    router.get(VERSIONED + "*").handler(this::versioned);
    router.route("/*").handler(ctx -> {
      if (!ctx.response().headers().contains("Cache-Control")) {
        ctx.response().putHeader("Cache-Control", REVALIDATE);
      }
      ctx.next();
    });
    router.route("/*").handler(StaticHandler.create(ROOT).setIndexPage("index.html").setCachingEnabled(false));
  }

  /** {@code /v/<any version>/<file>}: the file, immutable; the normalised path has no {@code ..} left. */
  private void versioned(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    int start = path.indexOf('/', VERSIONED.length());
    String file = start < 0 ? null : ROOT + path.substring(start);
    if (file == null || file.endsWith("/")) {
      ctx.next();
      return;
    }
    ctx.vertx().fileSystem().props(file).onComplete(props -> {
      if (props.failed() || !props.result().isRegularFile()) {
        ctx.next();
      } else {
        ctx.response().putHeader("Cache-Control", IMMUTABLE).sendFile(file).onFailure(ctx::fail);
      }
    });
  }

  private void page(RoutingContext ctx) {
    ctx.response()
      .putHeader("Content-Type", "text/html; charset=utf-8")
      .putHeader("Cache-Control", REVALIDATE)
      .end(page);
  }

  private static String read(String resource) {
    try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The browser app is missing from the class path: no " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 over the names and bytes of every file of the app, in name order; 12 hex digits. */
  private static String digestOfWebroot() {
    URL index = WebApp.class.getClassLoader().getResource(ROOT + "/index.html");
    if (index == null) {
      throw new IllegalStateException("The browser app is missing from the class path");
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      if ("jar".equals(index.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) index.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          List<JarEntry> files = jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(ROOT + "/"))
            .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
          for (JarEntry file : files) {
            digest.update(file.getName().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(file)) {
              digest.update(in.readAllBytes());
            }
          }
        }
      } else {
        Path root = Path.of(index.toURI()).getParent();
        try (Stream<Path> paths = Files.walk(root)) {
          for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
            digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
