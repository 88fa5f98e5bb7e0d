package io.parley.auth;

import io.parley.shared.error.AuthErrors;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be, following NIST SP 800-63B: long enough, not absurdly long, not
 * trivially guessable. No composition rules (they push people to "Password1!"); instead a
 * minimum length, a check for very few distinct characters and straight runs ("1234567890"),
 * the most common long passwords, and the account's own name. Each refusal carries a
 * {@code rule} detail for the client.
 */
final class PasswordPolicy {

  static final int MIN_LENGTH = 10;
  static final int MAX_LENGTH = 128;
  private static final int MIN_DISTINCT = 5;
  /** Among the most frequent passwords of at least ten characters in public breach corpora. */
  private static final Set<String> COMMON = Set.of(
    "qwertyuiop", "1q2w3e4r5t", "1qaz2wsx3edc", "password123", "password1234", "iloveyou123",
    "qwerty1234", "qwerty12345", "qwerty123456", "123456789a", "a123456789",
    "q1w2e3r4t5", "asdfghjkl1", "zaq12wsxcde3", "passw0rd123", "letmein123", "welcome123");

  private PasswordPolicy() {
  }

  static void check(String password, String username, String email) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      throw refuse("too_short", "A password needs at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      throw refuse("too_long", "A password has at most " + MAX_LENGTH + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (password.codePoints().distinct().count() < MIN_DISTINCT || isStraightRun(lower) || COMMON.contains(lower)) {
      throw refuse("too_common", "This password is too easy to guess; a few unrelated words make a strong one");
    }
    String mailbox = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
    if (lower.contains(username.toLowerCase(Locale.ROOT)) || mailbox.length() >= 3 && lower.contains(mailbox)) {
      throw refuse("contains_account_name", "A password must not contain your username or email");
    }
  }

  /**
   * Each character one above (or below) the one before: "abcdefghij", "0123456789", and, in the
   * order of the keyboard's digit row, "1234567890" and "0987654321".
   */
  private static boolean isStraightRun(String password) {
    int[] chars = password.codePoints().toArray();
    int[] keyboard = password.codePoints().map(c -> c == '0' ? '9' + 1 : c).toArray();
    return isRun(chars) || isRun(keyboard);
  }

  private static boolean isRun(int[] chars) {
    int step = chars[1] - chars[0];
    if (Math.abs(step) != 1) {
      return false;
    }
    for (int i = 2; i < chars.length; i++) {
      if (chars[i] - chars[i - 1] != step) {
        return false;
      }
    }
    return true;
  }

  private static RuntimeException refuse(String rule, String message) {
    return AuthErrors.WEAK_PASSWORD.exception(message, new JsonObject().put("rule", rule));
  }
}
