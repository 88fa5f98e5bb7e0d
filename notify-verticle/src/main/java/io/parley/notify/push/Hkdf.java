package io.parley.notify.push;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA-256 (RFC 5869), for outputs of at most one hash length, which is all Web Push needs. */
final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_BYTES = 32;

  private Hkdf() {
  }

  /** HKDF-Extract: the pseudorandom key of {@code ikm} under {@code salt}. */
  static byte[] extract(byte[] salt, byte[] ikm) {
    return hmac(salt, ikm);
  }

  /** HKDF-Expand for {@code length <= 32}: the first block, {@code HMAC(prk, info || 0x01)}. */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length > HASH_BYTES) {
      throw new IllegalArgumentException("One block of output at most");
    }
    byte[] input = Arrays.copyOf(info, info.length + 1);
    input[info.length] = 0x01;
    return Arrays.copyOf(hmac(prk, input), length);
  }

  /** Extract then expand. */
  static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    return expand(extract(salt, ikm), info, length);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
    }
  }
}
