package dev.baton.schedule;

import java.time.Duration;

/**
 * How a schedule catches up after downtime. {@link FireTimes#due} looks at the fires in {@code
 * (since, now]}, where {@code since} is the last moment the schedule was handled:
 *
 * <ul>
 *   <li>{@link Missed#ALL}: every one of them, oldest first; if there are more than {@code cap},
 *       only the {@code cap} most recent (the older ones are dropped, so a long outage does not
 *       start thousands of jobs at once);
 *   <li>{@link Missed#LAST}: only the most recent one, if any;
 *   <li>{@link Missed#NONE}: only those that are not late, that is, no older than {@code grace}
 *       before now (at most {@code cap}, the most recent); the rest are dropped. The grace is what
 *       keeps a fire that a busy or slow scheduler loop picks up a few seconds late from counting
 *       as missed.
 * </ul>
 *
 * <p>The default is {@code ALL} with a cap of {@value #DEFAULT_CAP} and a grace of one minute.
 */
public record MissedPolicy(Missed missed, int cap, Duration grace) {
  /** The most fires one catch-up returns unless a schedule says otherwise. */
  public static final int DEFAULT_CAP = 100;

  /** The largest cap a schedule may set. */
  public static final int MAX_CAP = 10_000;

  /** How late a fire may be and still not count as missed, unless a schedule says otherwise. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);

  /** {@link Missed#ALL}, capped at {@value #DEFAULT_CAP}, with a grace of one minute. */
  public static final MissedPolicy DEFAULT = of(Missed.ALL);

  public MissedPolicy {
    if (cap < 1 || cap > MAX_CAP) {
      throw new TimingException(
          "missed fires: cap must be within 1-" + MAX_CAP + ", was " + cap, "cap");
    }
    if (grace.isNegative()) {
      throw new TimingException("missed fires: grace must not be negative, was " + grace, "grace");
    }
  }

  /** {@code missed} with the default cap and grace. */
  public static MissedPolicy of(Missed missed) {
    return new MissedPolicy(missed, DEFAULT_CAP, DEFAULT_GRACE);
  }

  /** This policy with another cap. */
  public MissedPolicy withCap(int cap) {
    return new MissedPolicy(missed, cap, grace);
  }

  /** This policy with another grace. */
  public MissedPolicy withGrace(Duration grace) {
    return new MissedPolicy(missed, cap, grace);
  }
}
