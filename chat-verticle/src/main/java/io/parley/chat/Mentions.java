package io.parley.chat;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code @username} mentions in a text. An {@code @} counts only at the start of a word, so
 * an email address ({@code bob@example.com}) mentions nobody.
 */
final class Mentions {

  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_@.])@([A-Za-z0-9_]{1,32})\\b");

  private Mentions() {
  }

  /** The usernames mentioned, lowercase (usernames compare case-insensitively), in order of appearance. */
  static Set<String> in(String text) {
    Set<String> usernames = new LinkedHashSet<>();
    if (text == null || text.indexOf('@') < 0) {
      return usernames;
    }
    Matcher matcher = MENTION.matcher(text);
    while (matcher.find()) {
      usernames.add(matcher.group(1).toLowerCase(Locale.ROOT));
    }
    return usernames;
  }
}
