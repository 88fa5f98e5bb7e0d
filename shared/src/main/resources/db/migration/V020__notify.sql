-- Notifications for people who are away. Owned by the notify service (notify-verticle), which
-- consumes the chat and user events from Kafka.
--
-- What notify reads of the other domains is exactly these four read-only views: the contract.
-- Notify never names chat_members, chats, users or user_blocks itself, and PostgreSQL refuses to
-- drop or retype a column a view uses, so a change of those tables that would break notify fails
-- at its migration instead of in production.
CREATE VIEW notify_chat_members AS
  SELECT chat_id, user_id, joined_seq, left_at IS NOT NULL AS left_chat, muted_until
  FROM chat_members;
CREATE VIEW notify_chats AS
  SELECT id, type, title FROM chats;
CREATE VIEW notify_users AS
  SELECT id, display_name, deleted_at IS NOT NULL AS deleted FROM users;
CREATE VIEW notify_blocks AS
  SELECT blocker_id, blocked_id FROM user_blocks;

-- My notification setting of one chat. No row: mode 'all'.
CREATE TABLE notify_chat_settings (
  chat_id       uuid        NOT NULL,
  user_id       uuid        NOT NULL,
  mode          text        NOT NULL CHECK (mode IN ('all', 'mentions', 'none')),
  muted_until   timestamptz,
  hide_previews boolean     NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL,
  -- The recipients of a message are read by chat.
  PRIMARY KEY (chat_id, user_id)
);

-- My preferences for all chats. No row: previews shown, reactions notified.
CREATE TABLE notify_user_settings (
  user_id       uuid PRIMARY KEY,
  hide_previews boolean     NOT NULL DEFAULT false,
  reactions     boolean     NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL
);

-- One row per browser that subscribed (RFC 8030 push subscription). The endpoint names the
-- browser: subscribing it again, under any account, moves it to the newest.
CREATE TABLE push_subscriptions (
  id              uuid PRIMARY KEY,
  user_id         uuid        NOT NULL,
  -- The device session that subscribed: a new sign-in is told to every other device.
  session_id      uuid,
  endpoint        text        NOT NULL UNIQUE,
  p256dh          bytea       NOT NULL,
  auth            bytea       NOT NULL,
  created_at      timestamptz NOT NULL,
  last_success_at timestamptz,
  last_failure_at timestamptz,
  -- Failed pushes in a row, and the last reason (status or error), for operators.
  failures        int         NOT NULL DEFAULT 0,
  last_error      text
);
CREATE INDEX push_subscriptions_by_user ON push_subscriptions (user_id);

-- Stored notifications, the source of the bell and the list (the newest are cached in Redis).
-- Messages of one chat collapse: while unread, one row per person and chat (group_key
-- 'chat:<id>') counts them and shows the newest; any other notification has a key of its own
-- ('n:<id>'), so one unique index on the unread rows serves collapsing, the unread count and a
-- read clearing a chat (a person has few unread rows).
CREATE TABLE notifications (
  id                uuid PRIMARY KEY,
  user_id           uuid        NOT NULL,
  -- message, mention, reply, story_reply, reaction, added, sign_in
  type              text        NOT NULL,
  chat_id           uuid,
  seq               bigint,
  actor_id          uuid,
  title             text        NOT NULL,
  -- The newest item's text; with count > 1 the item reads "N new messages".
  body              text        NOT NULL,
  count             int         NOT NULL DEFAULT 1,
  group_key         text        NOT NULL,
  -- sign_in: the new session, whose own browser is not told.
  origin_session_id uuid,
  created_at        timestamptz NOT NULL,
  read_at           timestamptz
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX notifications_unread ON notifications (user_id, group_key) WHERE read_at IS NULL;
CREATE INDEX notifications_age ON notifications USING brin (created_at);

-- Events already applied, written in the transaction of their effects: a replayed event
-- (consumer restart, rebalance, a second node) finds its id here and changes nothing.
CREATE TABLE notify_events (
  event_id     uuid PRIMARY KEY,
  processed_at timestamptz NOT NULL
);
-- Inserted in time order: a BRIN index makes pruning cheap at no cost to the inserts.
CREATE INDEX notify_events_age ON notify_events USING brin (processed_at);

-- Events that could not be applied after their attempts, kept for operators; the partition moved on.
CREATE TABLE notify_poison (
  id         bigserial PRIMARY KEY,
  event_id   text,
  topic      text        NOT NULL,
  partition  int         NOT NULL,
  "offset"   bigint      NOT NULL,
  error      text        NOT NULL,
  record     text        NOT NULL,
  skipped_at timestamptz NOT NULL
);

-- Pushes waiting to be sent, one row per person and push key (a chat's messages, its reactions,
-- sign-ins). due_at is when the next push may go: at once for the first, then not before the
-- collapse window after the last one, so a burst makes one push saying "3 new messages". A
-- sender leases due rows (FOR UPDATE SKIP LOCKED, so nodes share the work); generation tells it
-- whether something new arrived while it was sending.
CREATE TABLE push_schedule (
  user_id         uuid        NOT NULL,
  push_key        text        NOT NULL,
  notification_id uuid        NOT NULL,
  due_at          timestamptz,
  last_push_at    timestamptz,
  generation      bigint      NOT NULL DEFAULT 1,
  leased_until    timestamptz,
  PRIMARY KEY (user_id, push_key)
);
CREATE INDEX push_schedule_due ON push_schedule (due_at) WHERE due_at IS NOT NULL;
