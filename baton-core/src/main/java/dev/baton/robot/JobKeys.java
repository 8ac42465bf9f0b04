package dev.baton.robot;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keys that at most one job holds at a time: idempotency keys and de-duplication hashes. Checked by
 * {@code JobKeysContract}; thread-safe, and each method is atomic.
 */
public interface JobKeys {

  /**
   * Takes a key (an idempotency key or a de-duplication hash) for {@code owner} unless another
   * owner holds it and it has not expired, atomically.
   *
   * @param expiresAt when the key frees itself, or null for never
   * @return the holding owner when the key was taken already (nothing changed), else empty
   */
  Optional<String> claimKey(String key, String owner, Instant now, @Nullable Instant expiresAt);

  /**
   * Hands a key from {@code from} to {@code to}; does nothing when {@code from} does not hold it.
   */
  void moveKey(String key, String from, String to);

  /** Frees a key that {@code owner} holds. */
  void releaseKey(String key, String owner);
}
