package io.parley.media.store;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.media.LocalObjects;
import io.vertx.core.json.JsonObject;

/** The store {@code media.store} chooses. */
public final class ObjectStores {

  public static final String LOCAL = "local";
  public static final String S3 = "s3";

  private ObjectStores() {
  }

  public static ObjectStore from(JsonObject config) {
    String store = Config.string(config, ConfigKeys.MEDIA_STORE, LOCAL);
    return switch (store) {
      case LOCAL -> new LocalObjectStore(LocalObjects.from(config));
      case S3 -> S3ObjectStore.from(config);
      default -> throw new IllegalStateException(ConfigKeys.MEDIA_STORE + " must be local or s3, not " + store);
    };
  }
}
