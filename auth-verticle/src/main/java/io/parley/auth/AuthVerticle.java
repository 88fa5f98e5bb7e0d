package io.parley.auth;

import io.parley.shared.Address;
import io.parley.shared.BusEndpoints;
import io.parley.shared.Headers;
import io.parley.shared.Ids;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.media.MediaClient;
import io.parley.shared.ratelimit.RateLimiter;
import io.parley.shared.security.SessionRevocations;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The auth service on the event bus: accounts, sessions, tokens, profiles, blocks and contacts,
 * with server roles, reports, moderation and the admin area. It only
 * wires: configuration in, stores and services built, one consumer per address. The gateway's
 * {@code AuthApi} maps REST routes to these addresses; since they are clustered, this verticle
 * can run on any node.
 */
public final class AuthVerticle extends VerticleBase {

  /** Password hashing gets its own small pool: bounded memory, and never starves other blocking work. */
  private static final String HASHING_POOL = "parley-password-hashing";

  private final Clock clock;
  private Pool pool;
  private Redis redis;
  private WorkerExecutor hashing;

  public AuthVerticle() {
    this(Clock.systemUTC());
  }

  public AuthVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    // First, as it fails without a private key: before any connection is opened.
    TokenIssuer tokens = new TokenIssuer(SigningKeys.jwtAuth(vertx, config), config);
    Duration sessionTtl = Duration.ofSeconds(
      Config.longValue(config, ConfigKeys.AUTH_REFRESH_TOKEN_TTL, Duration.ofDays(30).toSeconds()));
    Ids ids = new Ids(clock);
    pool = Connections.postgres(vertx, config);
    redis = Connections.redis(vertx, config);
    hashing = vertx.createSharedWorkerExecutor(HASHING_POOL, Runtime.getRuntime().availableProcessors());

