package dev.baton.job;

import static dev.baton.job.JobEvent.*;
import static dev.baton.job.JobStatus.*;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job status transition table: from a status, on an event, to the statuses the event may lead
 * to (Temporal's state-machine tables read the same way). Every status change in the engine goes
 * through {@link #check(JobStatus, JobEvent, JobStatus)}, so an illegal move is a bug that fails
 * loudly, naming what the job expected, instead of a job in an impossible state.
 *
 * <p>Waiting statuses go back through {@code running} whatever moves them (a task result, a
 * timeout, a decision, a quarantine): running is where the engine decides where the job goes.
 */
public final class JobLifecycle {
  private static final Map<JobStatus, Map<JobEvent, Set<JobStatus>>> TABLE =
      new EnumMap<>(JobStatus.class);

  static {
    on(PENDING, START, RUNNING);
    on(PENDING, RETRY_DUE, RUNNING);
    on(PENDING, RESUME, RUNNING);
    on(PENDING, QUARANTINE, RUNNING);
    on(PENDING, CANCEL, CANCELLED);
    on(PENDING, MIGRATE, RUNNING);

    on(RUNNING, NEXT_STATE, RUNNING);
    on(RUNNING, DISPATCH, WAITING_FOR_WORKER);
    on(RUNNING, ASK, WAITING_FOR_HUMAN);
    on(RUNNING, FAN_OUT, WAITING_FOR_PARALLEL_TASKS);
    on(RUNNING, START_SUB_JOB, WAITING_FOR_SUB_JOB);
    on(RUNNING, HANDLER_FAILED, AWAITING_RETRY, FAILED, QUARANTINED);
    on(RUNNING, END, FINISHED, FAILED, QUARANTINED, CANCELLED);
    on(RUNNING, TASK_RESULT, FAILED); // a status the state has no transition for
    on(RUNNING, GIVE_UP, FAILED, QUARANTINED);
    on(RUNNING, QUARANTINE, QUARANTINED);
    on(RUNNING, CANCEL, CANCELLED);

    on(WAITING_FOR_WORKER, TASK_RESULT, RUNNING, CANCELLED);
    on(WAITING_FOR_WORKER, TASK_FAILED, RUNNING);
    on(WAITING_FOR_WORKER, TIMEOUT, RUNNING);
    on(WAITING_FOR_WORKER, DECISION, RUNNING);
    on(WAITING_FOR_WORKER, QUARANTINE, RUNNING);
    on(WAITING_FOR_WORKER, CANCEL, CANCELLED);
    on(WAITING_FOR_WORKER, MIGRATE, RUNNING);

    on(WAITING_FOR_HUMAN, DECISION, RUNNING);
    on(WAITING_FOR_HUMAN, QUARANTINE, RUNNING);
    on(WAITING_FOR_HUMAN, CANCEL, CANCELLED);

    on(WAITING_FOR_PARALLEL_TASKS, BRANCHES_DONE, RUNNING);
    on(WAITING_FOR_PARALLEL_TASKS, BRANCH_DONE, WAITING_FOR_PARALLEL_TASKS);
    on(WAITING_FOR_PARALLEL_TASKS, QUARANTINE, RUNNING);
    on(WAITING_FOR_PARALLEL_TASKS, CANCEL, CANCELLED);
    on(WAITING_FOR_PARALLEL_TASKS, MIGRATE, RUNNING);

    on(WAITING_FOR_SUB_JOB, SUB_JOB_ENDED, RUNNING);
    on(WAITING_FOR_SUB_JOB, QUARANTINE, RUNNING);
    on(WAITING_FOR_SUB_JOB, CANCEL, CANCELLED);

    on(AWAITING_RETRY, RETRY_DUE, RUNNING);
    on(AWAITING_RETRY, QUARANTINE, RUNNING);
    on(AWAITING_RETRY, CANCEL, CANCELLED);
    on(AWAITING_RETRY, MIGRATE, RUNNING);

    on(FAILED, RESUME, PENDING);
    on(QUARANTINED, RESUME, PENDING);
    TABLE.put(FINISHED, new EnumMap<>(JobEvent.class));
    TABLE.put(CANCELLED, new EnumMap<>(JobEvent.class));
  }

  private static void on(JobStatus from, JobEvent event, JobStatus... to) {
    TABLE
        .computeIfAbsent(from, f -> new EnumMap<>(JobEvent.class))
        .computeIfAbsent(event, e -> EnumSet.noneOf(JobStatus.class))
        .addAll(Arrays.asList(to));
  }

  private JobLifecycle() {}

  public static boolean allows(JobStatus from, JobStatus to) {
    return next(from).contains(to);
  }

  /** Whether {@code event} may move a job from {@code from} to {@code to}. */
  public static boolean allows(JobStatus from, JobEvent event, JobStatus to) {
    return TABLE.getOrDefault(from, Map.of()).getOrDefault(event, Set.of()).contains(to);
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
              + names(next(from)));
    }
  }

  /**
   * Throws {@link IllegalStateException} naming the events the job expected and where they lead.
   */
  public static void check(JobStatus from, JobEvent event, JobStatus to) {
    if (!allows(from, event, to)) {
      throw new IllegalStateException(
          "job cannot go from "
              + from.wireName()
              + " to "
              + to.wireName()
              + " on "
              + event.label()
              + "; "
              + from.wireName()
              + " expects "
              + expected(from));
    }
  }

  /** The events that move a job from {@code from} to {@code to}, in declaration order. */
  public static Set<JobEvent> causes(JobStatus from, JobStatus to) {
    Set<JobEvent> out = EnumSet.noneOf(JobEvent.class);
    TABLE
        .getOrDefault(from, Map.of())
        .forEach((event, targets) -> {
          if (targets.contains(to)) {
            out.add(event);
          }
        });
    return out;
  }

  /** The table without its events, for documentation and diagrams. */
  public static Map<JobStatus, Set<JobStatus>> table() {
    Map<JobStatus, Set<JobStatus>> copy = new EnumMap<>(JobStatus.class);
    TABLE.keySet().forEach(k -> copy.put(k, Set.copyOf(next(k))));
    return copy;
  }

  static String wireNames() {
    return names(EnumSet.allOf(JobStatus.class));
  }

  private static Set<JobStatus> next(JobStatus from) {
    Set<JobStatus> out = EnumSet.noneOf(JobStatus.class);
    TABLE.getOrDefault(from, Map.of()).values().forEach(out::addAll);
    return out;
  }

  private static String expected(JobStatus from) {
    Map<JobEvent, Set<JobStatus>> events = TABLE.getOrDefault(from, Map.of());
    if (events.isEmpty()) {
      return "nothing (terminal)";
    }
    return events.entrySet().stream()
        .map(e -> e.getKey().label() + " (to " + names(e.getValue()) + ")")
        .collect(Collectors.joining(", "));
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
