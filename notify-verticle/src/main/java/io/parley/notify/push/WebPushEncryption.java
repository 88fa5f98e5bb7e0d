package io.parley.notify.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188):
 * a fresh P-256 key pair and salt per message, ECDH with the browser's key, HKDF mixing in the
 * subscription's auth secret, then one AES-128-GCM record. Only the browser that holds the
 * subscription's private key can read it; the push service sees ciphertext.
 */
public final class WebPushEncryption {

  /** The largest plaintext that keeps the whole body within the 4096 octets every push service accepts. */
  public static final int MAX_PLAINTEXT = 4096 - 86 - 16 - 1;
  static final int RECORD_SIZE = 4096;
  static final int SALT_BYTES = 16;
  static final int AUTH_SECRET_BYTES = 16;
  private static final int TAG_BITS = 128;
  private static final byte LAST_RECORD = 0x02;
  private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebPushEncryption() {
  }

  /** Encrypts {@code plaintext} for the subscription with public key {@code uaPublic} and auth secret {@code authSecret}. */
  public static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return encrypt(plaintext, uaPublic, authSecret, P256.generate(), salt);
  }

  /** The same with a given sender key pair and salt: deterministic, for the RFC's worked example. */
  static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret, KeyPair asKeys, byte[] salt) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("A push message holds at most " + MAX_PLAINTEXT + " bytes");
    }
    if (authSecret.length != AUTH_SECRET_BYTES || salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("The auth secret and the salt are 16 bytes each");
    }
    byte[] asPublic = P256.encode((ECPublicKey) asKeys.getPublic());
    byte[] uaPoint = P256.encode(uaPublic);
    try {
      KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
      ecdh.init(asKeys.getPrivate());
      ecdh.doPhase(uaPublic, true);
      byte[] sharedSecret = ecdh.generateSecret();

      byte[] ikm = Hkdf.derive(authSecret, sharedSecret, concat(KEY_INFO, uaPoint, asPublic), 32);
      byte[] prk = Hkdf.extract(salt, ikm);
      byte[] cek = Hkdf.expand(prk, CEK_INFO, 16);
      byte[] nonce = Hkdf.expand(prk, NONCE_INFO, 12);

      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      // One record holding everything: the plaintext, then the last-record delimiter, no padding.
      byte[] padded = java.util.Arrays.copyOf(plaintext, plaintext.length + 1);
      padded[plaintext.length] = LAST_RECORD;
      byte[] record = aes.doFinal(padded);

      return ByteBuffer.allocate(SALT_BYTES + 4 + 1 + asPublic.length + record.length)
        .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(record)
        .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Web Push encryption failed", e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer joined = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      joined.put(part);
    }
    return joined.array();
  }
}
