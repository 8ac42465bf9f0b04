package dev.baton.bench.peers;

/**
 * What creates jobs: the worker's own scheduler object ({@link Peer}, "local") or a client made in
 * another process ({@link RemoteSubmitter}, "remote"), as another service would be.
 */
interface Submitter extends AutoCloseable {
  /** Submits one job due now whose handler reports {@code id}. */
  void submit(int id) throws Exception;

  /** Submits one warm-up job (its handler calls {@link Recorder#warmup}). */
  void submitWarmup(int k) throws Exception;

  @Override
  void close() throws Exception;
}
