package dev.baton.schedule;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * One span of working time within a working day, {@code "09:00-17:00"}: a fire at the opening or at
 * the closing time is within it, so a fire moved to the previous working time lands on the closing
 * time itself. {@code "24:00"} closes at midnight; {@link #WHOLE_DAY} is {@code 00:00-24:00}.
 *
 * @param opens seconds of the day, 0 to 86,399
 * @param closes seconds of the day, after {@code opens}, up to 86,400 (midnight)
 */
public record WorkingHours(int opens, int closes) implements Comparable<WorkingHours> {
  private static final int DAY = 86_400;

  public static final WorkingHours WHOLE_DAY = new WorkingHours(0, DAY);

  public WorkingHours {
    if (opens < 0 || opens >= DAY || closes <= opens || closes > DAY) {
      throw new IllegalArgumentException(
          "hours: a span must open before it closes, within 00:00-24:00; was "
              + text(opens)
              + "-"
              + text(closes));
    }
  }

  /** Reads {@code "HH:MM-HH:MM"} (seconds allowed: {@code "08:30:00-12:00"}). */
  public static WorkingHours parse(String spec) {
    String s = spec.trim();
    int dash = s.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException(
          "hours: expected a span like \"09:00-17:00\", got \"" + spec + "\"");
    }
    return new WorkingHours(
        seconds(s.substring(0, dash).trim(), spec), seconds(s.substring(dash + 1).trim(), spec));
  }

  /** Whether a time of day is within the span, the opening and the closing included. */
  public boolean contains(LocalTime t) {
    int s = t.toSecondOfDay();
    return s >= opens && s <= closes;
  }

  /** The opening as a time of day. */
  public LocalTime opening() {
    return LocalTime.ofSecondOfDay(opens);
  }

  /** The closing as a time of day; midnight (24:00) is the day's last second, 23:59:59. */
  public LocalTime closing() {
    return closes == DAY ? LocalTime.of(23, 59, 59) : LocalTime.ofSecondOfDay(closes);
  }

  @Override
  public int compareTo(WorkingHours o) {
    return Integer.compare(opens, o.opens);
  }

  @Override
  public String toString() {
    return text(opens) + "-" + text(closes);
  }

  private static int seconds(String time, String spec) {
    if (time.equals("24:00") || time.equals("24:00:00")) {
      return DAY;
    }
    try {
      return LocalTime.parse(time.length() == 4 ? "0" + time : time).toSecondOfDay();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "hours: '" + time + "' in \"" + spec + "\" is not a time of day (HH:MM)", e);
    }
  }

  private static String text(int seconds) {
    if (seconds == DAY) {
      return "24:00";
    }
    LocalTime t = LocalTime.ofSecondOfDay(Math.max(0, Math.min(seconds, DAY - 1)));
    return t.getSecond() == 0
        ? String.format("%02d:%02d", t.getHour(), t.getMinute())
        : t.toString();
  }
}
