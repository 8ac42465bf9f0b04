package dev.baton.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every form that either old parser accepted: blueprint files' ({@code 500ms}, {@code 30s}, {@code
 * 5m}, {@code 1h}, decimals with a unit, numbers of seconds) and scenario files' (the same, plus
 * bare text seconds, spaces, any case, exponents and negative amounts).
 */
class DurationsTest {
  @ParameterizedTest(name = "''{0}'' is {1} ms")
  @CsvSource(
      delimiter = '|',
      value = {
        // blueprint files
        "500ms|500",
        "30s|30000",
        "5m|300000",
        "1h|3600000",
        "1.5h|5400000",
        "0.25s|250",
        "2.5ms|3",
        " 30s |30000",
        // scenario files
        "250ms|250",
        "250 ms|250",
        "30 s|30000",
        "30S|30000",
        "5M|300000",
        "1H|3600000",
        "30|30000",
        "1.5|1500",
        ".5s|500",
        "1e3|1000000",
        "1E3ms|1000",
        "-5s|-5000",
        "+5s|5000",
      })
  void text(String text, long millis) {
    assertThat(Durations.parse(text, "t")).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, 1.5, 0.0005, 2.5, 3600, -2})
  void numbersAreSeconds(double seconds) {
    assertThat(Durations.parse(seconds, "t"))
        .isEqualTo(
            Duration.ofMillis(
                new BigDecimal(Double.toString(seconds))
                    .multiply(BigDecimal.valueOf(1000))
                    .setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact()));
    assertThat(Durations.parse(30L, "t")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse(new BigDecimal("2.5"), "t")).isEqualTo(Duration.ofMillis(2500));
    assertThat(Durations.parse(7, "t")).isEqualTo(Duration.ofSeconds(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "", "5x", "1d", "s", "ms", "1.2.3s", "30 seconds", "Infinity"})
  void anythingElseIsRefusedWithTheField(String text) {
    assertThatThrownBy(() -> Durations.parse(text, "wait_for_state.timeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "wait_for_state.timeout: '"
                + text
                + "' is not a duration; use e.g. 30s, 5m, 1h or a number of seconds");
  }

  @org.junit.jupiter.api.Test
  void missingIsTheFallback() {
    assertThat(Durations.parse(null, Duration.ofSeconds(30), "t"))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("1m", Duration.ofSeconds(30), "t")).isEqualTo(Duration.ofMinutes(1));
  }
}
