package dev.baton.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DutyTest {

  @Test
  void aFailingRoundIsTriedAgainAndTheDutyKeepsGoing() {
    AtomicInteger rounds = new AtomicInteger();
    try (Duty duty =
        Duty.virtual(
            "test-duty",
            Duration.ofMillis(1),
            () -> {
              if (rounds.incrementAndGet() < 3) {
                throw new IllegalStateException("store down");
              }
              return Duration.ofHours(1);
            })) {
      await().untilAsserted(() -> assertThat(rounds).hasValue(3));
      assertThat(duty.isRunning()).isTrue();
    }
  }

  @Test
  void aWakeUpEndsALongWait() {
    AtomicInteger rounds = new AtomicInteger();
    try (Duty duty =
        Duty.platform(
            "test-duty",
            Duration.ofHours(1),
            () -> {
              rounds.incrementAndGet();
              return Duration.ofHours(1);
            })) {
      await().untilAsserted(() -> assertThat(rounds).hasValue(1));
      duty.wake();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rounds).hasValue(2));
    }
  }

  @Test
  void finishLetsTheRunningRoundEndAndStartsNoOther() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    java.util.concurrent.CountDownLatch inRound = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean interrupted =
        new java.util.concurrent.atomic.AtomicBoolean();
    Duty duty =
        Duty.virtual(
            "test-duty",
            Duration.ofMillis(1),
            () -> {
              rounds.incrementAndGet();
              inRound.countDown();
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
              return Duration.ofHours(1);
            });
    inRound.await();
    duty.finish(Duration.ofSeconds(30));
    assertThat(interrupted).isFalse();
    assertThat(rounds).hasValue(1);
  }

  @Test
  void closeStopsABlockedRoundAndNoRoundStartsAfter() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    Duty duty =
        Duty.virtual(
            "test-duty",
            Duration.ofMillis(1),
            () -> {
              rounds.incrementAndGet();
              Thread.sleep(Duration.ofHours(1)); // a round blocked in a store call
              return Duration.ZERO;
            });
    await().untilAsserted(() -> assertThat(rounds).hasValue(1));
    duty.close();
    assertThat(duty.isRunning()).isFalse();
    assertThat(rounds).hasValue(1);
  }
}
