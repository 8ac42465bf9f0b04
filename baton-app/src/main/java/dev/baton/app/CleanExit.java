package dev.baton.app;

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

  /** Makes SIGTERM exit with status 0 after the shutdown hooks; a JVM without signals keeps 143. */
  static void onSigterm() {
    try {
      Signal.handle(new Signal("TERM"), signal -> System.exit(0));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.debug("SIGTERM keeps the JVM's handler: {}", e.toString());
    }
  }
}
