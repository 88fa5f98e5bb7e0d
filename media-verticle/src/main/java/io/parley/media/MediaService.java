package io.parley.media;

import io.parley.media.MediaRequests.Attach;
import io.parley.media.MediaRequests.NewUpload;
import io.parley.media.store.ObjectReader;
import io.parley.media.store.ObjectStore.SignedRequest;
import io.parley.media.store.ObjectStore;
import io.parley.shared.Ids;
import io.parley.shared.db.DbTime;
import io.parley.shared.error.ErrorCode;
import io.parley.shared.error.MediaErrors;
import io.parley.shared.error.ParleyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.shared.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads, completion, downloads and references. The service never sees the bytes on their way:
 * it signs a PUT for the client, checks what was stored when the client completes, and signs GETs
 * for whoever may see the media. Everything that touches stored bytes runs on {@link Workers}.
 */
final class MediaService {

  private static final Logger log = LoggerFactory.getLogger(MediaService.class);
  /** A removal whose objects could not be deleted is tried again this much later. */
  private static final Duration RETRY_REMOVAL = Duration.ofMinutes(10);

  private final Pool pool;
  private final MediaStore store;
  private final ObjectStore objects;
  private final Workers workers;
  private final MediaSettings settings;
  private final Ids ids;
  private final Clock clock;
  private final MeterRegistry metrics;

  MediaService(Pool pool, MediaStore store, ObjectStore objects, Workers workers, MediaSettings settings, Clock clock,
               MeterRegistry metrics) {
    this.pool = pool;
    this.store = store;
    this.objects = objects;
    this.workers = workers;
    this.settings = settings;
    this.ids = new Ids(clock);
    this.clock = clock;
    this.metrics = metrics;
  }

  /** A pending media and the signed PUT for its bytes: {@code {…media, upload:{url, method, headers}, expiresAt}}. */
  Future<JsonObject> create(UUID me, NewUpload request) {
    Instant now = DbTime.now(clock);
    UUID id = ids.next();
    Media pending = new Media(id, me, request.kind(), Media.PENDING, request.contentType(), request.size(),
      request.fileName(), Media.uploadKey(id), null, null, null, null, null, null, null, now, null);
    return store.insertPending(pool, pending, settings.maxPendingPerUser(), now.plus(settings.pendingTtl()))
      .compose(media -> {
        if (media == null) {
          return Future.failedFuture(MediaErrors.TOO_MANY_PENDING.exception("You have " + settings.maxPendingPerUser()
            + " uploads in progress: complete or cancel some first"));
        }
        SignedRequest put = objects.signPut(media.objectKey(), media.contentType(), media.size(),
          now.plus(settings.uploadUrlTtl()));
        return Future.succeededFuture(media.toJson()
          .put("upload", new JsonObject().put("url", put.url()).put("method", put.method())
            .put("headers", new JsonObject(new LinkedHashMap<>(put.headers()))))
          .put("expiresAt", put.expiresAt().toString()));
      });
  }

  /**
   * Checks the stored bytes of one of my pending uploads and makes it ready, or refuses it for
   * good with 422 (and its bytes are deleted). Completing again answers the same: the ready media,
   * or the same refusal. Bytes not there yet: 409 {@code media.not_uploaded}, still pending.
   */
  Future<JsonObject> complete(UUID me, UUID id) {
    return store.find(pool, id).compose(media -> {
      if (media == null || !media.ownerId().equals(me) || Media.DELETING.equals(media.status())) {
        return Future.failedFuture(MediaErrors.NOT_FOUND.exception("No such media of yours"));
      }
      if (media.ready()) {
        return Future.succeededFuture(media.toJson());
      }
      if (Media.REJECTED.equals(media.status())) {
        return Future.failedFuture(new ErrorCode(media.rejection(), 422).exception("These bytes were refused before"));
      }
      return workers.run(() -> check(media)).compose(outcome -> outcome.refusal() != null
        ? store.markRejected(pool, id, outcome.refusal().errorCode().code(), DbTime.now(clock).plus(settings.pendingTtl()))
          .compose(done -> Future.<JsonObject>failedFuture(outcome.refusal()))
        : store.markReady(pool, id, outcome.objectKey(), outcome.inspection(), DbTime.now(clock),
            DbTime.now(clock).plus(settings.unreferencedTtl()))
          .onSuccess(ready -> {
            if (ready != null) {
              stored(media);
            }
          })
          .compose(ready -> ready != null ? Future.succeededFuture(ready) : store.find(pool, id))
          .map(Media::toJson));
    });
  }

