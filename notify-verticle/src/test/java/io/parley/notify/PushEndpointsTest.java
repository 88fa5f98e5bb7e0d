package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.error.ParleyException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushEndpointsTest {

  private final PushEndpoints strict = new PushEndpoints(false);
  private final PushEndpoints loopbackAllowed = new PushEndpoints(true);

  @Test
  void publicHttpsPushServicesAreAccepted() {
    for (String endpoint : List.of("https://fcm.googleapis.com/fcm/send/abc:def",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAA", "https://web.push.apple.com/QGa", "https://8.8.8.8/x")) {
      assertThat(strict.parse(endpoint).toString()).isEqualTo(endpoint);
    }
  }

  @Test
  void plainHttpAndLoopbackAreRefusedByDefault() {
    for (String endpoint : List.of("http://127.0.0.1:9000/push/1", "http://localhost/push", "https://127.0.0.1/push",
      "https://localhost/push", "http://push.example.com/x", "https://[::1]/x")) {
      assertRefused(strict, endpoint);
    }
  }

  @Test
  void theOperatorsFlagAllowsLoopbackOnlyNeverTheNetwork() {
    assertThat(loopbackAllowed.parse("http://127.0.0.1:9000/push/1")).isNotNull();
    assertThat(loopbackAllowed.parse("http://localhost:9000/push/1")).isNotNull();
    assertThat(loopbackAllowed.parse("http://[::1]:9000/push/1")).isNotNull();
    for (String endpoint : List.of("http://push.example.com/x", "http://10.0.0.8/x", "http://192.168.1.2/x")) {
      assertRefused(loopbackAllowed, endpoint);
    }
  }

  @Test
  void addressesInsideTheNetworkAndOddUrlsAreRefused() {
    for (String endpoint : List.of("https://10.0.0.1/p", "https://172.16.5.4/p", "https://192.168.1.1/p",
      "https://169.254.169.254/latest", "https://0.0.0.0/p", "https://[fc00::1]/p", "https://[fe80::1]/p",
      "https://user:pass@push.example.com/p", "https://push.example.com/p#frag", "mailto:x@example.com", "", "/relative")) {
      assertRefused(strict, endpoint);
    }
    assertThatThrownBy(() -> strict.parse(42)).isInstanceOf(ParleyException.class);
  }

  private static void assertRefused(PushEndpoints endpoints, String endpoint) {
    assertThatThrownBy(() -> endpoints.parse(endpoint)).as(endpoint).isInstanceOfSatisfying(ParleyException.class,
      refused -> assertThat(refused.errorCode().code()).isEqualTo("push.invalid_endpoint"));
  }
}
