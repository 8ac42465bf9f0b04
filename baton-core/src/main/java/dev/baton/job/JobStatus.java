package dev.baton.job;

import java.util.Locale;

/**
 * Where a job is in its life. The wire name is the lower-case name ({@code waiting_for_worker}), as
 * in Avtomatika 1.0b7. Unlike upstream, a job that reaches the {@code finished} state reports
 * {@link #FINISHED}, not {@code running}.
 */
public enum JobStatus {
  PENDING,
  RUNNING,
  WAITING_FOR_WORKER,
  WAITING_FOR_HUMAN,
  WAITING_FOR_PARALLEL_TASKS,
  WAITING_FOR_SUB_JOB,
  AWAITING_RETRY,
  FINISHED,
  FAILED,
  QUARANTINED,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws with the list of valid names when it is not one. */
  public static JobStatus fromWire(String name) {
    for (JobStatus s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown job status '" + name + "'; expected one of " + JobLifecycle.wireNames());
  }

  /** A terminal job runs no handler again unless an operator resumes it. */
  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == QUARANTINED || this == CANCELLED;
  }

  /** Failed and quarantined jobs can be resumed from the step that failed. */
  public boolean isResumable() {
    return this == FAILED || this == QUARANTINED;
  }
}
