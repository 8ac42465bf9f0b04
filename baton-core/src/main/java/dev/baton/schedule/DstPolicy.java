package dev.baton.schedule;

/**
 * What a calendar timing ({@link Timing.Cron}, {@link Timing.Daily}, {@link Timing.Weekly}, {@link
 * Timing.Monthly}) does on the two nights a year when the local clock of its time zone jumps.
 *
 * <p><b>Spring forward</b> (a gap: in Europe/Warsaw on 29 March 2026 the clock goes from 02:00
 * straight to 03:00, so 02:00-02:59:59 do not exist): a local fire time inside the gap
 *
 * <ul>
 *   <li>with {@link #SHIFT} fires once, at the instant the clock jumps (the instant whose local
 *       time is the end of the gap, 03:00 in the example). Every fire time inside the same gap
 *       lands on that one instant, together with a fire scheduled at 03:00 itself, and the schedule
 *       fires there once: {@code 30 2 * * *} fires at 03:00, <code>&#42;/15 * * * *</code> fires at
 *       01:45, 03:00, 03:15. Fires stay in order: a shifted fire never comes after a later real
 *       one.
 *   <li>with {@link #SKIP} does not fire; the next fire is the next one that exists.
 * </ul>
 *
 * <p><b>Fall back</b> (an overlap: on 25 October 2026 Warsaw goes from 03:00 back to 02:00, so
 * 02:00-02:59:59 happen twice): a local fire time inside the overlap fires once, at its first
 * occurrence (the earlier offset, summer time), with either policy. So {@code 30 2 * * *} fires
 * once that night and an hourly or every-15-minutes cron does not fire during the repeated hour: a
 * calendar timing fires at most once per local date-time. A schedule that must run at a steady
 * real-time pace through the night is a {@link Timing.Interval}, which DST does not affect.
 *
 * <p>{@link Timing.Once} and {@link Timing.Interval} are instants and durations, not local times:
 * the policy does not apply to them.
 */
public enum DstPolicy {
  /** A local time that does not exist fires at the instant the clock jumps over it (default). */
  SHIFT,
  /** A local time that does not exist does not fire. */
  SKIP;

  /** The policy a schedule gets when it does not choose: {@link #SHIFT}. */
  public static final DstPolicy DEFAULT = SHIFT;
}
