package io.parley.chat;

import io.vertx.core.json.JsonObject;

/**
 * What a create answers: the view of what it made and whether it is new, or was there already
 * (a direct chat opened again, a retried send), which the route answers 200 instead of 201.
 */
record Created(JsonObject view, boolean isNew) {

  static Created fresh(JsonObject view) {
    return new Created(view, true);
  }

  static Created existing(JsonObject view) {
    return new Created(view, false);
  }
}
