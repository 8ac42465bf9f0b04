package dev.baton.server;

/**
 * Reloads the per-worker tokens (Avtomatika's {@code POST /api/.../admin/reload-workers}) without a
 * restart. Null in {@link ServerOptions} when no workers file is configured: the route then answers
 * 400.
 */
@FunctionalInterface
public interface WorkerTokensReload {
  /**
   * Reads the workers file again and swaps in its tokens.
   *
   * @return how many worker tokens are loaded now
   * @throws IllegalArgumentException when the file is malformed; the old tokens stay in force
   */
  int reload();
}
