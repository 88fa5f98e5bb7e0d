package io.parley.chat;

import io.parley.shared.error.ChatErrors;

/** Direct chats (two people), groups (everyone posts) and channels (owner and admins post). */
public enum ChatType {
  DIRECT, GROUP, CHANNEL;

  /** The name in the database and on the wire. */
  public String wire() {
    return name().toLowerCase();
  }

  public static ChatType of(String wire) {
    for (ChatType type : values()) {
      if (type.wire().equals(wire)) {
        return type;
      }
    }
    throw ChatErrors.UNKNOWN_TYPE.exception("type must be direct, group or channel");
  }
}
