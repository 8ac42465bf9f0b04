package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.series.SeriesMinute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SeriesStore} must do: keep one bucket a minute (a later write replaces it),
 * give a range back oldest first with its end excluded, know the newest minute, and forget the old
 * ones; part of {@link StoreContract}.
 */
public interface SeriesStoreContract {
  Store store();

  private static Instant minute(int i) {
    return StoreFixtures.T0.plus(Duration.ofMinutes(i));
  }

  private static SeriesMinute bucket(int i, long finished, @Nullable Long queued) {
    return new SeriesMinute(minute(i), finished, i, finished / 2, finished * 1_000, queued);
  }

  @Test
  default void bucketsComeBackOldestFirstWithinTheRange() {
    assertThat(store().lastSeriesMinute()).isEmpty();
    assertThat(store().series(minute(0), minute(100))).isEmpty();
    store().putSeries(List.of(bucket(3, 30, 7L), bucket(1, 10, null), bucket(2, 0, 0L)));
    assertThat(store().series(minute(0), minute(100)))
        .containsExactly(bucket(1, 10, null), bucket(2, 0, 0L), bucket(3, 30, 7L));
    assertThat(store().series(minute(2), minute(3))).containsExactly(bucket(2, 0, 0L));
    assertThat(store().series(minute(3), minute(2))).isEmpty();
    assertThat(store().lastSeriesMinute()).contains(minute(3));
    store().putSeries(List.of());
    assertThat(store().series(minute(0), minute(100))).hasSize(3);
  }

  @Test
  default void aMinuteWrittenAgainIsReplaced() {
    store().putSeries(List.of(bucket(1, 10, 5L)));
    store().putSeries(List.of(bucket(1, 12, null), bucket(2, 1, 1L)));
    assertThat(store().series(minute(0), minute(10)))
        .containsExactly(bucket(1, 12, null), bucket(2, 1, 1L));
  }

  @Test
  default void oldBucketsAreForgotten() {
    store().putSeries(List.of(bucket(1, 1, 1L), bucket(2, 2, 2L), bucket(3, 3, 3L)));
    assertThat(store().forgetSeries(minute(3))).isEqualTo(2);
    assertThat(store().forgetSeries(minute(3))).isZero();
    assertThat(store().series(minute(0), minute(10))).containsExactly(bucket(3, 3, 3L));
  }

  @Test
  default void largeCountsAndTimesKeepTheirValue() {
    SeriesMinute big =
        new SeriesMinute(
            minute(0), 3_000_000_000L, 2_000_000_000L, 50, 86_400_000L * 50, 4_000_000_000L);
    store().putSeries(List.of(big));
    assertThat(store().series(minute(0), minute(1))).containsExactly(big);
  }
}
