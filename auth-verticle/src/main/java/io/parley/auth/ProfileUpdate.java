package io.parley.auth;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;

/**
 * {@code PATCH /api/v1/me}: only the fields present change. An unknown field is refused rather
 * than ignored, so a misspelt field never looks like a successful change.
 *
 * @param clearAvatar true when {@code avatarMediaId} was sent as null
 * @param phone       the new phone number in E.164 form ({@link PhoneNumbers})
 * @param clearPhone  true when {@code phone} was sent as null (or empty)
 */
record ProfileUpdate(String displayName, String bio, String statusText, UUID avatarMediaId, boolean clearAvatar,
                     String lastSeenVisibility, String phone, boolean clearPhone, String phoneVisibility) {

  static final int BIO_MAX = 500;
  static final int STATUS_TEXT_MAX = 140;
  static final Set<String> VISIBILITIES = Set.of("everyone", "nobody");
  static final Set<String> PHONE_VISIBILITIES = Set.of("everyone", "contacts", "nobody");
  private static final Set<String> FIELDS =
    Set.of("displayName", "bio", "statusText", "avatarMediaId", "lastSeenVisibility", "phone", "phoneVisibility");

  static ProfileUpdate from(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw Fields.invalid(field, field + " cannot be changed here; known fields: " + String.join(", ", FIELDS));
      }
    }
    String displayName = Fields.optional(body, "displayName", AccountRules.DISPLAY_NAME_MAX);
    String bio = Fields.optional(body, "bio", BIO_MAX);
    String statusText = Fields.optional(body, "statusText", STATUS_TEXT_MAX);
    String avatar = Fields.optional(body, "avatarMediaId", 36);
    String visibility = Fields.optional(body, "lastSeenVisibility", 16);
    if (visibility != null && !VISIBILITIES.contains(visibility)) {
      throw Fields.invalid("lastSeenVisibility", "lastSeenVisibility is everyone or nobody");
    }
    String phone = Fields.optional(body, "phone", PhoneNumbers.MAX_INPUT);
    String phoneVisibility = Fields.optional(body, "phoneVisibility", 16);
    if (phoneVisibility != null && !PHONE_VISIBILITIES.contains(phoneVisibility)) {
      throw Fields.invalid("phoneVisibility", "phoneVisibility is everyone, contacts or nobody");
    }
    boolean clearPhone = body.containsKey("phone") && (phone == null || phone.isBlank());
    return new ProfileUpdate(
      displayName == null ? null : AccountRules.displayName(displayName),
      bio == null ? null : Fields.text(bio, "bio", true),
      statusText == null ? null : Fields.text(statusText, "statusText", false),
      avatar == null ? null : Fields.bodyId(avatar, "avatarMediaId"),
      body.containsKey("avatarMediaId") && avatar == null,
      visibility,
      clearPhone || phone == null ? null : PhoneNumbers.normalise(phone),
      clearPhone,
      phoneVisibility);
  }

  boolean isEmpty() {
    return displayName == null && bio == null && statusText == null && avatarMediaId == null && !clearAvatar
      && lastSeenVisibility == null && phone == null && !clearPhone && phoneVisibility == null;
  }
}
