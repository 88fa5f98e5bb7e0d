package io.parley.notify;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** A chat's notification setting; {@link #wire} is how the API and the database spell it. */
enum Mode {
  /** Every message. */
  ALL("all"),
  /** Only what is about me: direct messages, mentions, replies to me, reactions to mine, being added. */
  MENTIONS("mentions"),
  /** Nothing. */
  NONE("none");

  final String wire;

  Mode(String wire) {
    this.wire = wire;
  }

  static Mode of(String wire) {
    return Arrays.stream(values()).filter(mode -> mode.wire.equals(wire)).findFirst()
      .orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("mode is one of all, mentions, none",
        new JsonObject().put("field", "mode")));
  }
}
