package io.parley.auth;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), computed on a dedicated worker pool: a hash
 * costs tens of milliseconds of CPU and 19 MiB of memory, so it must never run on an event loop,
 * and a bounded pool caps the memory a burst of sign-ins can take.
 *
 * <p>The parameters are OWASP's recommendation for Argon2id (19 MiB, 2 passes, 1 lane) unless
 * {@code auth.passwordHash} says otherwise ({@link Cost}). Each hash records its own parameters,
 * so changing them later only needs {@link #needsRehash}: old hashes keep verifying and are
 * upgraded at the next sign-in.
 *
 * <p>A sign-in for an account that does not exist is checked against a dummy hash with the same
 * parameters ({@link #verify} with a null hash), so it costs as much as a wrong password and its
 * timing does not tell an attacker which accounts exist.
 */
public final class PasswordHasher {

  private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
    "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The memory (KiB) and passes of each new hash. OWASP lists equally strong pairs, from
   * 47104 KiB × 1 to 7168 KiB × 5; a host short of memory trades one for the other. Anything
   * weaker is allowed, with a warning at start-up: the test suites use the cheapest cost, as
   * thousands of sign-ups there protect nothing.
   */
  record Cost(int memoryKib, int iterations) {

    static final Cost OWASP = new Cost(19 * 1024, 2);

    Cost {
      if (memoryKib < 8 * PARALLELISM || memoryKib > 4 * 1024 * 1024 || iterations < 1 || iterations > 99) {
        throw new IllegalArgumentException("auth.passwordHash: memoryKib is 8 to 4194304 and iterations 1 to 99, not "
          + memoryKib + " and " + iterations);
      }
    }

    static Cost from(JsonObject config) {
      return new Cost(Config.integer(config, ConfigKeys.AUTH_PASSWORD_HASH_MEMORY_KIB, OWASP.memoryKib),
        Config.integer(config, ConfigKeys.AUTH_PASSWORD_HASH_ITERATIONS, OWASP.iterations));
    }

    /** Below OWASP's weakest equivalent pair (7168 KiB × 5). */
    boolean belowOwasp() {
      return memoryKib < 7168 || (long) memoryKib * iterations < 7168L * 5;
    }
  }

  private final WorkerExecutor workers;
  private final Cost cost;
  private final String dummyHash;

  /** Blocks for one hash (the dummy): build it at start-up, off the event loop. */
  private PasswordHasher(WorkerExecutor workers, Cost cost) {
    this.workers = workers;
    this.cost = cost;
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    this.dummyHash = hashBlocking(B64.encodeToString(random));
  }

  /** Creates a hasher on the event loop's terms: the dummy hash is made on the worker pool. */
  static Future<PasswordHasher> create(WorkerExecutor workers, Cost cost) {
    if (cost.belowOwasp()) {
      log.warn("Password hashes cost {} KiB × {} passes, below OWASP's minimum for Argon2id (7168 KiB × 5 or more): "
        + "fine for tests, weak for real accounts", cost.memoryKib(), cost.iterations());
    }
    return workers.executeBlocking(() -> new PasswordHasher(workers, cost), false);
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> hashBlocking(password), false);
  }

  /**
   * Whether {@code password} matches {@code encodedHash}. A null hash (no such account) is
   * checked against the dummy hash and always answers false, at the same cost as a real check.
   */
  public Future<Boolean> verify(String password, String encodedHash) {
    boolean known = encodedHash != null;
    String against = known ? encodedHash : dummyHash;
    return workers.executeBlocking(() -> verifyBlocking(password, against) && known, false);
  }

  /** True when the hash was made with other parameters than today's and should be replaced. */
  public boolean needsRehash(String encodedHash) {
    Matcher phc = PHC.matcher(encodedHash);
    return !phc.matches()
      || Integer.parseInt(phc.group(1)) != cost.memoryKib()
      || Integer.parseInt(phc.group(2)) != cost.iterations()
      || Integer.parseInt(phc.group(3)) != PARALLELISM;
  }

  String hashBlocking(String password) {
    return hashBlocking(password, cost.memoryKib(), cost.iterations(), PARALLELISM);
  }

  static String hashBlocking(String password, int memoryKib, int iterations, int parallelism) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
      + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  static boolean verifyBlocking(String password, String encodedHash) {
    Matcher phc = PHC.matcher(encodedHash);
    if (!phc.matches()) {
      return false;
    }
    byte[] expected = B64_DECODER.decode(phc.group(5));
    byte[] actual = argon2(password, B64_DECODER.decode(phc.group(4)),
      Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                               int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
      .withVersion(Argon2Parameters.ARGON2_VERSION_13)
      .withMemoryAsKB(memoryKib)
      .withIterations(iterations)
      .withParallelism(parallelism)
      .withSalt(salt)
      .build());
    // NFKC, as NIST SP 800-63B asks: the same password typed on two keyboards hashes the same.
    byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
      return out;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
