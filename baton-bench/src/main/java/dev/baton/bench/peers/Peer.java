package dev.baton.bench.peers;

/**
 * One scheduler library, embedded in the run's JVM on the run's database. The constructor creates
 * the schema; nothing runs until {@link #start}. Handlers report to {@link Recorder} first thing.
 */
interface Peer extends Submitter {
  /** The configuration in use, in words (printed with the results). */
  String describe();

  /** Enqueues jobs with ids [0, n), due now, with the library's bulk API where it has one. */
  void enqueueBulk(int n) throws Exception;

  /** Starts the worker side. */
  void start() throws Exception;

  /**
   * Registers {@code count} schedules that fire every second, the first not before {@code
   * firstFireEpochMs}; called before {@link #start}. False when the library cannot.
   */
  boolean registerEverySecond(int count, long firstFireEpochMs) throws Exception;
}
