package dev.baton.server;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request on a client route may proceed, and uses one unit of its client's quota
 * (Avtomatika counts every client request, reads included). Null in {@link ServerOptions} means
 * open mode: every request is admitted as {@link Client#ANONYMOUS}.
 */
@FunctionalInterface
public interface ClientAccess {

  /**
   * Admits a request or refuses it with a status and message.
   *
   * @param token the {@code X-Avtomatika-Token} header, or the {@code Authorization: Bearer} token,
   *     or null when the request has neither
   */
  Verdict admit(@Nullable String token);

  /**
   * Uses {@code units} more units of an admitted client's quota, all or none, for a request that
   * counts as more than the one attempt {@link #admit} counted (a batch of jobs counts one per
   * job). Without quotas (the default) there is nothing to count.
   *
   * @return true when they fit in what is left, false when nothing was used
   */
  default boolean consume(Client client, long units) {
    return true;
  }

  /** The outcome of a check. */
  sealed interface Verdict {
    record Admitted(Client client) implements Verdict {}

    /** Refused: {@code status} (401, 429) with {@code {"error": message}}. */
    record Refused(int status, String message) implements Verdict {}
  }
}
