package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.error.ParleyException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone numbers as people write them, read as E.164. */
class PhoneNumbersTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
    "+44 20 7946 0958       | +442079460958",
    "(+1) 555-0100 123      | +15550100123",
    "0049 30 1234567        | +49301234567",
    "+7 (495) 123-45-67     | +74951234567",
    "+683 4002              | +6834002",
    "+353.1.234.5678        | +35312345678",
    "+886 2 2345 6789       | +886223456789",
    "+1 684 733 1234 567    | +16847331234567"})
  void writtenNumbersBecomeE164(String written, String e164) {
    assertThat(PhoneNumbers.normalise(written)).isEqualTo(e164);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {
    "020 7946 0958",          // national: no country code to go by
    "+0 123 456 789",         // no code starts with 0
    "+28 123 4567",           // 28 is not assigned
    "+259 123 4567",          // nor 259
    "+44 12",                 // too short
    "+44 1234 5678 9012 34",  // 16 digits: longer than E.164 allows
    "+44 20 7946 0958 ext 1", // letters
    "++44 20 7946 0958",
    "+44 +20 7946 0958",
    "",
    "                                   +44"})
  void anythingElseIsRefused(String written) {
    assertThatThrownBy(() -> PhoneNumbers.normalise(written))
      .isInstanceOfSatisfying(ParleyException.class, refused -> {
        assertThat(refused.errorCode().code()).isEqualTo("auth.invalid_phone");
        assertThat(refused.errorCode().status()).isEqualTo(400);
      });
  }

  @ParameterizedTest(name = "{0} has code {1}")
  @CsvSource({"15550100, 1", "74951234, 7", "442079460958, 44", "35312345678, 353", "8869876543, 886"})
  void theCountryCodeIsTheAssignedPrefix(String digits, String code) {
    assertThat(PhoneNumbers.countryCode(digits)).isEqualTo(code);
  }
}
