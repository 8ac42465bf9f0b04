package dev.baton.blueprint;

import dev.baton.job.JobStatus;
import dev.baton.job.Maps;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A state of a blueprint: a handler and the states it may lead to (declared, so that a blueprint is
 * checked for dangling and unreachable states when it is registered, not when a job gets there), or
 * an end that gives the job its final status.
 *
 * @param on the outcomes a job waiting in this state accepts (task result statuses, decisions,
 *     {@code success}/{@code failure} of a sub-job) and the state each leads to; empty for a state
 *     that does not wait on named outcomes
 * @param definition what the state does, as a value compared by {@code equals} (a declarative
 *     state's document, a built state's task and targets): two versions of a blueprint differ in a
 *     state when its definitions differ. Null for a state of Java code, which cannot be compared.
 */
public record State(
    String name,
    @Nullable StateHandler handler,
    Set<String> targets,
    @Nullable JobStatus endStatus,
    String kind,
    Map<String, String> on,
    @Nullable Object definition) {

  /** State names that end a job even when a blueprint does not declare them. */
  public static final Set<String> TERMINAL_NAMES =
      Set.of("finished", "failed", "error", "quarantined");

  public State {
    targets = Set.copyOf(targets);
    on = Maps.copy(on);
    if ((handler == null) == (endStatus == null)) {
      throw new IllegalArgumentException(
          "state '" + name + "' must have either a handler or an end status");
    }
  }

  /** A state of Java code: no named outcomes, no comparable definition. */
  public State(
      String name,
      @Nullable StateHandler handler,
      Set<String> targets,
      @Nullable JobStatus endStatus,
      String kind) {
    this(name, handler, targets, endStatus, kind, Map.of(), null);
  }

  public boolean isEnd() {
    return endStatus != null;
  }

  /** This state with other outcomes and definition (a declarative reader's, from its document). */
  public State describedAs(Map<String, String> outcomes, @Nullable Object def) {
    return new State(name, handler, targets, endStatus, kind, outcomes, def);
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
    return new State(name, null, Set.of(), status, "end", Map.of(), status.wireName());
  }
}
