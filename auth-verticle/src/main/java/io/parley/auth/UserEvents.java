package io.parley.auth;

import io.parley.shared.Ids;
import io.parley.shared.event.EventEnvelope;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * The domain events of accounts, for {@code Topics.USERS} (keyed by user id). Emails stay out of
 * them: other services need names to show, not addresses, and events outlive deletions in
 * Kafka's retention.
 */
final class UserEvents {

  static final String REGISTERED = "user.registered";
  static final String UPDATED = "user.updated";
  static final String DELETED = "user.deleted";
  static final String SIGNED_IN = "user.signed_in";

  private final Ids ids;
  private final Clock clock;

  UserEvents(Ids ids, Clock clock) {
    this.ids = ids;
    this.clock = clock;
  }

  /** {@code {userId, username, displayName, createdAt}} */
  EventEnvelope registered(UserAccount user) {
    return event(REGISTERED, user.id(), new JsonObject()
      .put("userId", user.id().toString())
      .put("username", user.username())
      .put("displayName", user.displayName())
      .put("createdAt", user.createdAt().toString()));
  }

  /** The whole public profile after the change, plus the last-seen privacy setting. */
  EventEnvelope updated(UserAccount user) {
    JsonObject profile = user.toPublicJson();
    profile.remove("id");
    profile.remove("deleted");
    return event(UPDATED, user.id(), profile
      .put("userId", user.id().toString())
      .put("lastSeenVisibility", user.lastSeenVisibility()));
  }

  /**
   * {@code {userId, sessionId, deviceName, userAgent, time}}: a sign-in started a new device
   * session (sign-up does not count: there is no earlier device to warn). The notify service
   * tells the account's other devices. No network address: events outlive the audit log's care.
   */
  EventEnvelope signedIn(NewSession session) {
    return event(SIGNED_IN, session.userId(), new JsonObject()
      .put("userId", session.userId().toString())
      .put("sessionId", session.id().toString())
      .put("deviceName", session.deviceName())
      .put("userAgent", session.userAgent())
      .put("time", session.createdAt().toString()));
  }

  /** {@code {userId}}: consumers drop what they cached about the person and show "Deleted user". */
  EventEnvelope deleted(UUID userId) {
    return event(DELETED, userId, new JsonObject().put("userId", userId.toString()));
  }

  private EventEnvelope event(String type, UUID userId, JsonObject payload) {
    return new EventEnvelope(ids.next().toString(), type, clock.instant(), userId.toString(), payload, 1);
  }
}
