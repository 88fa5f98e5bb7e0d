package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.error.ParleyException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "short, too_short",
    "123456789, too_short",
    "zzzzzzzzzzzz, too_common",
    "abababababab, too_common",
    "abcdefghijkl, too_common",
    "0987654321, too_common",
    "1234567890, too_common",
    "0123456789, too_common",
    "QwertyUiop, too_common",
    "my alice_w password, contains_account_name",
    "wonderland-1865 secret, contains_account_name"})
  void refusesWeakPasswordsNamingTheRule(String password, String rule) {
    assertThatThrownBy(() -> PasswordPolicy.check(password, "alice_w", "wonderland-1865@example.org"))
      .isInstanceOfSatisfying(ParleyException.class, refused -> {
        assertThat(refused.errorCode().code()).isEqualTo("auth.weak_password");
        assertThat(refused.details().getString("rule")).isEqualTo(rule);
      });
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct horse battery staple", "Tr0ub4dor&3xyz", "ein süßes Passwort", "qwertyuiop but longer"})
  void acceptsReasonablePasswords(String password) {
    assertThatCode(() -> PasswordPolicy.check(password, "alice_w", "wonderland-1865@example.org")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 129})
  void limitsTheLength(int length) {
    String password = "abcdefghij".repeat(13).substring(0, length);
    if (length <= PasswordPolicy.MAX_LENGTH) {
      assertThatCode(() -> PasswordPolicy.check(password, "someone", "x@example.org")).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> PasswordPolicy.check(password, "someone", "x@example.org")).isInstanceOf(ParleyException.class);
    }
  }
}
