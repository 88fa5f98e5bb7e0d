package io.parley.media;

import io.parley.media.store.ObjectStore;
import io.parley.media.store.ObjectStores;
import io.parley.shared.Address;
import io.parley.shared.BusEndpoints;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;

/**
 * The media service on the event bus: uploads ({@link Address#MEDIA_CREATE}, {@link Address#MEDIA_COMPLETE}),
 * downloads ({@link Address#MEDIA_GET}), removal ({@link Address#MEDIA_DELETE}) and references from
 * other services ({@link Address#MEDIA_ATTACH}, {@link Address#MEDIA_RELEASE}), over the object store {@code media.store} chooses,
 * and the orphan job. Each consumer reads the caller from the stamped headers, parses the body
 * into its request and answers what the service returns. Any number of instances on any nodes may
 * run; they share one bounded worker pool per node.
 */
public final class MediaVerticle extends VerticleBase {

  private final Clock clock;
  private ObjectStore objects;
  private Workers workers;
  private OrphanJob orphans;

  public MediaVerticle() {
    this(Clock.systemUTC());
  }

  public MediaVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    MediaSettings settings = MediaSettings.from(config);
    Pool pool = Connections.postgres(vertx, config);
    MediaStore store = new MediaStore();
    workers = new Workers(vertx, settings);
    return vertx.executeBlocking(() -> ObjectStores.from(config)).compose(built -> {
      objects = built;
      MediaService media = new MediaService(pool, store, objects, workers, settings, clock, NodeServices.of(vertx).metrics());
      orphans = new OrphanJob(vertx, pool, store, media, settings, clock);
      orphans.start();
      return Future.all(List.of(
        serve(Address.MEDIA_CREATE, (me, body) -> media.create(me, MediaRequests.NewUpload.from(body, settings))),
        serve(Address.MEDIA_COMPLETE, (me, body) -> media.complete(me, MediaRequests.mediaId(body))),
        serve(Address.MEDIA_GET, (me, body) -> media.get(me, MediaRequests.mediaId(body))),
        serve(Address.MEDIA_DELETE, (me, body) -> media.delete(me, MediaRequests.mediaId(body)).map(new JsonObject())),
        serve(Address.MEDIA_ATTACH, (me, body) -> media.attach(me, MediaRequests.Attach.from(body))),
        serve(Address.MEDIA_RELEASE, (me, body) -> media.release(me, MediaRequests.mediaIds(body)))));
    });
  }

  @Override
  public Future<?> stop() {
    if (orphans != null) {
      orphans.stop();
    }
    if (objects != null) {
      objects.close();
    }
    return Future.succeededFuture();
  }

  private Future<Void> serve(String address, BusEndpoints.UserWork<JsonObject> work) {
    return BusEndpoints.serveUser(vertx.eventBus(), address, work);
  }
}