  /** Counts a media made ready now (not one a repeated completion finds ready). */
  private void stored(Media media) {
    Counter.builder(Meters.MEDIA_BYTES).description("Bytes of uploads checked and stored").baseUnit("bytes")
      .tag("kind", media.kind().wire).register(metrics).increment(media.size());
  }

  /** The bytes were checked: sealed under {@code objectKey} with what they told, or refused. */
  private record Outcome(String objectKey, Inspection inspection, ParleyException refusal) {
  }

  /**
   * On a worker: size, seal, sniff, inspect, thumbnail. A refusal deletes the bytes. Bytes sealed
   * by an earlier attempt that then failed (the store went away mid-check) are checked where they are.
   */
  private Outcome check(Media media) throws Exception {
    String key = media.objectKey();
    OptionalLong stored = objects.size(key);
    if (stored.isEmpty() && !Media.sealedKey(media.id()).equals(key)) {
      key = Media.sealedKey(media.id());
      stored = objects.size(key);
    }
    if (stored.isEmpty()) {
      throw MediaErrors.NOT_UPLOADED.exception("Upload the bytes first, then complete");
    }
    if (stored.getAsLong() != media.size()) {
      objects.delete(key);
      return refused(MediaErrors.SIZE_MISMATCH.exception("The upload has " + stored.getAsLong() + " bytes, not the declared "
        + media.size()));
    }
    String sealed = key.equals(media.objectKey()) ? objects.seal(key, Media.sealedKey(media.id())) : key;
    Inspection inspection;
    try (ObjectReader reader = objects.open(sealed, media.size())) {
      inspection = Inspection.of(reader, media.kind(), media.contentType(), media.fileName(), settings);
    } catch (ParleyException refusal) {
      objects.delete(sealed);
      return refused(refusal);
    }
    if (inspection.thumbnail() != null) {
      objects.put(Media.thumbnailKey(media.id(), inspection.thumbnail().contentType()), inspection.thumbnail().bytes(),
        inspection.thumbnail().contentType());
    }
    return new Outcome(sealed, inspection, null);
  }

  private static Outcome refused(ParleyException refusal) {
    return new Outcome(null, null, refusal);
  }

  /**
   * A media I may see, with download URLs valid for at most an hour: {@code {…media, url,
   * thumbnailUrl?, expiresAt}} once ready (my own pending or refused upload: the media alone).
   * Anyone else: 404, as for a media that does not exist.
   */
  Future<JsonObject> get(UUID me, UUID id) {
    return store.findVisible(pool, id, me, DbTime.now(clock)).compose(media -> {
      if (media == null) {
        return Future.failedFuture(MediaErrors.NOT_FOUND.exception("No such media"));
      }
      JsonObject view = media.toJson();
      if (!media.ready()) {
        return Future.succeededFuture(view);
      }
      Instant expires = downloadExpiry(DbTime.now(clock));
      SignedRequest download = objects.signGet(media.objectKey(), MediaTypes.served(media.kind(), media.contentType()),
        MediaTypes.disposition(media.kind(), media.fileName()), expires);
      view.put("url", download.url()).put("expiresAt", download.expiresAt().toString());
      if (media.thumbnailKey() != null) {
        view.put("thumbnailUrl", objects.signGet(media.thumbnailKey(), media.thumbnailType(), "inline", expires).url());
      }
      return Future.succeededFuture(view);
    });
  }

