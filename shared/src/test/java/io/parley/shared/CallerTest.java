package io.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void aStampedCallerReadsBackAsTheSameCaller() {
    Caller caller = new Caller(UUID.randomUUID(), UUID.randomUUID(), "10.0.0.7", "Firefox", "corr-1");
    MultiMap headers = caller.stamp(new DeliveryOptions()).getHeaders();
    assertThat(Caller.from(headers)).isEqualTo(caller);
  }

  @Test
  void absentValuesAreLeftOutNeverWrittenAsTheTextNull() {
    MultiMap headers = new Caller(null, null, null, null, "corr-2").stamp(new DeliveryOptions()).getHeaders();
    assertThat(headers.names()).containsExactly(Headers.CORRELATION_ID);
    Caller read = Caller.from(headers);
    assertThat(read.signedIn()).isFalse();
    assertThat(read.userAgent()).isEmpty();
  }

  @Test
  void stampingReplacesWhateverIdentityTheClientPutInTheHeaders() {
    UUID real = UUID.randomUUID();
    DeliveryOptions forged = new DeliveryOptions().addHeader(Headers.USER_ID, UUID.randomUUID().toString());
    MultiMap headers = Caller.user(real, null, "c").stamp(forged).getHeaders();
    assertThat(headers.getAll(Headers.USER_ID)).containsExactly(real.toString());
  }

  @Test
  void aMalformedStampedIdReadsAsNoUserAndIsRefusedWhereAUserIsNeeded() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(Headers.USER_ID, "not-a-uuid");
    Caller caller = Caller.from(headers);
    assertThat(caller.signedIn()).isFalse();
    assertThatThrownBy(caller::requireUser).isInstanceOfSatisfying(ParleyException.class,
      refused -> assertThat(refused.errorCode()).isEqualTo(CommonErrors.UNAUTHENTICATED));
  }

  @Test
  void idsGivenAsTextAreParsedAndAMalformedOneIsNeverStamped() {
    UUID user = UUID.randomUUID();
    Caller caller = Caller.of(user.toString(), "session-of-someone", "10.0.0.8", null, "corr-3");
    assertThat(caller.userId()).isEqualTo(user);
    assertThat(caller.sessionId()).isNull();
    assertThat(caller.stamp(new DeliveryOptions()).getHeaders().names())
      .containsExactlyInAnyOrder(Headers.USER_ID, Headers.CLIENT_ADDRESS, Headers.CORRELATION_ID);
    assertThatThrownBy(caller::requireSession).isInstanceOfSatisfying(ParleyException.class,
      refused -> assertThat(refused.errorCode()).isEqualTo(CommonErrors.UNAUTHENTICATED));
  }

  @Test
  void longClientSuppliedValuesAreBounded() {
    Caller caller = new Caller(null, null, "a".repeat(200), "b".repeat(2_000), "c".repeat(500));
    assertThat(caller.clientAddress()).hasSize(64);
    assertThat(caller.userAgent()).hasSize(512);
    assertThat(caller.correlationId()).hasSize(128);
  }
}
