package io.parley.auth;

import io.parley.shared.error.AuthErrors;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of usernames, emails and display names. Usernames are unique regardless of letter
 * case (the column is citext) but keep the case their owner chose.
 */
final class AccountRules {

  static final int USERNAME_MIN = 3;
  static final int USERNAME_MAX = 32;
  static final int EMAIL_MAX = 254;
  static final int DISPLAY_NAME_MAX = 64;
  /** Shown instead of the name of a deleted account. */
  static final String DELETED_DISPLAY_NAME = "Deleted user";

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{" + USERNAME_MIN + "," + USERNAME_MAX + "}");
  /** The WHATWG form-validation grammar for an email address, with at least one dot in the domain. */
  private static final Pattern EMAIL = Pattern.compile(
    "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
      + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  /** Names people would mistake for the operators of the server. */
  private static final Set<String> RESERVED = Set.of(
    "admin", "administrator", "root", "system", "parley", "support", "security", "moderator", "deleted");

  private AccountRules() {
  }

  static String username(String value) {
    if (!USERNAME.matcher(value).matches()) {
      throw AuthErrors.INVALID_USERNAME.exception("A username has " + USERNAME_MIN + " to " + USERNAME_MAX
        + " characters: letters a-z, digits and underscores");
    }
    if (RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
      throw AuthErrors.INVALID_USERNAME.exception("This username is reserved");
    }
    return value;
  }

  /** The address trimmed and lower-cased, so one mailbox is one account however it is typed. */
  static String email(String value) {
    String normalised = value.strip().toLowerCase(Locale.ROOT);
    if (normalised.length() > EMAIL_MAX || !EMAIL.matcher(normalised).matches()) {
      throw AuthErrors.INVALID_EMAIL.exception("This is not a valid email address");
    }
    return normalised;
  }

  static String displayName(String value) {
    String name = Fields.text(value, "displayName", false);
    if (name.isEmpty()) {
      throw Fields.invalid("displayName", "displayName is required");
    }
    return name;
  }
}
