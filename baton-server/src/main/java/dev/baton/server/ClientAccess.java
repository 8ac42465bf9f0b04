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

  /** The outcome of a check. */
  sealed interface Verdict {
    record Admitted(Client client) implements Verdict {}

    /** Refused: {@code status} (401, 429) with {@code {"error": message}}. */
    record Refused(int status, String message) implements Verdict {}
  }
}
