-- The trace and the correlation id of the work that wrote an event. The relay moves the event to
-- Kafka later, maybe on another node; with these it puts a W3C traceparent and the correlation id
-- in the record's headers, so the consumers' work joins the trace of the request that caused it.
ALTER TABLE outbox ADD COLUMN trace_parent text, ADD COLUMN correlation_id text;
