package dev.baton.console;

import dev.baton.engine.BatonException;
import java.time.Duration;

/**
 * The control loop's switch as the console uses it: the calls {@code /api/v1/orchestrator/enable},
 * {@code /disable} and {@code /run-once} make. The loop's cycles and decisions are read from the
 * ledger, where the loop writes them. {@link #NONE} when the server runs no loop.
 */
public interface LoopSwitch {
  LoopSwitch NONE =
      new LoopSwitch() {
        @Override
        public boolean running() {
          return false;
        }

        @Override
        public Duration interval() {
          return Duration.ZERO;
        }

        @Override
        public boolean enable(String by) {
          throw BatonException.conflict("this server runs no control loop");
        }

        @Override
        public boolean disable(String by) {
          throw BatonException.conflict("this server runs no control loop");
        }

        @Override
        public long runOnce() {
          throw BatonException.conflict("this server runs no control loop");
        }
      };

  /** Whether the timer runs cycles. */
  boolean running();

  /** The time between two timer cycles. */
  Duration interval();

  /**
   * Starts the timer (recorded as {@code admin.orchestrator_enabled} with {@code by} as source).
   *
   * @return false when it was running already (nothing changed)
   */
  boolean enable(String by);

  /**
   * Stops the timer after the cycle in progress ({@code admin.orchestrator_disabled}).
   *
   * @return false when it was not running (nothing changed)
   */
  boolean disable(String by);

  /** Runs one cycle now; returns its number. */
  long runOnce();
}
