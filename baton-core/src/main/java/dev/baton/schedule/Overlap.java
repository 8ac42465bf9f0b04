package dev.baton.schedule;

import java.util.Locale;

/**
 * What a fire does when the schedule's previous run is still going (its job has not ended).
 *
 * <ul>
 *   <li>{@link #ALLOW}: starts another run beside it;
 *   <li>{@link #SKIP} (default): starts nothing; the fire is recorded as skipped;
 *   <li>{@link #QUEUE}: starts the run as soon as the previous one ends. At most one fire waits; a
 *       further fire while one waits is recorded as skipped, so a slow job cannot build up an
 *       unbounded backlog;
 *   <li>{@link #CANCEL_PREVIOUS}: cancels the previous run and starts the new one, in one
 *       transaction.
 * </ul>
 */
public enum Overlap {
  ALLOW,
  SKIP,
  QUEUE,
  CANCEL_PREVIOUS;

  public static final Overlap DEFAULT = SKIP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Overlap parse(String text) {
    for (Overlap o : values()) {
      if (o.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "overlap: unknown policy '" + text + "'; use allow, skip, queue or cancel_previous");
  }
}
