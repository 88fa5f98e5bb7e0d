package io.parley.chat;

/**
 * Whether a text is one emoji: a pictograph, optionally with skin-tone modifiers, variation
 * selectors and zero-width joiners (family and profession sequences), a keycap (1️⃣) or a flag
 * (regional indicator pair, or a subdivision tag sequence). A deliberately plain check over
 * Unicode's emoji blocks: it refuses text, not every unassigned code point.
 */
final class Emoji {

  private static final int MAX_CHARS = 32;
  private static final int ZERO_WIDTH_JOINER = 0x200D;
  private static final int KEYCAP = 0x20E3;

  private Emoji() {
  }

  static boolean isEmoji(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
      return false;
    }
    int[] points = text.codePoints().toArray();
    if (points.length >= 2 && points[points.length - 1] == KEYCAP) {
      int base = points[0];
      boolean keyBase = base == '#' || base == '*' || base >= '0' && base <= '9';
      return keyBase && (points.length == 2 || points.length == 3 && points[1] == 0xFE0F);
    }
    boolean pictograph = false;
    int previous = -1;
    for (int point : points) {
      if (isPictograph(point)) {
        pictograph = true;
      } else if (point == ZERO_WIDTH_JOINER) {
        if (previous == -1 || previous == ZERO_WIDTH_JOINER) {
          return false;
        }
      } else if (!isModifier(point)) {
        return false;
      }
      previous = point;
    }
    return pictograph && previous != ZERO_WIDTH_JOINER;
  }

  private static boolean isPictograph(int point) {
    return point >= 0x1F000 && point <= 0x1FAFF     // emoticons, pictographs, transport, flags' letters, supplemental
      || point >= 0x2600 && point <= 0x27BF          // miscellaneous symbols and dingbats
      || point >= 0x2300 && point <= 0x23FF          // watch, hourglass, keyboard ...
      || point >= 0x2B00 && point <= 0x2BFF          // stars, arrows, squares
      || point >= 0x2190 && point <= 0x21FF          // arrows
      || point >= 0x25A0 && point <= 0x25FF          // geometric shapes (play buttons, squares)
      || point == 0x00A9 || point == 0x00AE || point == 0x203C || point == 0x2049 || point == 0x2122
      || point == 0x2139 || point == 0x2934 || point == 0x2935 || point == 0x3030 || point == 0x303D
      || point == 0x3297 || point == 0x3299;
  }

  /** Variation selectors and tag characters (subdivision flags); skin tones are pictographs above. */
  private static boolean isModifier(int point) {
    return point == 0xFE0F || point == 0xFE0E || point >= 0xE0020 && point <= 0xE007F;
  }
}
