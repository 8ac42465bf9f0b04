package dev.baton.job;

import static dev.baton.job.JobStatus.*;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job status transition table. Every status change in the engine goes through {@link #check},
 * so an illegal move is a bug that fails loudly instead of a job in an impossible state.
 */
public final class JobLifecycle {
  private static final Map<JobStatus, Set<JobStatus>> NEXT = new EnumMap<>(JobStatus.class);

  static {
    Set<JobStatus> fromRunning =
        EnumSet.of(
            RUNNING,
            WAITING_FOR_WORKER,
            WAITING_FOR_HUMAN,
            WAITING_FOR_PARALLEL_TASKS,
            WAITING_FOR_SUB_JOB,
            AWAITING_RETRY,
            FINISHED,
            FAILED,
            QUARANTINED,
            CANCELLED);
    NEXT.put(PENDING, EnumSet.of(RUNNING, CANCELLED));
    NEXT.put(RUNNING, fromRunning);
    // A task result, a timeout or a retry re-enters RUNNING, which decides where the job goes.
    NEXT.put(WAITING_FOR_WORKER, EnumSet.of(RUNNING, CANCELLED));
    NEXT.put(WAITING_FOR_HUMAN, EnumSet.of(RUNNING, CANCELLED));
    NEXT.put(
        WAITING_FOR_PARALLEL_TASKS, EnumSet.of(RUNNING, WAITING_FOR_PARALLEL_TASKS, CANCELLED));
    NEXT.put(WAITING_FOR_SUB_JOB, EnumSet.of(RUNNING, CANCELLED));
    NEXT.put(AWAITING_RETRY, EnumSet.of(RUNNING, CANCELLED));
    NEXT.put(FAILED, EnumSet.of(PENDING));
    NEXT.put(QUARANTINED, EnumSet.of(PENDING));
    NEXT.put(FINISHED, EnumSet.noneOf(JobStatus.class));
    NEXT.put(CANCELLED, EnumSet.noneOf(JobStatus.class));
  }

  private JobLifecycle() {}

  public static boolean allows(JobStatus from, JobStatus to) {
    return NEXT.getOrDefault(from, Set.of()).contains(to);
  }

  /** Throws {@link IllegalStateException} naming the statuses that were allowed. */
  public static void check(JobStatus from, JobStatus to) {
    if (!allows(from, to)) {
      throw new IllegalStateException(
          "job cannot go from "
              + from.wireName()
              + " to "
              + to.wireName()
              + "; from "
              + from.wireName()
              + " it may go to "
              + names(NEXT.getOrDefault(from, Set.of())));
    }
  }

  /** The table itself, for documentation and diagrams. */
  public static Map<JobStatus, Set<JobStatus>> table() {
    Map<JobStatus, Set<JobStatus>> copy = new EnumMap<>(JobStatus.class);
    NEXT.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    return copy;
  }

  static String wireNames() {
    return names(EnumSet.allOf(JobStatus.class));
  }

  private static String names(Set<JobStatus> statuses) {
    if (statuses.isEmpty()) {
      return "nothing (terminal)";
    }
    return Arrays.stream(JobStatus.values())
        .filter(statuses::contains)
        .map(JobStatus::wireName)
        .collect(Collectors.joining(", "));
  }
}
