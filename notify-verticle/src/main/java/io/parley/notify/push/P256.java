package io.parley.notify.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Base64;

/**
 * NIST P-256 keys in the forms Web Push uses: a public key is the 65-byte uncompressed point
 * ({@code 0x04 || x || y}, X9.62), a private key the 32-byte scalar, both base64url without
 * padding on the wire. The JDK's own EC provider does the arithmetic.
 */
public final class P256 {

  /** Length of an uncompressed point. */
  public static final int POINT_BYTES = 65;
  private static final int COORDINATE_BYTES = 32;
  private static final ECParameterSpec SPEC = curve();

  private P256() {
  }

  /** A new key pair from the platform's strong random source. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK has no P-256", e);
    }
  }

  /**
   * The public key of an uncompressed point, which must lie on the curve: a point chosen off the
   * curve would make the key agreement leak bits of our ephemeral key (an invalid-curve attack).
   *
   * @throws IllegalArgumentException when the bytes are not such a point
   */
  public static ECPublicKey publicKey(byte[] uncompressed) {
    if (uncompressed == null || uncompressed.length != POINT_BYTES || uncompressed[0] != 0x04) {
      throw new IllegalArgumentException("Not an uncompressed P-256 point");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 1 + COORDINATE_BYTES));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1 + COORDINATE_BYTES, POINT_BYTES));
    if (!onCurve(x, y)) {
      throw new IllegalArgumentException("The point is not on P-256");
    }
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Not a P-256 public key", e);
    }
  }

  /** The private key of a 32-byte scalar. */
  public static ECPrivateKey privateKey(byte[] scalar) {
    BigInteger s = new BigInteger(1, scalar);
    if (scalar.length != COORDINATE_BYTES || s.signum() == 0 || s.compareTo(SPEC.getOrder()) >= 0) {
      throw new IllegalArgumentException("Not a P-256 private scalar");
    }
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Not a P-256 private key", e);
    }
  }

  /** The uncompressed point of a public key. */
  public static byte[] encode(ECPublicKey key) {
    byte[] point = new byte[POINT_BYTES];
    point[0] = 0x04;
    fixed(key.getW().getAffineX(), point, 1);
    fixed(key.getW().getAffineY(), point, 1 + COORDINATE_BYTES);
    return point;
  }

  /** The 32-byte scalar of a private key. */
  public static byte[] encode(ECPrivateKey key) {
    byte[] scalar = new byte[COORDINATE_BYTES];
    fixed(key.getS(), scalar, 0);
    return scalar;
  }

  public static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Decodes base64url with or without padding; the standard alphabet is refused. */
  public static byte[] fromBase64Url(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  private static boolean onCurve(BigInteger x, BigInteger y) {
    EllipticCurve curve = SPEC.getCurve();
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }

  private static void fixed(BigInteger value, byte[] into, int offset) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > COORDINATE_BYTES ? bytes.length - COORDINATE_BYTES : 0;
    int length = bytes.length - start;
    System.arraycopy(bytes, start, into, offset + COORDINATE_BYTES - length, length);
  }

  private static ECParameterSpec curve() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK has no P-256", e);
    }
  }
}
