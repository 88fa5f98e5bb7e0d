package io.parley.chat;

/** A member's role: the owner (one per chat), admins, members. What each may do is {@link Membership}'s. */
public enum Role {
  OWNER, ADMIN, MEMBER;

  public String wire() {
    return name().toLowerCase();
  }

  public static Role of(String wire) {
    return valueOf(wire.toUpperCase());
  }

  /** Owner and admins manage the chat and post in channels. */
  public boolean manages() {
    return this != MEMBER;
  }
}
