package dev.baton.app;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM as a request to stop, not a failure: the JVM's own handler runs the shutdown hooks and
 * then exits with 143, which service managers and the crash tests read as a crash. This handler
 * exits with 0 through {@link System#exit}, so the same hooks (stop accepting, hand leases back,
 * close the store) still run first.
 */
final class CleanExit {
  private static final Logger log = LoggerFactory.getLogger(CleanExit.class);

  private CleanExit() {}

  /**
   * Runs {@code stop} (in a shutdown hook) for at most {@code grace}. A stop that hangs (a store
   * that does not answer, a request that never ends) must not keep a service manager waiting
   * forever, or be read as a clean exit: past the grace the process halts with status 1, and
   * whatever was not handed back waits for its lease to run out, as after a crash.
   */
  static void within(Duration grace, Runnable stop) {
    Thread stopping = Thread.ofPlatform().name("baton-stop").start(stop);
    try {
      stopping.join(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopping.isAlive()) {
      log.error("the stop did not finish within {} s; exiting with status 1", grace.toSeconds());
      Runtime.getRuntime().halt(1);
    }
  }

  /** Makes SIGTERM exit with status 0 after the shutdown hooks; a JVM without signals keeps 143. */
  static void onSigterm() {
    try {
      Signal.handle(new Signal("TERM"), signal -> System.exit(0));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.debug("SIGTERM keeps the JVM's handler: {}", e.toString());
    }
  }
}
