package dev.baton.blueprint;

import dev.baton.job.JobStatus;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A state of a blueprint: a handler and the states it may lead to (declared, so that a blueprint is
 * checked for dangling and unreachable states when it is registered, not when a job gets there), or
 * an end that gives the job its final status.
 */
public record State(
    String name,
    @Nullable StateHandler handler,
    Set<String> targets,
    @Nullable JobStatus endStatus,
    String kind) {

  /** State names that end a job even when a blueprint does not declare them. */
  public static final Set<String> TERMINAL_NAMES =
      Set.of("finished", "failed", "error", "quarantined");

  public State {
    targets = Set.copyOf(targets);
    if ((handler == null) == (endStatus == null)) {
      throw new IllegalArgumentException(
          "state '" + name + "' must have either a handler or an end status");
    }
  }

  public boolean isEnd() {
    return endStatus != null;
  }

  /** The status a job gets in an implicit terminal state. */
  public static JobStatus terminalStatus(String name) {
    return switch (name) {
      case "finished" -> JobStatus.FINISHED;
      case "quarantined" -> JobStatus.QUARANTINED;
      default -> JobStatus.FAILED;
    };
  }

  static State end(String name, JobStatus status) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException(
          "state '" + name + "' ends with " + status.wireName() + ", which is not a final status");
    }
    return new State(name, null, Set.of(), status, "end");
  }
}
