package io.parley.gateway;

import static io.parley.gateway.ApiRoute.route;
import static io.parley.gateway.RequestShape.JSON;
import static io.parley.gateway.RequestShape.PATH;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.parley.shared.Address;
import java.util.List;

/**
 * The media REST API, forwarded to the media service: ask for an upload, complete it, read a
 * media with its download URLs, drop an unused one. The bytes never come here: they go to the
 * object store through the signed URLs these answers carry (for the local store, to
 * {@link LocalObjectEndpoint} on this same server). Bodies, replies and codes
 * ({@code MediaErrors}) are described in {@code media-verticle/README.md}.
 */
final class MediaApi {

  static final List<ApiRoute> ROUTES = List.of(
    route(POST, "/media", Address.MEDIA_CREATE, 201, JSON)
      .takes("CreateMedia").doc("Ask to upload a file: a signed URL to send it to", "MediaUpload"),
    route(POST, "/media/:mediaId/complete", Address.MEDIA_COMPLETE, 200, PATH)
      .doc("The upload is done: check and process it", "Media"),
    route(GET, "/media/:mediaId", Address.MEDIA_GET, 200, PATH).doc("A media and its signed download URLs", "Media"),
    route(DELETE, "/media/:mediaId", Address.MEDIA_DELETE, ApiRoute.NO_CONTENT, PATH)
      .doc("Drop an upload no message uses", null));

  private MediaApi() {
  }
}
