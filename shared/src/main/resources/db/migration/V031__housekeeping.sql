-- Housekeeping (cluster singletons, see io.parley.shared.housekeeping): each job deletes in
-- bounded batches found through these indexes, so a run never scans or locks a whole table.

-- Sessions that ended (expired or revoked) long enough ago are pruned.
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_revoked_at ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

-- Audit rows past their retention are pruned.
CREATE INDEX audit_log_at ON audit_log (at);

-- A settings change superseded by a newer one of the same member for the same chat is folded away.
CREATE INDEX private_changes_settings ON private_changes (user_id, chat_id, seq)
  WHERE type = 'chat.settings.changed';
