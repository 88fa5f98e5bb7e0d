package io.parley.auth;

import io.parley.auth.ContactRequests.AddContact;
import io.parley.auth.ContactRequests.PhoneLookup;
import io.parley.shared.Caller;
import io.parley.shared.Headers;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Contacts (the people someone added, with a local name only they see) and finding people by
 * phone number. Contacts are the audience of stories; a lookup by number answers only people who
 * let the caller find them (their phone visibility), and is rate limited per user and per client
 * address, found or not, so a phone book cannot be walked through it.
 */
final class ContactService {

  private final ContactStore contacts;
  private final SessionService sessions;
  private final RateLimiter limiter;
  private final Clock clock;
  private final int maxContacts;
  private final int lookupsPerUser;
  private final int lookupsPerAddress;
  private final Duration lookupWindow;

  ContactService(ContactStore contacts, SessionService sessions, RateLimiter limiter, JsonObject config, Clock clock) {
    this.contacts = contacts;
    this.sessions = sessions;
    this.limiter = limiter;
    this.clock = clock;
    this.maxContacts = Config.integer(config, ConfigKeys.AUTH_MAX_CONTACTS, 5000);
    this.lookupsPerUser = Config.integer(config, ConfigKeys.AUTH_PHONE_LOOKUPS_PER_USER, 20);
    this.lookupsPerAddress = Config.integer(config, ConfigKeys.AUTH_PHONE_LOOKUPS_PER_ADDRESS, 100);
    this.lookupWindow = Duration.ofSeconds(Config.longValue(config, ConfigKeys.AUTH_PHONE_LOOKUP_WINDOW, 3600));
  }

  /** {@code GET /contacts}: {@code {items:[{user, name, phone?, addedAt}]}}. */
  Future<JsonObject> list(Caller request) {
    return sessions.authenticate(request)
      .compose(caller -> contacts.list(caller.userId(), maxContacts))
      .map(items -> new JsonObject().put("items", new JsonArray(items)));
  }

  /**
   * {@code POST /contacts}: adds a live account (201) or renames a contact I have (200, the
   * {@link Headers#REPLY_STATUS} the verticle sets from {@code created}).
   */
  Future<ContactStore.Added> add(AddContact add, Caller request) {
    return sessions.authenticate(request).compose(caller -> {
      if (caller.userId().equals(add.userId())) {
        return Future.failedFuture(AuthErrors.CANNOT_ADD_SELF.exception("You cannot add yourself to your contacts"));
      }
      return contacts.add(caller.userId(), add.userId(), add.name(), clock.instant(), maxContacts,
          AuthErrors.TOO_MANY_CONTACTS.exception("You have " + maxContacts + " contacts, as many as allowed"))
        .compose(added -> added != null ? Future.succeededFuture(added)
          : Future.failedFuture(AuthErrors.USER_NOT_FOUND.exception("No such user")));
    });
  }

  /** {@code DELETE /contacts/{userId}}: idempotent; their view of my stories ends at once. */
  Future<JsonObject> remove(UUID contact, Caller request) {
    return sessions.authenticate(request)
      .compose(caller -> contacts.remove(caller.userId(), contact))
      .map(done -> new JsonObject());
  }

  /**
   * {@code POST /users/lookup}: the people with exactly this number who let me find them by it:
   * {@code {items:[{id, username, displayName, avatarMediaId, statusText, contact}]}}, empty when
   * none (whether nobody has the number or nobody lets me see it, the answer is the same).
   */
  Future<JsonObject> byPhone(PhoneLookup lookup, Caller request) {
    return sessions.authenticate(request)
      .compose(caller -> limiter.acquire("auth.phone-lookup.user", caller.userId().toString(), lookupsPerUser, lookupWindow)
        .compose(allowed -> limiter.acquire("auth.phone-lookup.address", caller.clientAddress(), lookupsPerAddress,
          lookupWindow))
        .compose(allowed -> contacts.byPhone(caller.userId(), lookup.phone())))
      .map(people -> new JsonObject().put("items", new JsonArray(people)));
  }
}
