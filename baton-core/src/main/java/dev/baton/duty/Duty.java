package dev.baton.duty;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background duty: one named thread that runs a round, waits, and runs it again until closed. The
 * one home of the {@code while (running) { try … sleep }} loop that every sweep, scheduler,
 * dispatcher and poller needs (as db-scheduler's {@code RunUntilShutdown}).
 *
 * <p>Under failure: a round that throws is logged with the duty's name, and the duty waits {@code
 * afterFailure} and tries again, so a failing store never kills it. A round that throws while the
 * duty is closing (its store call was interrupted on purpose) ends it quietly. {@link #wake()} ends
 * the current wait early without interrupting a round in progress; {@link #close()} interrupts and
 * joins.
 *
 * <pre>{@code
 * Duty sweep = Duty.virtual("baton-sweeper", Duration.ofMillis(500),
 *     () -> sweep() == 0 ? interval : Duration.ZERO);
 * }</pre>
 */
public final class Duty implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Duty.class);
  private static final Duration JOIN = Duration.ofSeconds(5);

  /** One round of a duty's work. */
  @FunctionalInterface
  public interface Round {
    /**
     * Does one round.
     *
     * @return how long to wait before the next round ({@link Duration#ZERO}: at once)
     */
    Duration run() throws InterruptedException;
  }

  private final String name;
  private final Duration afterFailure;
  private final Round round;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Semaphore wake = new Semaphore(0);
  private @Nullable Thread thread;

  private Duty(String name, Duration afterFailure, Round round) {
    this.name = name;
    this.afterFailure = afterFailure;
    this.round = round;
  }

  /** Starts the duty on a virtual thread: for rounds that mostly wait on I/O. */
  public static Duty virtual(String name, Duration afterFailure, Round round) {
    Duty duty = new Duty(name, afterFailure, round);
    duty.thread = Thread.ofVirtual().name(name).start(duty::runUntilClosed);
    return duty;
  }

  /**
   * Starts the duty on a platform daemon thread: for rounds whose waits must end on time (a virtual
   * thread's wake-up waits for a free carrier on a busy machine).
   */
  public static Duty platform(String name, Duration afterFailure, Round round) {
    Duty duty = new Duty(name, afterFailure, round);
    duty.thread = Thread.ofPlatform().daemon().name(name).start(duty::runUntilClosed);
    return duty;
  }

  public String name() {
    return name;
  }

  public boolean isRunning() {
    return running.get();
  }

  /** Ends the current wait at once (or the next one, when a round is running). */
  public void wake() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  private void runUntilClosed() {
    while (running.get()) {
      Duration wait;
      try {
        wait = round.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running.get()) {
          return; // closing: the round's blocking call was interrupted on purpose
        }
        log.error("{} failed; trying again in {}", name, afterFailure, e);
        wait = afterFailure;
      }
      if (!await(wait)) {
        return;
      }
    }
  }

  /** Waits for the duration or a wake-up; false when interrupted (the duty is closing). */
  private boolean await(Duration wait) {
    try {
      if (wait.isZero() || wait.isNegative()) {
        wake.tryAcquire(); // a wake-up that came during the round is used up by running again
        return true;
      }
      if (wake.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        wake.drainPermits();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the duty: no new round starts; the running one is interrupted and awaited (5 s). */
  @Override
  public void close() {
    finish(Duration.ZERO);
  }

  /**
   * Stops the duty gently: no new round starts, and the running one may end on its own within
   * {@code grace} (a control cycle that should not be cut in the middle of its actions); only then
   * is it interrupted and awaited (5 s).
   */
  public void finish(Duration grace) {
    running.set(false);
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    try {
      wake.release();
      if (grace.isPositive() && t.join(grace)) {
        return;
      }
      t.interrupt();
      if (!t.join(JOIN)) {
        log.warn("{} did not stop within {}", name, JOIN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
