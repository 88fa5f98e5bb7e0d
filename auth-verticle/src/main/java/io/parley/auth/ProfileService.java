package io.parley.auth;

import io.parley.shared.Address;
import io.parley.shared.Caller;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.event.Outbox;
import io.parley.shared.event.Topics;
import io.parley.shared.media.MediaClient;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Profiles, people search and blocks: who people are and who may reach whom. */
final class ProfileService {

  private final Pool pool;
  private final UserStore users;
  private final SearchStore search;
  private final BlockStore blocks;
  private final ContactStore contacts;
  private final SessionService sessions;
  private final UserEvents events;
  private final MediaClient media;
  private final Clock clock;
  private final EventBus eventBus;

  ProfileService(Pool pool, UserStore users, SearchStore search, BlockStore blocks, ContactStore contacts,
                 SessionService sessions, UserEvents events, MediaClient media, Clock clock, EventBus eventBus) {
    this.eventBus = eventBus;
    this.pool = pool;
    this.users = users;
    this.search = search;
    this.blocks = blocks;
    this.contacts = contacts;
    this.sessions = sessions;
    this.events = events;
    this.media = media;
    this.clock = clock;
  }

  /** {@code GET /me}: my own profile, with my email, privacy settings and server roles. */
  Future<JsonObject> me(Caller request) {
    return sessions.authenticate(request)
      .compose(caller -> users.findById(caller.userId()).compose(user -> withRoles(UserAccount.live(user))));
  }

  /** My profile as {@code /me} answers it: the private view and my server roles ({@code admin}, {@code moderator}). */
  private Future<JsonObject> withRoles(UserAccount user) {
    return StaffStore.rolesOf(pool, user.id())
      .map(roles -> user.toPrivateJson().put("roles", new JsonArray(roles.stream().map(ServerRole::code).sorted().toList())));
  }

  /**
   * {@code PATCH /me}: changes the fields given; {@code user.updated} is written with the change. A
   * new avatar is one of my ready images: the media service says so first (else its refusal).
   */
  Future<JsonObject> update(ProfileUpdate update, Caller request) {
    if (update.isEmpty()) {
      return me(request);
    }
    return sessions.authenticate(request)
      .compose(caller -> update.avatarMediaId() == null ? Future.succeededFuture(caller)
        : media.attach(caller.userId(), update.avatarMediaId(), "image").map(caller))
      .compose(caller -> pool.withTransaction(tx -> users.updateProfile(tx, caller.userId(), update, clock.instant())
        .compose(user -> Outbox.append(tx, Topics.USERS, events.updated(UserAccount.live(user))).map(user))))
      .compose(this::withRoles);
  }

  /** {@code GET /users/{id}}: anyone's public profile, with the phone number when they let me see it. */
  Future<JsonObject> publicProfile(JsonObject body, Caller request) {
    UUID userId = Fields.id(Fields.string(body, "userId"), "userId");
    return sessions.authenticate(request)
      .compose(caller -> users.findById(userId).compose(user -> user == null
        ? Future.failedFuture(AuthErrors.USER_NOT_FOUND.exception("No such user"))
        : contacts.visiblePhone(caller.userId(), userId).map(phone -> phone == null || user.deleted()
          ? user.toPublicJson() : user.toPublicJson().put("phone", phone))));
  }

  /**
   * {@code GET /users?q=}: one page of people, best matches first, without the people who
   * blocked me. {@code nextOffset} is null on the last page.
   */
  Future<JsonObject> search(SearchQuery query, Caller request) {
    return sessions.authenticate(request)
      .compose(caller -> search.search(caller.userId(), query))
      .map(found -> {
        boolean more = found.size() > query.limit();
        List<UserSummary> page = more ? found.subList(0, query.limit()) : found;
        return new JsonObject()
          .put("users", new JsonArray(page.stream().map(UserSummary::toJson).toList()))
          .put("nextOffset", more ? query.offset() + query.limit() : null);
      });
  }

  /** {@code POST /blocks/{userId}}: idempotent. */
  Future<JsonObject> block(JsonObject body, Caller request) {
    UUID target = Fields.id(Fields.string(body, "userId"), "userId");
    return sessions.authenticate(request).compose(caller -> {
      if (caller.userId().equals(target)) {
        return Future.failedFuture(AuthErrors.CANNOT_BLOCK_SELF.exception("You cannot block yourself"));
      }
      return blocks.block(caller.userId(), target, clock.instant())
        .compose(found -> found
          ? Future.succeededFuture(announceBlock(caller.userId(), target, true))
          : Future.failedFuture(AuthErrors.USER_NOT_FOUND.exception("No such user")));
    });
  }

  /** {@code DELETE /blocks/{userId}}: idempotent. */
  Future<JsonObject> unblock(JsonObject body, Caller request) {
    UUID target = Fields.id(Fields.string(body, "userId"), "userId");
    return sessions.authenticate(request)
      .compose(caller -> blocks.unblock(caller.userId(), target).map(done -> announceBlock(caller.userId(), target, false)));
  }

  /** Tells every gateway at once, so live presence and typing follow the block without a reconnect. */
  private JsonObject announceBlock(UUID blocker, UUID blocked, boolean blocking) {
    eventBus.publish(Address.AUTH_BLOCKS_CHANGED, new JsonObject()
      .put("blockerId", blocker.toString())
      .put("blockedId", blocked.toString())
      .put("blocked", blocking));
    return new JsonObject();
  }

  /** {@code GET /blocks}: the people I blocked. */
  Future<JsonObject> blocked(Caller request) {
    return sessions.authenticate(request)
      .compose(caller -> blocks.list(caller.userId()))
      .map(list -> new JsonObject().put("blocks", new JsonArray(list)));
  }


}
