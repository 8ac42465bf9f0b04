package dev.baton.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the {@code X-Worker-Token} of a request on {@code /_worker} is good, and for
 * whom. The server has already refused a request without the header ({@code 401 "Missing
 * X-Worker-Token header"}); a {@link Verdict.Refused} becomes a 401 with its message.
 *
 * <p>The default is {@link #globalToken}: one shared secret that lets the caller act for any worker
 * (Avtomatika's {@code GLOBAL_WORKER_TOKEN}). Per-worker tokens (Avtomatika's {@code workers.toml},
 * checked before the global token with no fallback) plug in here by returning {@link
 * Verdict.Individual}; the server then refuses with 403 a request whose path or body speaks for
 * another worker. Implementations must be thread-safe and quick: they run on every worker request.
 */
@FunctionalInterface
public interface WorkerAuth {

  /**
   * Checks one request's token.
   *
   * @param token the header's value
   * @param workerId the worker the request speaks for: the path's {@code {id}}, or {@code
   *     worker_id} from the body of {@code /workers/register} and {@code /tasks/result}; null when
   *     the request names none
   */
  Verdict check(String token, @Nullable String workerId);

  /**
   * Whether this worker has a token of its own, so that the global token may not act for it (not
   * even on a result that names no worker). False for the global token alone.
   */
  default boolean hasOwnToken(String workerId) {
    return false;
  }

  /** Accepts exactly {@code token}, compared in constant time, for any worker. */
  static WorkerAuth globalToken(String token) {
    byte[] expected = token.getBytes(StandardCharsets.UTF_8);
    return (given, workerId) ->
        MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))
            ? new Verdict.Global()
            : new Verdict.Refused(
                workerId == null
                    ? "Unauthorized: Invalid token or missing worker_id"
                    : "Unauthorized: No valid token found");
  }

  /** The outcome of a check. */
  sealed interface Verdict {
    /** The shared token: the caller may act for any worker. */
    record Global() implements Verdict {}

    /** The caller proved to be this worker and may act only for it. */
    record Individual(String workerId) implements Verdict {}

    /** Not accepted; the message is sent with the 401. */
    record Refused(String message) implements Verdict {}
  }
}
