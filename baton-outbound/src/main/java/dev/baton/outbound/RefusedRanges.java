package dev.baton.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The address blocks a webhook may not reach by default: this host, the local networks, and what is
 * not a unicast address on the internet. A webhook URL comes from a client, so without this anyone
 * who may create a job could make Baton POST into its own network (SSRF). IPv6 forms that carry an
 * IPv4 address (IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code
 * 2002::/16}) are judged by the IPv4 address they carry; the JDK already reads IPv4-mapped {@code
 * ::ffff:a.b.c.d} as IPv4.
 */
final class RefusedRanges {
  /** One refused block, and the kind it is counted and reported as. */
  record Range(Cidr block, String kind) {}

  private static final List<Range> RANGES =
      List.of(
          range("0.0.0.0/8", "unspecified"),
          range("10.0.0.0/8", "private"),
          range("100.64.0.0/10", "cgnat"),
          range("127.0.0.0/8", "loopback"),
          range("169.254.0.0/16", "link_local"),
          range("172.16.0.0/12", "private"),
          range("192.0.0.0/24", "reserved"),
          range("192.168.0.0/16", "private"),
          range("198.18.0.0/15", "reserved"),
          range("224.0.0.0/4", "multicast"),
          range("240.0.0.0/4", "reserved"),
          range("::/128", "unspecified"),
          range("::1/128", "loopback"),
          range("fc00::/7", "unique_local"),
          range("fe80::/10", "link_local"),
          range("fec0::/10", "site_local"),
          range("ff00::/8", "multicast"));

  private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private RefusedRanges() {}

  /** The refused block {@code a} is in, or null when a webhook may reach it. */
  static @Nullable Range of(InetAddress a) {
    for (Range r : RANGES) {
      if (r.block().contains(a)) {
        return r;
      }
    }
    InetAddress carried = carriedIpv4(a);
    return carried == null ? null : of(carried);
  }

  /** The IPv4 address an IPv6 transition form carries, or null. */
  private static @Nullable InetAddress carriedIpv4(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return null;
    }
    byte[] b = a.getAddress();
    byte[] v4 = null;
    if (IPV4_COMPATIBLE.contains(a) || NAT64.contains(a)) {
      v4 = Arrays.copyOfRange(b, 12, 16);
    } else if (SIX_TO_FOUR.contains(a)) {
      v4 = Arrays.copyOfRange(b, 2, 6);
    }
    try {
      return v4 == null ? null : InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      return null; // four bytes are always an address
    }
  }

  private static Range range(String cidr, String kind) {
    return new Range(Cidr.parse(cidr), kind);
  }
}
