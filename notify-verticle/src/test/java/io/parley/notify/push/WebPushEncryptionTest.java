package io.parley.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WebPushEncryptionTest {

  // RFC 8291, Appendix A: every input fixed, so the output is known byte for byte.
  private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
  private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
  private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLoc"
    + "InmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

  @Test
  void reproducesTheWorkedExampleOfRfc8291ByteForByte() {
    KeyPair sender = new KeyPair(P256.publicKey(P256.fromBase64Url(AS_PUBLIC)), P256.privateKey(P256.fromBase64Url(AS_PRIVATE)));

    byte[] body = WebPushEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8),
      P256.publicKey(P256.fromBase64Url(UA_PUBLIC)), P256.fromBase64Url(AUTH_SECRET), sender, P256.fromBase64Url(SALT));

    assertThat(P256.base64Url(body)).isEqualTo(BODY);
  }

  @Test
  void theBrowserSideOpensTheWorkedExample() throws GeneralSecurityException {
    byte[] plaintext = BrowserSide.decrypt(P256.fromBase64Url(BODY), P256.privateKey(P256.fromBase64Url(UA_PRIVATE)),
      P256.publicKey(P256.fromBase64Url(UA_PUBLIC)), P256.fromBase64Url(AUTH_SECRET));

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
  }

  @Test
  void everyMessageHasItsOwnSaltAndKeyAndOnlyItsSubscriptionOpensIt() throws GeneralSecurityException {
    KeyPair browser = P256.generate();
    byte[] auth = "sixteen byte key".getBytes(StandardCharsets.US_ASCII);
    byte[] message = "{\"title\":\"Hi\"}".getBytes(StandardCharsets.UTF_8);

    byte[] first = WebPushEncryption.encrypt(message, (ECPublicKey) browser.getPublic(), auth);
    byte[] second = WebPushEncryption.encrypt(message, (ECPublicKey) browser.getPublic(), auth);

    assertThat(Arrays.copyOf(first, 16)).isNotEqualTo(Arrays.copyOf(second, 16));
    assertThat(BrowserSide.decrypt(first, (ECPrivateKey) browser.getPrivate(), (ECPublicKey) browser.getPublic(), auth))
      .isEqualTo(message);
    KeyPair stranger = P256.generate();
    assertThatThrownBy(() -> BrowserSide.decrypt(first, (ECPrivateKey) stranger.getPrivate(),
      (ECPublicKey) browser.getPublic(), auth)).isInstanceOf(GeneralSecurityException.class);
    byte[] wrongAuth = "another 16 bytes".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> BrowserSide.decrypt(first, (ECPrivateKey) browser.getPrivate(),
      (ECPublicKey) browser.getPublic(), wrongAuth)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void theLargestMessageFitsInFourKilobytesAndALargerOneIsRefused() {
    KeyPair browser = P256.generate();
    byte[] auth = new byte[16];
    byte[] largest = WebPushEncryption.encrypt(new byte[WebPushEncryption.MAX_PLAINTEXT], (ECPublicKey) browser.getPublic(), auth);
    assertThat(largest).hasSize(4096);
    assertThatThrownBy(() -> WebPushEncryption.encrypt(new byte[WebPushEncryption.MAX_PLAINTEXT + 1],
      (ECPublicKey) browser.getPublic(), auth)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pointsOffTheCurveAreRefused() {
    byte[] point = P256.fromBase64Url(UA_PUBLIC);
    point[64] ^= 1;
    assertThatThrownBy(() -> P256.publicKey(point)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> P256.publicKey(Arrays.copyOf(P256.fromBase64Url(UA_PUBLIC), 33)))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
