package dev.baton.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which webhook targets may be reached. By default ({@link #DEFAULT}) none in loopback, private,
 * link-local, CGNAT, multicast or reserved ranges ({@link RefusedRanges}): a webhook URL comes from
 * a client, and must not let it reach into Baton's own network. {@code allowPrivate} lifts that for
 * every target; an allow-list lifts it for some: IP addresses and CIDR blocks (a resolved address
 * inside one is allowed), host names ({@code hooks.internal}) and domains ({@code *.internal},
 * which is every name under it).
 *
 * <p>The check is made on the addresses a target's host resolves to, at each delivery, and a target
 * is refused when any of them is refused (a name that resolves to one public and one private
 * address would otherwise be a coin toss). The HTTP client then connects through the JVM's address
 * cache, which holds that same answer ({@code networkaddress.cache.ttl}, 30 s by default), so a DNS
 * answer that changes right after the check (DNS rebinding) is not followed.
 */
public final class TargetPolicy {
  /** Refuses every target in a refused range. */
  public static final TargetPolicy DEFAULT = new TargetPolicy(false, List.of(), List.of());

  /** Allows every target: for a private network where receivers live next to Baton, and tests. */
  public static final TargetPolicy ALLOW_PRIVATE = new TargetPolicy(true, List.of(), List.of());

  /** Why a target is refused: a kind for the meter, and a sentence for the notice and the log. */
  public record Refusal(String kind, String reason) {}

  private final boolean allowPrivate;
  private final List<Cidr> allowedBlocks;
  private final List<String> allowedHosts; // lower case; ".x" is every name under x

  private TargetPolicy(boolean allowPrivate, List<Cidr> blocks, List<String> hosts) {
    this.allowPrivate = allowPrivate;
    this.allowedBlocks = List.copyOf(blocks);
    this.allowedHosts = List.copyOf(hosts);
  }

  /**
   * A policy from configuration: {@code allowList} is comma-separated addresses, CIDR blocks, host
   * names and {@code *.domain} entries; blank allows nothing more.
   *
   * @throws IllegalArgumentException naming the first entry that is none of these
   */
  public static TargetPolicy of(boolean allowPrivate, String allowList) {
    List<Cidr> blocks = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    for (String raw : allowList.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.contains("/") || Cidr.isLiteral(entry)) {
        blocks.add(Cidr.parse(entry));
      } else if (entry.matches(
          "(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
        hosts.add(entry.startsWith("*.") ? entry.substring(1) : entry);
      } else {
        throw new IllegalArgumentException(
            "'" + raw.trim() + "' is not an IP address, CIDR block, host name or *.domain");
      }
    }
    return new TargetPolicy(allowPrivate, blocks, hosts);
  }

  /** Whether every target is allowed. */
  public boolean allowsPrivate() {
    return allowPrivate;
  }

  /**
   * What can be told without a lookup, when a job is created: a target whose host is an IP address
   * in a refused range, or a {@code localhost} name (RFC 6761), unless allowed. A host name is not
   * looked up here (its answer may change before the job ends); the delivery checks it.
   *
   * @return why the target is refused, or null when nothing is known against it
   */
  public @Nullable Refusal refusalAtCreation(URI target) {
    String host = target.getHost();
    if (allowPrivate || host == null || allowsHost(host)) {
      return null;
    }
    if (Cidr.isLiteral(host)) {
      return refusal(host, List.of(Cidr.literal(host)));
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return new Refusal("loopback", "'" + host + "' is this host (loopback)" + HINT);
    }
    return null;
  }

  /**
   * The check made at delivery: resolves the target's host and refuses it when any address it has
   * is in a refused range and not allowed.
   *
   * @throws UnknownHostException when the host cannot be resolved (a failure that may pass)
   */
  @Nullable Refusal refusalAtDelivery(URI target) throws UnknownHostException {
    String host = target.getHost();
    if (allowPrivate || host == null || allowsHost(host)) {
      return null;
    }
    return refusal(host, List.of(InetAddress.getAllByName(host)));
  }

  private @Nullable Refusal refusal(String host, List<InetAddress> addresses) {
    for (InetAddress a : addresses) {
      RefusedRanges.Range r = RefusedRanges.of(a);
      if (r != null && allowedBlocks.stream().noneMatch(b -> b.contains(a))) {
        String shown =
            Cidr.isLiteral(host)
                ? host
                : "'" + host + "' resolves to " + a.getHostAddress() + ", which";
        return new Refusal(
            r.kind(),
            shown + " is in a " + r.kind().replace('_', '-') + " range (" + r.block() + ")" + HINT);
      }
    }
    return null;
  }

  private static final String HINT =
      "; webhooks may not reach it unless allowed (WEBHOOK_ALLOWED_TARGETS,"
          + " WEBHOOK_ALLOW_PRIVATE_TARGETS)";

  private boolean allowsHost(String host) {
    String h = Cidr.unbracket(host).toLowerCase(Locale.ROOT);
    for (String allowed : allowedHosts) {
      if (allowed.startsWith(".") ? h.endsWith(allowed) : h.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return allowPrivate
        ? "every target allowed"
        : "private targets refused, allowed: " + allowedBlocks + " " + allowedHosts;
  }
}
