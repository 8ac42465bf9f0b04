package dev.baton.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of
 * one. An IPv4 block never holds an IPv6 address, nor the reverse (an IPv4-mapped IPv6 address is
 * read as the IPv4 address it maps, by the JDK).
 */
record Cidr(byte[] network, int prefix) {

  /**
   * @throws IllegalArgumentException when {@code text} is not an address with an optional prefix
   *     length, saying what is wrong
   */
  static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!isLiteral(address)) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
    }
    byte[] bytes = literal(address).getAddress();
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException(
            "'" + text + "': the prefix length must be 0 to " + bytes.length * 8);
      }
    }
    return new Cidr(bytes, prefix);
  }

  boolean contains(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    if (!Arrays.equals(b, 0, full, network, 0, full)) {
      return false;
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (b[full] & mask) == (network[full] & mask);
  }

  /**
   * Whether {@code host} is an IP literal (no lookup is made for one): IPv4 dotted quad, or IPv6
   * with or without brackets. Names, even all-digit ones, are not.
   */
  static boolean isLiteral(String host) {
    String h = unbracket(host);
    if (h.indexOf(':') >= 0) {
      return h.matches("[0-9A-Fa-f:.]+(%[\\w.]+)?");
    }
    return h.matches(
        "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  }

  /** The address of an IP literal; never looks a name up. */
  static InetAddress literal(String host) {
    try {
      // getByName makes no lookup for a literal, which isLiteral has checked it is.
      return InetAddress.getByName(unbracket(host));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + host + "' is not an IP address", e);
    }
  }

  static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      return Arrays.toString(network) + "/" + prefix;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }
}
