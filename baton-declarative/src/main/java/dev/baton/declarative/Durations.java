package dev.baton.declarative;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Durations in blueprint files: {@code "500ms"}, {@code "30s"}, {@code "5m"}, {@code "1h"}, or a
 * number of seconds.
 */
final class Durations {
  private static final Pattern TEXT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  static Duration parse(JsonNode node) {
    if (node.isNumber()) {
      return millis(node.decimalValue().multiply(BigDecimal.valueOf(1000)));
    }
    Matcher m = TEXT.matcher(node.asString().strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + node.asString() + "' is not a duration such as 500ms, 30s, 5m or 1h");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m" -> 60_000;
          default -> 3_600_000;
        };
    return millis(amount.multiply(BigDecimal.valueOf(unit)));
  }

  private static Duration millis(BigDecimal ms) {
    if (ms.signum() < 0) {
      throw new IllegalArgumentException("a duration must not be negative");
    }
    return Duration.ofMillis(ms.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
  }
}
