package io.parley.node;

import io.parley.gateway.NodeEndpoints;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The HTTP port of a node without the gateway role: only {@code /health}, {@code /ready} and
 * {@code /metrics}, so an auth or chat worker is probed and scraped like any other node.
 */
final class ProbeVerticle extends VerticleBase {

  private NodeEndpoints endpoints;
  private HttpServer server;

  @Override
  public Future<?> start() {
    endpoints = new NodeEndpoints(vertx, config());
    Router router = Router.router(vertx);
    endpoints.mount(router);
    return vertx.createHttpServer().requestHandler(router)
      .listen(Config.integer(config(), ConfigKeys.HTTP_PORT, 8080), Config.string(config(), ConfigKeys.HTTP_HOST, "0.0.0.0"))
      .onSuccess(listening -> server = listening)
      .compose(listening -> endpoints.listenForManagement());
  }

  @Override
  public Future<?> stop() {
    return Future.join(server == null ? Future.succeededFuture() : server.close(), endpoints.close());
  }
}
