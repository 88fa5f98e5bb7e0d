package io.parley.auth;

import io.parley.auth.AdminRequests.AccountsPage;
import io.parley.auth.AdminRequests.Announcement;
import io.parley.auth.AdminRequests.AuditPage;
import io.parley.auth.AdminRequests.ChatRetention;
import io.parley.auth.AdminRequests.NewInvite;
import io.parley.auth.AdminRequests.RoleChange;
import io.parley.auth.AdminRequests.SettingsUpdate;
import io.parley.shared.Address;
import io.parley.shared.Caller;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The admin area: accounts with their roles and standing, granting and revoking server roles, the
 * server settings (registration policy, account limit, retention), one chat's retention, sign-up
 * invite codes, announcements to everyone online and the audit log. Admins only; each change is
 * in the audit log with who made it.
 */
final class AdminService {

  private final Pool pool;
  private final ModerationService moderation;
  private final AuditStore audit;
  private final EventBus eventBus;
  private final Clock clock;

  AdminService(Pool pool, ModerationService moderation, AuditStore audit, EventBus eventBus, Clock clock) {
    this.pool = pool;
    this.moderation = moderation;
    this.audit = audit;
    this.eventBus = eventBus;
    this.clock = clock;
  }

  Future<JsonObject> accounts(AccountsPage page, Caller origin) {
    return admin(origin).compose(me -> StaffStore.accounts(pool, page.text(), page.limit(), clock.instant()))
      .map(items -> new JsonObject().put("items", items));
  }

  Future<JsonObject> grant(RoleChange change, Caller origin) {
    return admin(origin).compose(me -> SanctionStore.standing(pool, change.userId()).compose(standing -> standing == null
      ? Future.failedFuture(AuthErrors.USER_NOT_FOUND.exception("No such user"))
      : pool.withTransaction(tx -> StaffStore.grant(tx, change.userId(), change.role(), me.userId(), clock.instant())
        .compose(added -> !added ? Future.succeededFuture()
          : audit.record(tx, entry("role_granted", change.userId(), me, origin, new JsonObject().put("role", change.role().code())), origin)))))
      .map(done -> new JsonObject());
  }

  Future<JsonObject> revoke(RoleChange change, Caller origin) {
    return admin(origin).compose(me -> {
      me.requireMayRevoke(change.userId(), change.role());
      return pool.withTransaction(tx -> StaffStore.revoke(tx, change.userId(), change.role())
        .compose(removed -> !removed ? Future.succeededFuture()
          : audit.record(tx, entry("role_revoked", change.userId(), me, origin, new JsonObject().put("role", change.role().code())), origin)));
    }).map(done -> new JsonObject());
  }

  Future<JsonObject> settings(Caller origin) {
    return admin(origin).compose(me -> SettingsStore.read(pool)).map(ServerSettings::toJson);
  }

  Future<JsonObject> updateSettings(SettingsUpdate update, Caller origin) {
    return admin(origin).compose(me -> pool.withTransaction(tx -> SettingsStore.update(tx, update, me.userId(), clock.instant())
      .compose(settings -> audit.record(tx, entry("settings_changed", null, me, origin, settings.toJson()), origin)
        .map(settings))))
      .map(ServerSettings::toJson);
  }

  Future<JsonObject> chatRetention(ChatRetention retention, Caller origin) {
    return admin(origin).compose(me -> pool.withTransaction(tx -> SettingsStore.setChatRetention(tx, retention.chatId(),
        retention.messageRetentionDays(), retention.mediaRetentionDays(), me.userId(), clock.instant())
      .compose(found -> !found ? Future.failedFuture(ChatErrors.CHAT_NOT_FOUND.exception("No such chat"))
        : audit.record(tx, entry("chat_retention_changed", null, me, origin, new JsonObject()
          .put("chatId", retention.chatId().toString())
          .put("messageRetentionDays", retention.messageRetentionDays())
          .put("mediaRetentionDays", retention.mediaRetentionDays())), origin))))
      .map(done -> new JsonObject().put("chatId", retention.chatId().toString())
        .put("messageRetentionDays", retention.messageRetentionDays())
        .put("mediaRetentionDays", retention.mediaRetentionDays()));
  }

  /** A new code, shown this once: only its hash is stored. */
  Future<JsonObject> createInvite(NewInvite request, Caller origin) {
    String code = RefreshTokens.generate();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(Duration.ofHours(request.expiresInHours()));
    return admin(origin).compose(me -> pool.withTransaction(tx -> SettingsStore.insertInvite(tx, RefreshTokens.hash(code),
        me.userId(), now, expiresAt)
      .compose(stored -> audit.record(tx, entry("invite_created", null, me, origin, new JsonObject().put("expiresAt", expiresAt.toString())),
        origin))))
      .map(done -> new JsonObject().put("code", code).put("expiresAt", expiresAt.toString()));
  }

  Future<JsonObject> invites(Caller origin) {
    return admin(origin).compose(me -> SettingsStore.invites(pool, clock.instant()))
      .map(items -> new JsonObject().put("items", items));
  }

  /** Published once on the cluster; every gateway writes it to each connection that listens. */
  Future<JsonObject> announce(Announcement announcement, Caller origin) {
    return admin(origin).compose(me -> audit.record(pool, entry("announcement", null, me, origin,
        new JsonObject().put("text", announcement.text())), origin)
      .map(recorded -> {
        JsonObject notice = new JsonObject().put("kind", "announcement").put("text", announcement.text())
          .put("at", clock.instant().toString());
        eventBus.publish(Address.CLIENT_ANNOUNCEMENTS, notice);
        return notice;
      }));
  }

  Future<JsonObject> auditLog(AuditPage page, Caller origin) {
    return admin(origin).compose(me -> AuditStore.newest(pool, page.userId(), page.limit()))
      .map(items -> new JsonObject().put("items", items));
  }

  private Future<Staff> admin(Caller origin) {
    return moderation.staff(origin).map(Staff::requireAdmin);
  }

  /** An admin operation for the audit log: who did it ({@code by}) with its details. */
  private static AuditEntry entry(String operation, UUID userId, Staff admin, Caller origin, JsonObject details) {
    return new AuditEntry(AuditEntry.ADMIN_PREFIX + operation, userId, origin.sessionId(),
      details.copy().put("by", admin.userId().toString()));
  }
}
