package dev.baton.robot;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CasareRPA's job states, as a view of an engine job (see {@code docs/robots.md} for the mapping)
 * with the spec's transition table ({@code JobStateMachine.VALID_TRANSITIONS}). Baton adds two
 * moves the spec has no word for: RUNNING → QUEUED when a robot is lost or a retry is due (the job
 * goes back to the queue), and FAILED/CANCELLED/TIMEOUT → PENDING for an explicit retry.
 */
public enum RobotJobStatus {
  PENDING,
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  TIMEOUT;

  private static final Map<RobotJobStatus, Set<RobotJobStatus>> NEXT =
      new EnumMap<>(RobotJobStatus.class);

  static {
    NEXT.put(PENDING, EnumSet.of(QUEUED, CANCELLED));
    NEXT.put(QUEUED, EnumSet.of(RUNNING, CANCELLED));
    NEXT.put(RUNNING, EnumSet.of(COMPLETED, FAILED, TIMEOUT, CANCELLED, QUEUED));
    NEXT.put(COMPLETED, EnumSet.noneOf(RobotJobStatus.class));
    NEXT.put(FAILED, EnumSet.of(PENDING));
    NEXT.put(CANCELLED, EnumSet.of(PENDING));
    NEXT.put(TIMEOUT, EnumSet.of(PENDING));
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMEOUT;
  }

  public boolean allows(RobotJobStatus to) {
    return next().contains(to);
  }

  /**
   * Refuses a move the table does not allow, like the spec's {@code JobStateError}.
   *
   * @throws IllegalStateException saying which moves were expected
   */
  public void check(RobotJobStatus to) {
    if (!allows(to)) {
      Set<RobotJobStatus> next = next();
      throw new IllegalStateException(
          "job cannot go from "
              + wireName()
              + " to "
              + to.wireName()
              + "; from "
              + wireName()
              + " it may go to "
              + (next.isEmpty()
                  ? "nothing (terminal)"
                  : next.stream().map(RobotJobStatus::wireName).collect(Collectors.joining(", "))));
    }
  }

  private Set<RobotJobStatus> next() {
    return NEXT.getOrDefault(this, Set.of());
  }

  /** The table, for documentation. */
  public static Map<RobotJobStatus, Set<RobotJobStatus>> table() {
    Map<RobotJobStatus, Set<RobotJobStatus>> copy = new EnumMap<>(RobotJobStatus.class);
    NEXT.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    return copy;
  }

  public static RobotJobStatus fromWire(String name) {
    return Arrays.stream(values())
        .filter(s -> s.wireName().equals(name))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                "unknown job status '"
                    + name
                    + "'; expected pending, queued, running, completed, failed, cancelled or"
                    + " timeout"));
  }
}
