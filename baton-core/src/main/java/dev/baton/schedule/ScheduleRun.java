package dev.baton.schedule;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One fire of a schedule and what became of it. Stored in the transaction that fires it, keyed by
 * schedule and fire time, so a fire is recorded (and its job started) at most once.
 *
 * @param fireAt the due time of the fire (for a manual trigger: when it was asked for)
 * @param firedAt when it was handled; {@code firedAt - fireAt} is its lateness
 * @param jobId the job it started, if it started one
 * @param reason why it was skipped, queued or failed
 */
public record ScheduleRun(
    String scheduleId,
    Instant fireAt,
    Instant firedAt,
    Outcome outcome,
    @Nullable String jobId,
    @Nullable String reason) {

  /** What a fire did. */
  public enum Outcome {
    /** A job was started. */
    STARTED,
    /** Started by hand ({@code trigger now}), outside the timing. */
    TRIGGERED,
    /** Waits for the previous run to end ({@link Overlap#QUEUE}). */
    QUEUED,
    /** Nothing was started: the previous run was still going, or a fire already waited. */
    SKIPPED,
    /** Nothing could be started: the target does not exist. */
    FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
