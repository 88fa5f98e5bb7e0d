package io.parley.auth;

/** A signed access token and its lifetime in seconds. */
record AccessToken(String token, int expiresIn) {
}
