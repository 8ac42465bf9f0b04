package dev.baton.robot;

import java.util.Locale;

/**
 * CasareRPA's job priorities. A job's engine priority is the level's number, so robot jobs and any
 * other job share one queue, highest number first; the HTTP face also takes a plain number.
 */
public enum Priority {
  LOW(0),
  NORMAL(1),
  HIGH(2),
  CRITICAL(3);

  private final int level;

  Priority(int level) {
    this.level = level;
  }

  public int level() {
    return level;
  }

  /**
   * A level name (any case) or a whole number, as sent by a client.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static int parse(Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    if (value instanceof String s) {
      for (Priority p : values()) {
        if (p.name().equals(s.trim().toUpperCase(Locale.ROOT))) {
          return p.level;
        }
      }
    }
    throw new IllegalArgumentException(
        "priority must be LOW, NORMAL, HIGH, CRITICAL or a whole number, was '" + value + "'");
  }

  /** The level's name for a number, or the number itself when it is not one of the four. */
  public static String describe(int level) {
    for (Priority p : values()) {
      if (p.level == level) {
        return p.name();
      }
    }
    return Integer.toString(level);
  }
}
