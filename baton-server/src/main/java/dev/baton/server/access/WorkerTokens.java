package dev.baton.server.access;

import dev.baton.server.WorkerAuth;
import dev.baton.server.WorkerTokensReload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-worker tokens (Avtomatika's {@code workers.toml}) in front of the global token, in upstream's
 * order:
 *
 * <ol>
 *   <li>a worker that has its own token must present exactly that token, or it gets {@code 401
 *       "Unauthorized: Invalid individual worker token"}: there is <b>no</b> fallback to the global
 *       token for it;
 *   <li>any other worker, and a request that names no worker, must present the global token, or it
 *       gets {@code 401 "Unauthorized: No valid token found"} (with no worker named: {@code
 *       "Unauthorized: Invalid token or missing worker_id"}).
 * </ol>
 *
 * Tokens are held only as SHA-256 hex digests and compared in constant time. {@link #reload()}
 * reads the source again and swaps the whole table at once; a source that fails leaves the tokens
 * in force unchanged. Thread-safe.
 */
public final class WorkerTokens implements WorkerAuth, WorkerTokensReload {
  private static final Logger log = LoggerFactory.getLogger(WorkerTokens.class);

  public static final String INVALID_INDIVIDUAL = "Unauthorized: Invalid individual worker token";
  public static final String INVALID_GLOBAL = "Unauthorized: No valid token found";

  /** Avtomatika's words when the request names no worker (a result without {@code worker_id}). */
  public static final String INVALID_NO_ID = "Unauthorized: Invalid token or missing worker_id";

  private final byte[] global;
  private final Supplier<Map<String, String>> source;
  private volatile Map<String, String> digests;

  /**
   * Reads the source once.
   *
   * @param globalToken the token every worker without its own token uses
   * @param source reads the tokens by worker id (in the clear; only digests are kept), and throws
   *     with a message that names the file and the problem when it cannot
   * @throws RuntimeException whatever the source throws: the server must not start then
   */
  public WorkerTokens(String globalToken, Supplier<Map<String, String>> source) {
    if (globalToken.isEmpty()) {
      throw new IllegalArgumentException("the global worker token must not be empty");
    }
    this.global = globalToken.getBytes(StandardCharsets.UTF_8);
    this.source = source;
    this.digests = digest(source.get());
  }

  /** How many workers have their own token. */
  public int size() {
    return digests.size();
  }

  /** Whether this worker has its own token (and so may not use the global one). */
  @Override
  public boolean hasOwnToken(String workerId) {
    return digests.containsKey(workerId);
  }

  @Override
  public Verdict check(String token, @Nullable String workerId) {
    if (workerId != null) {
      String expected = digests.get(workerId);
      if (expected != null) {
        return Secrets.sameHex(expected, Secrets.sha256Hex(token))
            ? new Verdict.Individual(workerId)
            : new Verdict.Refused(INVALID_INDIVIDUAL);
      }
    }
    return MessageDigest.isEqual(global, token.getBytes(StandardCharsets.UTF_8))
        ? new Verdict.Global()
        : new Verdict.Refused(workerId == null ? INVALID_NO_ID : INVALID_GLOBAL);
  }

  /**
   * Reads the source again and puts its tokens in force at once.
   *
   * @throws IllegalArgumentException when the source fails; the old tokens stay in force
   */
  @Override
  public int reload() {
    Map<String, String> fresh;
    try {
      fresh = digest(source.get());
    } catch (RuntimeException e) {
      log.warn("worker tokens not reloaded, the old ones stay in force: {}", e.getMessage());
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException(e.getMessage(), e);
    }
    digests = fresh;
    log.info("worker tokens reloaded: {} worker(s) have their own token", fresh.size());
    return fresh.size();
  }

  private static Map<String, String> digest(Map<String, String> tokens) {
    Map<String, String> m = new HashMap<>();
    tokens.forEach((worker, token) -> {
      if (token.isEmpty()) {
        throw new IllegalArgumentException("worker " + worker + " has an empty token");
      }
      m.put(worker, Secrets.sha256Hex(token));
    });
    return Map.copyOf(m);
  }
}
