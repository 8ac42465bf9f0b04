package dev.baton.schedule;

/**
 * What to do with fires that fell while Baton was down (or otherwise did not look): see {@link
 * MissedPolicy} and {@link FireTimes#due}.
 */
public enum Missed {
  /** Run each missed fire, oldest first, up to a cap (the most recent ones are kept). */
  ALL,
  /** Run one fire for all that were missed: the most recent. */
  LAST,
  /** Run none of them; the schedule carries on with its next fire. */
  NONE
}
