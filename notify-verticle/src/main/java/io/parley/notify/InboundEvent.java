package io.parley.notify;

import io.parley.shared.event.EventEnvelope;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record read from Kafka: where it came from and the event envelope it holds, or null with
 * the reason when the record is not an envelope at all.
 */
record InboundEvent(String topic, int partition, long offset, String record, EventEnvelope envelope, String unreadable) {

  static InboundEvent of(ConsumerRecord<String, String> record) {
    try {
      EventEnvelope envelope = EventEnvelope.fromJson(new JsonObject(record.value()));
      return new InboundEvent(record.topic(), record.partition(), record.offset(), record.value(), envelope, null);
    } catch (RuntimeException unreadable) {
      return new InboundEvent(record.topic(), record.partition(), record.offset(), String.valueOf(record.value()), null,
        "Not an event envelope: " + unreadable);
    }
  }

  String eventId() {
    return envelope == null ? null : envelope.id();
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset + (envelope == null ? "" : " " + envelope.type() + " " + envelope.id());
  }
}
