package dev.baton.declarative;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Baton's one duration grammar, for blueprint files and scenario files alike: a number of seconds
 * ({@code 30}, {@code 1.5}, as a number or as text), or a number with a unit {@code ms}, {@code s},
 * {@code m} or {@code h} ({@code "500ms"}, {@code "30s"}, {@code "1.5h"}, {@code "5 m"}, any case).
 * Milliseconds are rounded half up. Negative amounts parse (a scenario's timeout of {@code -1s} has
 * always meant "already late"); a caller that cannot use them says so (blueprints do, and their
 * JSON Schema refuses them first).
 */
public final class Durations {
  private static final Pattern TEXT =
      Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:e[+-]?[0-9]+)?)\\s*(ms|s|m|h)?");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param value a {@link Number} of seconds or the text forms above
   * @param field what the value is, for the error
   * @throws IllegalArgumentException naming the field and saying what was expected
   */
  public static Duration parse(Object value, String field) {
    BigDecimal millis =
        switch (value) {
          case BigDecimal d -> d.multiply(BigDecimal.valueOf(1000));
          case Number n -> new BigDecimal(n.toString()).multiply(BigDecimal.valueOf(1000));
          default -> text(String.valueOf(value), field);
        };
    try {
      return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      throw notADuration(value, field);
    }
  }

  /** As {@link #parse(Object, String)}; {@code fallback} when the value is missing (null). */
  public static Duration parse(@Nullable Object value, Duration fallback, String field) {
    return value == null ? fallback : parse(value, field);
  }

  private static BigDecimal text(String text, String field) {
    Matcher m = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw notADuration(text, field);
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    long perUnit =
        switch (unit) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m" -> 60_000;
          default -> 3_600_000;
        };
    return amount.multiply(BigDecimal.valueOf(perUnit));
  }

  private static IllegalArgumentException notADuration(Object value, String field) {
    return new IllegalArgumentException(
        field + ": '" + value + "' is not a duration; use e.g. 30s, 5m, 1h or a number of seconds");
  }
}
