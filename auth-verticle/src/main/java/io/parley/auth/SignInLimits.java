package io.parley.auth;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/**
 * The abuse limits on credentials, per client address and per account, counted in Redis so they
 * hold across every node. Checked before any password is hashed, so a flood costs us a Redis
 * round trip per request, not 19 MiB and tens of milliseconds of CPU.
 *
 * <p>The per-account count is keyed by the login as typed (case-folded), not by the account it
 * names: a limit that behaved differently for existing and unknown accounts would tell an
 * attacker which exist. Logins and emails are hashed into the key, so Redis holds no addresses.
 *
 * <p>The per-account count is also per client address: an attacker who spends an account's
 * sign-in budget from their address locks only themselves out, never the owner signing in from
 * theirs. Guessing from many addresses meets each address's own limit.
 */
final class SignInLimits {

  private final RateLimiter limiter;
  private final Duration window;
  private final int signInPerAccount;
  private final int signInPerAddress;
  private final int signUpPerAccount;
  private final int signUpPerAddress;

  SignInLimits(RateLimiter limiter, JsonObject config) {
    this.limiter = limiter;
    this.window = Duration.ofSeconds(Config.longValue(config, ConfigKeys.AUTH_RATE_WINDOW, 900));
    this.signInPerAccount = Config.integer(config, ConfigKeys.AUTH_SIGN_IN_PER_ACCOUNT, 10);
    this.signInPerAddress = Config.integer(config, ConfigKeys.AUTH_SIGN_IN_PER_ADDRESS, 100);
    this.signUpPerAccount = Config.integer(config, ConfigKeys.AUTH_SIGN_UP_PER_ACCOUNT, 5);
    this.signUpPerAddress = Config.integer(config, ConfigKeys.AUTH_SIGN_UP_PER_ADDRESS, 20);
  }

  Future<Void> signIn(String clientAddress, String normalisedLogin) {
    return limiter.acquire("auth.sign-in.address", clientAddress, signInPerAddress, window)
      .compose(ok -> limiter.acquire("auth.sign-in.login", Digests.of(normalisedLogin) + ":" + Digests.of(clientAddress),
        signInPerAccount, window));
  }

  Future<Void> signUp(String clientAddress, String email) {
    return limiter.acquire("auth.sign-up.address", clientAddress, signUpPerAddress, window)
      .compose(ok -> limiter.acquire("auth.sign-up.email", Digests.of(email), signUpPerAccount, window));
  }

  /** Guessing the password behind a borrowed access token (password change, account deletion). */
  Future<Void> passwordConfirmation(UUID userId) {
    return limiter.acquire("auth.password-confirmation", userId.toString(), signInPerAccount, window);
  }
}
