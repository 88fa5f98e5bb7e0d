package io.parley.auth;

import io.parley.shared.error.AuthErrors;
import java.util.Set;

/**
 * Phone numbers in E.164 form: {@code +}, a country calling code assigned by the ITU, and the
 * national number, 7 to 15 digits in all. People type numbers as they see them written
 * ({@code +44 20 7946 0958}, {@code (+1) 555-0100}, {@code 0049 30 1234567}); spaces, dots,
 * dashes, slashes and brackets are dropped and a leading international {@code 00} read as
 * {@code +}. A number without a country code cannot be normalised without knowing where its owner
 * lives, so it is refused rather than guessed.
 *
 * <p>Calling codes are prefix-free (no code begins another), so the first one, two or three digits
 * that form an assigned code are the code. The national part is checked only by length: its rules
 * differ by country and by year.
 */
final class PhoneNumbers {

  static final int MIN_DIGITS = 7;
  static final int MAX_DIGITS = 15;
  /** More than any written number has; bounds the work on a hostile input. */
  static final int MAX_INPUT = 32;

  private static final Set<String> ONE_DIGIT = Set.of("1", "7");
  private static final Set<String> TWO_DIGITS = Set.of(
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
    "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
    "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");
  private static final Set<String> THREE_DIGITS = Set.of(
    "211", "212", "213", "216", "218",
    "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
    "230", "231", "232", "233", "234", "235", "236", "237", "238", "239",
    "240", "241", "242", "243", "244", "245", "246", "247", "248", "249",
    "250", "251", "252", "253", "254", "255", "256", "257", "258",
    "260", "261", "262", "263", "264", "265", "266", "267", "268", "269",
    "290", "291", "297", "298", "299",
    "350", "351", "352", "353", "354", "355", "356", "357", "358", "359",
    "370", "371", "372", "373", "374", "375", "376", "377", "378", "379",
    "380", "381", "382", "383", "385", "386", "387", "389",
    "420", "421", "423",
    "500", "501", "502", "503", "504", "505", "506", "507", "508", "509",
    "590", "591", "592", "593", "594", "595", "596", "597", "598", "599",
    "670", "672", "673", "674", "675", "676", "677", "678", "679",
    "680", "681", "682", "683", "685", "686", "687", "688", "689", "690", "691", "692",
    "800", "808", "850", "852", "853", "855", "856", "870", "878",
    "880", "881", "882", "883", "886", "888",
    "960", "961", "962", "963", "964", "965", "966", "967", "968",
    "970", "971", "972", "973", "974", "975", "976", "977", "979",
    "992", "993", "994", "995", "996", "998");

  private PhoneNumbers() {
  }

  /** The number in E.164 form ({@code +442079460958}); 400 {@code auth.invalid_phone} when it is not one. */
  static String normalise(String written) {
    if (written == null || written.length() > MAX_INPUT) {
      throw invalid();
    }
    StringBuilder digits = new StringBuilder(MAX_DIGITS);
    boolean plus = false;
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && digits.isEmpty() && !plus) {
        plus = true;
      } else if (" .-/()\u00a0".indexOf(c) < 0) {
        throw invalid();
      }
    }
    String number = digits.toString();
    if (!plus) {
      if (!number.startsWith("00")) {
        throw invalid();
      }
      number = number.substring(2);
    }
    if (number.length() < MIN_DIGITS || number.length() > MAX_DIGITS || countryCode(number) == null) {
      throw invalid();
    }
    return "+" + number;
  }

  /** The assigned calling code {@code digits} begin with, or null. */
  static String countryCode(String digits) {
    for (int length = 1; length <= 3 && length <= digits.length(); length++) {
      String prefix = digits.substring(0, length);
      if ((length == 1 ? ONE_DIGIT : length == 2 ? TWO_DIGITS : THREE_DIGITS).contains(prefix)) {
        return prefix;
      }
    }
    return null;
  }

  private static RuntimeException invalid() {
    return AuthErrors.INVALID_PHONE.exception("Give the phone number in international form: + and the country code,"
      + " then the number (7 to 15 digits in all)");
  }
}
