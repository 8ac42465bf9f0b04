package dev.baton.worker.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesWithJitterUpToTheCapAndResets() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }
    backoff.reset();
    assertThat(backoff.next()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }
}
