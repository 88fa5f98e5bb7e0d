package io.parley.shared.event;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * The one shape of every domain event, on Kafka and on the event bus.
 *
 * @param id          unique event id (a time-ordered UUID); consumers de-duplicate by it
 * @param type        what happened, dotted: {@code user.registered}, {@code message.sent}
 * @param time        when it happened (server clock)
 * @param aggregateId the entity the event belongs to (a user id, a chat id); also the Kafka key,
 *                    so the events of one aggregate stay in order on one partition
 * @param payload     the event's data, shaped by its type
 * @param version     the payload's schema version, so consumers can read old and new shapes
 */
public record EventEnvelope(String id, String type, Instant time, String aggregateId,
                            JsonObject payload, int version) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(payload, "payload");
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id)
      .put("type", type)
      .put("time", time.toString())
      .put("aggregateId", aggregateId)
      .put("version", version)
      .put("payload", payload);
  }

  public static EventEnvelope fromJson(JsonObject json) {
    return new EventEnvelope(
      json.getString("id"),
      json.getString("type"),
      Instant.parse(json.getString("time")),
      json.getString("aggregateId"),
      json.getJsonObject("payload"),
      json.getInteger("version", 1));
  }
}
