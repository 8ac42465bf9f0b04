package dev.baton.scenarios.internal;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Upstream's timeouts: "30s", "5m", "1h", or a number of seconds. */
public final class Durations {
  private Durations() {}

  /**
   * @throws IllegalArgumentException saying what was expected
   */
  public static Duration parse(@Nullable Object value, Duration fallback, String field) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
    }
    String s = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
      }
      char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
      String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1).strip();
      double amount = Double.parseDouble(digits);
      long millis =
          switch (unit) {
            case 'h' -> Math.round(amount * 3_600_000);
            case 'm' -> Math.round(amount * 60_000);
            case 's' -> Math.round(amount * 1000);
            default -> {
              if (!Character.isDigit(unit)) {
                throw new NumberFormatException();
              }
              yield Math.round(amount * 1000);
            }
          };
      return Duration.ofMillis(millis);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + value
              + "' is not a duration; use e.g. 30s, 5m, 1h or a number of seconds");
    }
  }
}
