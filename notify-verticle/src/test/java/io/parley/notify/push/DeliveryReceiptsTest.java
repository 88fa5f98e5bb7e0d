package io.parley.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryReceiptsTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private final ECPrivateKey key = (ECPrivateKey) P256.generate().getPrivate();
  private final DeliveryReceipts receipts = new DeliveryReceipts(key, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aReceiptSaysWhoWhichChatAndWhichMessage() {
    UUID user = UUID.randomUUID();
    UUID chat = UUID.randomUUID();
    assertThat(receipts.verify(receipts.issue(user, chat, 42))).contains(new DeliveryReceipts.Receipt(user, chat, 42));
  }

  @Test
  void aChangedExpiredOrForeignReceiptIsRefused() {
    String token = receipts.issue(UUID.randomUUID(), UUID.randomUUID(), 7);
    char last = token.charAt(10);
    String changed = token.substring(0, 10) + (last == 'A' ? 'B' : 'A') + token.substring(11);
    assertThat(receipts.verify(changed)).isEmpty();

    DeliveryReceipts later = new DeliveryReceipts(key, Duration.ofHours(1), Clock.fixed(NOW.plusSeconds(3601), ZoneOffset.UTC));
    assertThat(later.verify(token)).isEmpty();

    DeliveryReceipts otherServer = new DeliveryReceipts((ECPrivateKey) P256.generate().getPrivate(), Duration.ofHours(1),
      Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(otherServer.verify(token)).isEmpty();
    for (String junk : new String[] {null, "", ".", "abc", "a.b.c", "x".repeat(500)}) {
      assertThat(receipts.verify(junk)).isEmpty();
    }
  }
}
