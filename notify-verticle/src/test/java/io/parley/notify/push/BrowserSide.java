package io.parley.notify.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a browser does with a push (RFC 8291 section 3.4 and RFC 8188): read the aes128gcm
 * header, agree on the secret with its subscription's private key and the sender's public key
 * from the header, derive the same keys and open the record. Used by the tests to read what the
 * server sent, exactly as a browser would.
 */
public final class BrowserSide {

  private BrowserSide() {
  }

  /** The plaintext of a push body, or an exception if it was not encrypted for this subscription. */
  public static byte[] decrypt(byte[] body, ECPrivateKey uaPrivate, ECPublicKey uaPublic, byte[] authSecret)
    throws GeneralSecurityException {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int recordSize = in.getInt();
    byte[] keyId = new byte[in.get() & 0xff];
    in.get(keyId);
    byte[] record = new byte[in.remaining()];
    in.get(record);
    if (recordSize < 18 || record.length > recordSize) {
      throw new GeneralSecurityException("Record larger than the declared record size");
    }
    ECPublicKey asPublic = P256.publicKey(keyId);

    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(uaPrivate);
    ecdh.doPhase(asPublic, true);
    byte[] info = WebPushEncryption.concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), P256.encode(uaPublic), keyId);
    byte[] ikm = Hkdf.derive(authSecret, ecdh.generateSecret(), info, 32);
    byte[] prk = Hkdf.extract(salt, ikm);
    byte[] cek = Hkdf.expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce = Hkdf.expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = aes.doFinal(record);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 0x02) {
      throw new GeneralSecurityException("Not a single last record (delimiter 0x02)");
    }
    return Arrays.copyOf(padded, end);
  }
}
