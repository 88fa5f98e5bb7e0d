package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
class PasswordHasherTest {

  private static final Logger log = LoggerFactory.getLogger(PasswordHasherTest.class);
  private static PasswordHasher hasher;
  private static PasswordHasher cheap;

  @BeforeAll
  static void start(Vertx vertx) {
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("test-hashing", 2);
    hasher = PasswordHasher.create(workers, PasswordHasher.Cost.OWASP).await();
    cheap = PasswordHasher.create(workers, new PasswordHasher.Cost(8, 1)).await();
  }

  @Test
  void hashIsArgon2idWithOwaspParametersInPhcFormat() {
    long started = System.nanoTime();
    String hash = hasher.hash("correct horse battery staple").await();
    log.info("One Argon2id hash (19 MiB, t=2, p=1) took {} ms", (System.nanoTime() - started) / 1_000_000);
    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void rightPasswordVerifiesAndAnyOtherDoesNot() {
    String hash = hasher.hash("correct horse battery staple").await();
    assertThat(hasher.verify("correct horse battery staple", hash).await()).isTrue();
    assertThat(hasher.verify("correct horse battery stapl", hash).await()).isFalse();
    assertThat(hasher.verify("Correct horse battery staple", hash).await()).isFalse();
  }

  @Test
  void samePasswordHashesDifferentlyEachTime() {
    assertThat(hasher.hash("same password twice").await()).isNotEqualTo(hasher.hash("same password twice").await());
  }

  @Test
  void missingOrUnreadableHashNeverVerifies() {
    assertThat(hasher.verify("anything at all", null).await()).isFalse();
    assertThat(hasher.verify("", "").await()).isFalse();
    assertThat(hasher.verify("anything at all", "$2a$12$notourformat").await()).isFalse();
  }

  @Test
  void theSamePasswordTypedInAnotherUnicodeFormVerifies() {
    String composed = "Åsa's lovely password";
    String decomposed = "A\u030Asa's lovely password";
    assertThat(hasher.verify(decomposed, hasher.hash(composed).await()).await()).isTrue();
  }

  @Test
  void aConfiguredCostMakesTheHashesAndHashesOfAnyOtherCostAskForARehash() {
    String hash = cheap.hash("correct horse battery staple").await();
    assertThat(hash).startsWith("$argon2id$v=19$m=8,t=1,p=1$");
    assertThat(cheap.needsRehash(hash)).isFalse();
    assertThat(hasher.verify("correct horse battery staple", hash).await()).as("any cost verifies").isTrue();
    assertThat(hasher.needsRehash(hash)).isTrue();
    assertThat(cheap.needsRehash(hasher.hash("correct horse battery staple").await())).isTrue();
  }

  @Test
  void aCostArgon2CannotRunIsRefusedAndOneBelowOwaspIsNamedSo() {
    assertThatThrownBy(() -> new PasswordHasher.Cost(7, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordHasher.Cost(19456, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PasswordHasher.Cost.OWASP.belowOwasp()).isFalse();
    assertThat(new PasswordHasher.Cost(47104, 1).belowOwasp()).isFalse();
    assertThat(new PasswordHasher.Cost(7168, 5).belowOwasp()).isFalse();
    assertThat(new PasswordHasher.Cost(7168, 4).belowOwasp()).isTrue();
    assertThat(new PasswordHasher.Cost(8, 1).belowOwasp()).isTrue();
    assertThat(PasswordHasher.Cost.from(new io.vertx.core.json.JsonObject())).isEqualTo(PasswordHasher.Cost.OWASP);
  }

  @Test
  void hashesWithOlderParametersStillVerifyAndAskForARehash() {
    String old = PasswordHasher.hashBlocking("an older password hash", 8192, 1, 1);
    assertThat(hasher.verify("an older password hash", old).await()).isTrue();
    assertThat(hasher.needsRehash(old)).isTrue();
  }
}
