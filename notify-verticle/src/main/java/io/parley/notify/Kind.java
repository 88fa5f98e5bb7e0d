package io.parley.notify;

import java.util.Arrays;

/** What a notification is about; {@link #wire} is the {@code type} clients see and the database stores. */
enum Kind {
  /** A message in a chat. */
  MESSAGE("message"),
  /** A message that mentions me. */
  MENTION("mention"),
  /** A message that replies to one of mine. */
  REPLY("reply"),
  /** A direct message replying to one of my stories. */
  STORY_REPLY("story_reply"),
  /** Someone reacted to my message. */
  REACTION("reaction"),
  /** Someone added me to a group or channel. */
  ADDED("added"),
  /** My account was signed in on a new device. */
  SIGN_IN("sign_in");

  final String wire;

  Kind(String wire) {
    this.wire = wire;
  }

  /** Whether it is about a message of a chat (and collapses with the chat's other messages). */
  boolean isMessage() {
    return this == MESSAGE || this == MENTION || this == REPLY || this == STORY_REPLY;
  }

  static Kind of(String wire) {
    return Arrays.stream(values()).filter(kind -> kind.wire.equals(wire)).findFirst().orElse(MESSAGE);
  }
}
