-- Foundation: the outbox every domain writes its events to in the same transaction as its
-- state, relayed to Kafka by a background relay (at least once, in order per aggregate).
CREATE TABLE outbox (
  position     bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  aggregate_id text        NOT NULL,
  envelope     jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
