package dev.baton.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryOptionsTest {
  @Test
  void theDefaultsAreUpstreams() {
    DeliveryOptions d = DeliveryOptions.DEFAULTS;
    assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.maxAttempts()).isEqualTo(3);
    assertThat(d.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.backoff(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(d.pollInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(d.concurrency()).isEqualTo(16);
    assertThat(d.lease()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void backoffGrowsUpToItsCap() {
    DeliveryOptions d =
        DeliveryOptions.DEFAULTS
            .withRetries(100, Duration.ofMillis(10), 3.0)
            .withMaxDelay(Duration.ofSeconds(1));
    assertThat(d.backoff(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(d.backoff(3)).isEqualTo(Duration.ofMillis(90));
    assertThat(d.backoff(5)).isEqualTo(Duration.ofMillis(810));
    assertThat(d.backoff(6)).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.backoff(99)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void nonsenseIsRefusedWithTheNameOfTheValue() {
    assertThatThrownBy(() -> DeliveryOptions.DEFAULTS.withConcurrency(0))
        .hasMessageContaining("concurrency");
    assertThatThrownBy(() -> DeliveryOptions.DEFAULTS.withRetries(0, Duration.ZERO, 2))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> DeliveryOptions.DEFAULTS.withRetries(3, Duration.ofSeconds(1), 0.5))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> DeliveryOptions.DEFAULTS.withRequestTimeout(Duration.ZERO))
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> DeliveryOptions.DEFAULTS.withPollInterval(Duration.ofMillis(-1)))
        .hasMessageContaining("pollInterval");
  }
}
