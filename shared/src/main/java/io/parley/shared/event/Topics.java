package io.parley.shared.event;

/** Kafka topics that carry Parley's durable domain events, keyed by aggregate id. */
public final class Topics {

  /** Account life: {@code user.registered}, {@code user.updated}, {@code user.deleted}. */
  public static final String USERS = "parley.users";

  private Topics() {
  }
}
