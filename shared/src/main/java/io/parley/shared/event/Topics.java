package io.parley.shared.event;

/** Kafka topics that carry Parley's durable domain events, keyed by aggregate id. */
public final class Topics {

  /**
   * Account life: {@code user.registered}, {@code user.updated}, {@code user.deleted}, and
   * {@code user.signed_in} (a new device session), keyed by user id.
   */
  public static final String USERS = "parley.users";

  /**
   * Everything that happens in chats, keyed by chat id (so one chat's events stay in order on
   * one partition): {@code chat.created}, {@code chat.updated}, {@code chat.member.changed},
   * {@code message.sent}, {@code message.edited}, {@code message.deleted}, {@code message.pinned},
   * {@code message.unpinned}, {@code reaction.changed}, {@code receipt.updated}. The payload of
   * every change carries {@code chatId} and its {@code seq}.
   */
  public static final String CHATS = "parley.chats";

  /**
   * Stories, keyed by story id: {@code story.created}, {@code story.viewed}, {@code story.deleted},
   * {@code story.expired}. Payloads carry {@code storyId} and {@code authorId}, never the audience.
   */
  public static final String STORIES = "parley.stories";

  /** Every topic Parley writes, created at start-up with the configured partitions and replication. */
  public static final java.util.List<String> ALL = java.util.List.of(USERS, CHATS, STORIES);

  private Topics() {
  }
}