    return PasswordHasher.create(hashing, PasswordHasher.Cost.from(config)).compose(hasher -> {
      UserStore users = new UserStore(pool);
      SessionStore sessionStore = new SessionStore(pool);
      BlockStore blocks = new BlockStore(pool);
      AuditStore audit = new AuditStore(ids, clock);
      UserEvents events = new UserEvents(ids, clock);
      Duration accessTokenTtl = Duration.ofSeconds(Config.longValue(config, ConfigKeys.AUTH_ACCESS_TOKEN_TTL, 900));
      SessionService sessions = new SessionService(pool, sessionStore, audit, vertx.eventBus(), clock, redis, accessTokenTtl);
      AuthService auth = new AuthService(pool, users, sessionStore, blocks, audit, hasher, tokens,
        new SignInLimits(new RateLimiter(redis, NodeServices.of(vertx).metrics()), config), sessions, events, ids, clock, sessionTtl,
        new SignUpPolicy(config));
      ContactStore contactStore = new ContactStore(pool);
      ProfileService profiles =
        new ProfileService(pool, users, new SearchStore(pool), blocks, contactStore, sessions, events,
          new MediaClient(vertx.eventBus()), clock, vertx.eventBus());
      ContactService contacts = new ContactService(contactStore, sessions,
        new RateLimiter(redis, NodeServices.of(vertx).metrics()), config, clock);

      ChatClient chat = new ChatClient(vertx.eventBus());
      ModerationService moderation = new ModerationService(pool, sessionStore, sessions, audit, chat, ids, clock);
      AdminService admin = new AdminService(pool, moderation, audit, vertx.eventBus(), clock);
      ExportService export = new ExportService(sessions, users, chat, clock);

      List<Future<Void>> consumers = new ArrayList<>();
      consumers.add(serve(Address.AUTH_REGISTER,
        (body, request) -> auth.register(RegisterRequest.from(body), request)));
      consumers.add(serve(Address.AUTH_LOGIN, (body, request) -> auth.login(LoginRequest.from(body), request)));
      consumers.add(serve(Address.AUTH_REFRESH, (body, request) -> auth.refresh(RefreshRequest.from(body), request)));
      consumers.add(serve(Address.AUTH_LOGOUT, (body, request) -> sessions.signOut(request)));
      consumers.add(serve(Address.AUTH_CHANGE_PASSWORD,
        (body, request) -> auth.changePassword(ChangePasswordRequest.from(body), request)));
      consumers.add(serve(Address.AUTH_DELETE_ACCOUNT,
        (body, request) -> auth.deleteAccount(DeleteAccountRequest.from(body), request)));
      consumers.add(serve(Address.AUTH_SESSIONS_LIST, (body, request) -> sessions.list(request)));
      consumers.add(serve(Address.AUTH_SESSION_REVOKE, sessions::revoke));
      consumers.add(serve(Address.AUTH_SESSIONS_REVOKE_OTHERS, (body, request) -> sessions.revokeOthers(request)));
      consumers.add(serve(Address.AUTH_ME, (body, request) -> profiles.me(request)));
      consumers.add(serve(Address.AUTH_UPDATE_PROFILE,
        (body, request) -> profiles.update(ProfileUpdate.from(body), request)));
      consumers.add(serve(Address.AUTH_USER_PROFILE, profiles::publicProfile));
      consumers.add(serve(Address.AUTH_USERS_SEARCH,
        (body, request) -> profiles.search(SearchQuery.from(body), request)));
      consumers.add(serve(Address.AUTH_BLOCK, profiles::block));
      consumers.add(serve(Address.AUTH_UNBLOCK, profiles::unblock));
      consumers.add(serve(Address.AUTH_BLOCKS_LIST, (body, request) -> profiles.blocked(request)));
      consumers.add(serve(Address.AUTH_EXPORT, (body, request) -> export.export(request)));
      consumers.add(serve(Address.MODERATION_REPORT,
        (body, request) -> moderation.report(ModerationRequests.NewReport.from(body), request)));
      consumers.add(serve(Address.MODERATION_REPORTS,
        (body, request) -> moderation.queue(ModerationRequests.ReportPage.from(body), request)));
      consumers.add(serve(Address.MODERATION_REPORT_ACT,
        (body, request) -> moderation.actOnReport(ModerationRequests.ReportAction.from(body), request)));
      consumers.add(serve(Address.MODERATION_USER_ACT,
        (body, request) -> moderation.actOnUser(ModerationRequests.UserAction.from(body), request)));
      consumers.add(serve(Address.MODERATION_MY_WARNINGS, (body, request) -> moderation.myWarnings(request)));
      consumers.add(serve(Address.ADMIN_USERS, (body, request) -> admin.accounts(AdminRequests.AccountsPage.from(body), request)));
      consumers.add(serve(Address.ADMIN_ROLE_GRANT, (body, request) -> admin.grant(AdminRequests.RoleChange.from(body), request)));
      consumers.add(serve(Address.ADMIN_ROLE_REVOKE, (body, request) -> admin.revoke(AdminRequests.RoleChange.from(body), request)));
      consumers.add(serve(Address.ADMIN_SETTINGS_GET, (body, request) -> admin.settings(request)));
      consumers.add(serve(Address.ADMIN_SETTINGS_UPDATE,
        (body, request) -> admin.updateSettings(AdminRequests.SettingsUpdate.from(body), request)));
      consumers.add(serve(Address.ADMIN_CHAT_RETENTION,
        (body, request) -> admin.chatRetention(AdminRequests.ChatRetention.from(body), request)));
      consumers.add(serve(Address.ADMIN_INVITE_CREATE, (body, request) -> admin.createInvite(AdminRequests.NewInvite.from(body), request)));
      consumers.add(serve(Address.ADMIN_INVITES, (body, request) -> admin.invites(request)));
      consumers.add(serve(Address.ADMIN_ANNOUNCE, (body, request) -> admin.announce(AdminRequests.Announcement.from(body), request)));
      consumers.add(serve(Address.ADMIN_AUDIT, (body, request) -> admin.auditLog(AdminRequests.AuditPage.from(body), request)));
      consumers.add(serve(Address.AUTH_CONTACTS_LIST, (body, request) -> contacts.list(request)));
      consumers.add(serveAdded(Address.AUTH_CONTACT_ADD,
        (body, request) -> contacts.add(ContactRequests.AddContact.from(body), request)));
      consumers.add(serve(Address.AUTH_CONTACT_REMOVE,
        (body, request) -> contacts.remove(ContactRequests.contactId(body), request)));
      consumers.add(serve(Address.AUTH_USERS_BY_PHONE,
        (body, request) -> contacts.byPhone(ContactRequests.PhoneLookup.from(body), request)));
      return Future.all(consumers);
    });
  }

  /** One consumer: parse, run, reply; any failure goes back as the shared error shape. */
  private Future<Void> serve(String address, BusEndpoints.Work<JsonObject> work) {
    return BusEndpoints.serve(vertx.eventBus(), address, work, reply -> reply, SessionRevocations::replyOptions);
  }

  /** A create-or-update: the route's 201 when it is new, 200 ({@link Headers#REPLY_STATUS}) when it was there. */
  private Future<Void> serveAdded(String address, BusEndpoints.Work<ContactStore.Added> work) {
    return BusEndpoints.serve(vertx.eventBus(), address, work, ContactStore.Added::contact,
      added -> added.created() ? new DeliveryOptions() : new DeliveryOptions().addHeader(Headers.REPLY_STATUS, "200"));
  }

  @Override
  public Future<?> stop() {
    return Future.join(hashing.close(), redis.close(), pool.close());
  }
}
