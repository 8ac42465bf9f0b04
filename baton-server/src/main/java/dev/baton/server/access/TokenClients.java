package dev.baton.server.access;

import dev.baton.server.Client;
import dev.baton.server.ClientAccess;
import dev.baton.store.QuotaStore;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Avtomatika's client tokens and quotas ({@code clients.toml}): a request must carry a known token,
 * and each admitted request uses one unit of its client's monthly quota, reads included.
 *
 * <ul>
 *   <li>no token: {@code 401 "Missing X-Avtomatika-Token header"};
 *   <li>an unknown token: {@code 401 "Unauthorized: Invalid token"};
 *   <li>a client without {@code monthly_attempts}, or with none left this month: {@code 429 "Quota
 *       exceeded or not configured"} (as upstream, a client with no quota configured is refused).
 * </ul>
 *
 * <p>The quota is counted durably in the store ({@link Store#consumeQuota}) under the key {@code
 * client:<section name>} and the period {@code YYYY-MM} of the current month in the configured time
 * zone. Unlike upstream, where the counter never resets, it starts again at every new month.
 *
 * <p>Tokens are held only as SHA-256 digests and compared in constant time. Thread-safe.
 */
public final class TokenClients implements ClientAccess {
  public static final String MISSING = "Missing X-Avtomatika-Token header";
  public static final String INVALID = "Unauthorized: Invalid token";
  public static final String NO_QUOTA = "Quota exceeded or not configured";

  /** The prefix of a client's quota key in the store. */
  public static final String QUOTA_KEY_PREFIX = "client:";

  private final Map<String, Known> byDigest;
  private final QuotaStore store;
  private final Clock clock;
  private final ZoneId zone;

  /** One client and its secret, as read from a clients file. */
  public record Entry(String token, Client client) {
    public Entry {
      if (token.isEmpty()) {
        throw new IllegalArgumentException("client " + client.name() + " has an empty token");
      }
    }

    @Override
    public String toString() {
      return "Entry[" + client + ", token=***]";
    }
  }

  /**
   * @param store where the quota counters live (durable, shared by every process on the database)
   * @param clock the time that decides the quota's month
   * @param zone the time zone in which a month starts (Avtomatika's {@code TZ})
   * @throws IllegalArgumentException when two clients share a token or a name
   */
  public TokenClients(List<Entry> entries, QuotaStore store, Clock clock, ZoneId zone) {
    Map<String, Known> m = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (Entry e : entries) {
      String digest = Secrets.sha256Hex(e.token());
      Known same = m.putIfAbsent(digest, new Known(digest, e.client()));
      if (same != null) {
        throw new IllegalArgumentException(
            "clients "
                + same.client().name()
                + " and "
                + e.client().name()
                + " have the same token");
      }
      if (names.put(e.client().name(), digest) != null) {
        throw new IllegalArgumentException("two clients are named " + e.client().name());
      }
    }
    this.byDigest = Map.copyOf(m);
    this.store = store;
    this.clock = clock;
    this.zone = zone;
  }

  /** How many clients are known. */
  public int size() {
    return byDigest.size();
  }

  @Override
  public Verdict admit(@Nullable String token) {
    if (token == null || token.isEmpty()) {
      return new Verdict.Refused(401, MISSING);
    }
    Client client = find(token);
    if (client == null) {
      return new Verdict.Refused(401, INVALID);
    }
    Long limit = client.monthlyAttempts();
    if (limit == null
        || store.consumeQuota(QUOTA_KEY_PREFIX + client.name(), period(), limit) < 0) {
      return new Verdict.Refused(429, NO_QUOTA);
    }
    return new Verdict.Admitted(client);
  }

  @Override
  public boolean consume(Client client, long units) {
    Long limit = client.monthlyAttempts();
    return units <= 0
        || (limit != null
            && store.consumeQuota(QUOTA_KEY_PREFIX + client.name(), period(), limit, units) >= 0);
  }

  /** The quota period now: the month in the configured zone, as {@code YYYY-MM}. */
  public String period() {
    return YearMonth.from(clock.instant().atZone(zone)).toString();
  }

  private @Nullable Client find(String token) {
    String digest = Secrets.sha256Hex(token);
    // The lookup is by digest, so its timing tells nothing usable about the token; the final
    // compare is in constant time all the same.
    Known known = byDigest.get(digest);
    return known != null && Secrets.sameHex(known.digest(), digest) ? known.client() : null;
  }

  private record Known(String digest, Client client) {}
}
