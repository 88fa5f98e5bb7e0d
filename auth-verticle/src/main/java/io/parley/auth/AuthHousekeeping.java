package io.parley.auth;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The auth domain's housekeeping: device sessions that ended (expired or revoked) more than
 * {@code housekeeping.sessionRetentionDays} ago, and audit rows older than
 * {@code housekeeping.auditRetentionDays}. A revoked session is kept a while so that a reused
 * refresh token still finds it and is recognised as theft rather than as garbage.
 */
public final class AuthHousekeeping {

  private AuthHousekeeping() {
  }

  public static List<HousekeepingJob> jobs(JsonObject config, Clock clock) {
    Duration sessions = Duration.ofDays(Config.longValue(config, ConfigKeys.HOUSEKEEPING_SESSION_RETENTION_DAYS, 30));
    Duration audit = Duration.ofDays(Config.longValue(config, ConfigKeys.HOUSEKEEPING_AUDIT_RETENTION_DAYS, 365));
    return List.of(
      HousekeepingJob.of("auth.sessions", (tx, batch) -> SessionStore.pruneEnded(tx, clock.instant().minus(sessions), batch)),
      HousekeepingJob.of("auth.audit", (tx, batch) -> AuditStore.pruneBefore(tx, clock.instant().minus(audit), batch)));
  }
}
