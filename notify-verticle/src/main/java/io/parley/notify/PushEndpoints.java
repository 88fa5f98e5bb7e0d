package io.parley.notify;

import io.parley.shared.error.NotifyErrors;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which push endpoints the server will POST to. A push service is a public https URL; the server
 * never posts to an address literal inside the network it runs in (loopback, private,
 * link-local), which would let anyone with an account make it send requests there. An operator
 * may allow plain {@code http} on loopback, for tests and a local push service.
 */
final class PushEndpoints {

  static final int MAX_LENGTH = 2048;

  private final boolean allowLoopbackHttp;

  PushEndpoints(boolean allowLoopbackHttp) {
    this.allowLoopbackHttp = allowLoopbackHttp;
  }

  URI parse(Object value) {
    if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw refused("endpoint must be a URL of at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException malformed) {
      throw refused("endpoint must be a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || uri.getUserInfo() != null || uri.getFragment() != null) {
      throw refused("endpoint must be an https URL with a host");
    }
    boolean loopback = isLoopback(host);
    if (scheme.equals("http") && allowLoopbackHttp && loopback) {
      return uri;
    }
    if (!scheme.equals("https")) {
      throw refused("endpoint must be an https URL");
    }
    if (isInternalLiteral(host) && !(allowLoopbackHttp && loopback)) {
      throw refused("endpoint must be a public push service");
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    InetAddress address = literal(host);
    return host.equalsIgnoreCase("localhost") || address != null && address.isLoopbackAddress();
  }

  private static boolean isInternalLiteral(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    InetAddress address = literal(host);
    return address != null && (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
      || address.isAnyLocalAddress() || address.isMulticastAddress()
      // IPv6 unique local addresses (fc00::/7), the private range Java does not call site-local.
      || address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc);
  }

  /** The address if {@code host} is an IP literal (never a DNS lookup), else null. */
  private static InetAddress literal(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      return InetAddress.getByName(bare);
    } catch (java.net.UnknownHostException notAnAddress) {
      return null;
    }
  }

  private static RuntimeException refused(String message) {
    return NotifyErrors.INVALID_ENDPOINT.exception(message);
  }
}
