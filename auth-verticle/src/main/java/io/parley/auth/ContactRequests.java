package io.parley.auth;

import io.parley.shared.Address;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The requests about contacts and finding people by phone number, each parsed from its bus body. */
final class ContactRequests {

  /** Longest local name of a contact, as a display name. */
  static final int NAME_MAX = AccountRules.DISPLAY_NAME_MAX;

  private ContactRequests() {
  }

  /** {@link Address#AUTH_CONTACT_ADD}: {@code {userId, name?}}; a blank name is no local name. */
  record AddContact(UUID userId, String name) {
    static AddContact from(JsonObject body) {
      UUID userId = Fields.bodyId(Fields.required(body, "userId", 36), "userId");
      String name = Fields.optional(body, "name", NAME_MAX);
      String local = name == null ? null : Fields.text(name, "name", false);
      return new AddContact(userId, local == null || local.isEmpty() ? null : local);
    }
  }

  /** {@link Address#AUTH_CONTACT_REMOVE}: {@code {userId}}, from the path. */
  static UUID contactId(JsonObject body) {
    return Fields.id(Fields.string(body, "userId"), "userId");
  }

  /** {@link Address#AUTH_USERS_BY_PHONE}: {@code {phone}}, normalised to E.164 ({@link PhoneNumbers}). */
  record PhoneLookup(String phone) {
    static PhoneLookup from(JsonObject body) {
      return new PhoneLookup(PhoneNumbers.normalise(Fields.required(body, "phone", PhoneNumbers.MAX_INPUT)));
    }
  }
}