  /**
   * Expiry on a half-TTL grid: everyone asking within the same half hour gets the same URL for a
   * local object, so browsers cache the picture; a URL still lives between half and all of the TTL.
   */
  private Instant downloadExpiry(Instant now) {
    long step = Math.max(1, settings.downloadUrlTtl().toSeconds() / 2);
    return Instant.ofEpochSecond(now.getEpochSecond() / step * step).plus(settings.downloadUrlTtl());
  }

  /**
   * One of my ready media of the kind a reference needs, about to be referenced (a message, my
   * avatar, a chat's picture): its metadata. Kept at least the unreferenced grace period from now,
   * so the orphan job cannot take it before the reference commits.
   */
  Future<JsonObject> attach(UUID me, Attach request) {
    return store.attach(pool, request.mediaId(), me, request.kinds(), DbTime.now(clock).plus(settings.unreferencedTtl()))
      .compose(media -> media != null ? Future.succeededFuture(media.metadata())
        : store.find(pool, request.mediaId()).compose(found -> Future.failedFuture(whyNotAttachable(found, me, request.kinds()))));
  }

  private static ParleyException whyNotAttachable(Media media, UUID me, Set<MediaKind> kinds) {
    if (media == null || !media.ownerId().equals(me) || Media.DELETING.equals(media.status())) {
      return MediaErrors.NOT_FOUND.exception("No such media of yours (to pass on someone else's, forward their message)");
    }
    if (!media.ready()) {
      return MediaErrors.NOT_READY.exception("The media is " + media.status() + ", not ready: complete its upload first");
    }
    return MediaErrors.KIND_MISMATCH.exception("The media is a " + media.kind().wire + ", not "
      + kinds.stream().map(kind -> "a " + kind.wire).sorted().collect(Collectors.joining(" or ")));
  }

  /**
   * The reference to these media of mine is gone (a story expired or was deleted): each that nothing
   * else references is removed now, as a delete would; the ids removed. A removal whose objects
   * fail is finished by the orphan job (the media are marked as going).
   */
  Future<JsonObject> release(UUID me, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("released", new JsonArray()));
    }
    return store.markReleased(pool, ids, me, DbTime.now(clock).plus(RETRY_REMOVAL)).compose(released -> {
      List<UUID> removed = released.stream().map(Media::id).toList();
      JsonObject answer = new JsonObject().put("released", new JsonArray(removed.stream().map(UUID::toString).toList()));
      if (removed.isEmpty()) {
        return Future.succeededFuture(answer);
      }
      return removeObjects(released)
        .compose(done -> store.remove(pool, removed))
        .map(answer)
        .recover(failure -> {
          log.warn("Released media {} not removed yet, the orphan job will: {}", removed, failure.getMessage());
          return Future.succeededFuture(answer);
        });
    });
  }

  /** Removes one of my media that nothing references (a cancelled upload, a photo not sent after all). */
  Future<Void> delete(UUID me, UUID id) {
    return store.markDeleting(pool, id, me, DbTime.now(clock).plus(RETRY_REMOVAL)).compose(media -> {
      if (media == null) {
        return store.find(pool, id).compose(found -> Future.failedFuture(
          found == null || !found.ownerId().equals(me) || Media.DELETING.equals(found.status())
            ? MediaErrors.NOT_FOUND.exception("No such media of yours")
            : MediaErrors.IN_USE.exception("A message, profile or chat uses this media")));
      }
      return removeObjects(List.of(media))
        .compose(done -> store.remove(pool, List.of(id)))
        .recover(failure -> {
          // Marked as going: the orphan job finishes the removal.
          log.warn("Media {} not removed yet, the orphan job will: {}", id, failure.getMessage());
          return Future.succeededFuture();
        });
    });
  }

  /** Deletes every object of these media (bytes, a stray re-upload, thumbnail) on the pool. */
  Future<Void> removeObjects(List<Media> doomed) {
    return workers.run(() -> {
      for (Media media : doomed) {
        objects.delete(media.objectKey());
        objects.delete(Media.uploadKey(media.id()));
        if (media.thumbnailKey() != null) {
          objects.delete(media.thumbnailKey());
        }
      }
      return null;
    });
  }
}
