package io.parley.shared.event;

import io.parley.shared.Address;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An event for named people, as published on {@link Address#REALTIME_USERS}: the envelope every
 * recipient receives, and the ids of the recipients, which only the gateways read. One publish
 * reaches every gateway node once; each writes the envelope to the sockets of the recipients it
 * holds, so nothing is written to the cluster per connection and nobody else's socket sees it.
 *
 * @param userIds who receives the event (every device of each); never sent to a browser
 * @param event   what they receive
 */
public record AddressedEvent(List<UUID> userIds, EventEnvelope event) {

  public AddressedEvent {
    userIds = List.copyOf(userIds);
  }

  /** The same event for these people, each once. */
  public static AddressedEvent to(Collection<UUID> userIds, EventEnvelope event) {
    return new AddressedEvent(userIds.stream().distinct().toList(), event);
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("userIds", new JsonArray(userIds.stream().map(UUID::toString).toList()))
      .put("event", event.toJson());
  }

  /** The recipients' ids as text (what a gateway looks its sockets up by); malformed ones are skipped. */
  public static List<String> recipients(JsonObject published) {
    JsonArray ids = published.getJsonArray("userIds", new JsonArray());
    List<String> recipients = new ArrayList<>(ids.size());
    for (Object id : ids) {
      if (id instanceof String text) {
        recipients.add(text);
      }
    }
    return recipients;
  }
}
