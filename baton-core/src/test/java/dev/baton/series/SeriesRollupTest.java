package dev.baton.series;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.job.JobStatus;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import dev.baton.store.Change;
import dev.baton.store.InMemoryStore;
import dev.baton.store.StoreFixtures;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rollup writes one bucket a minute once the minute has settled, catches up a stop from the
 * ledger, and the series reads the buckets plus the minutes too recent to be rolled up.
 */
class SeriesRollupTest {
  private final InMemoryStore store = new InMemoryStore();
  private final ManualClock clock = new ManualClock(T0);
  private final MinuteTally tally = new MinuteTally(store.ledger(), store);
  private final SeriesRollup rollup = new SeriesRollup(store, tally, clock);
  private final Series series = new Series(store, tally, clock);

  @AfterEach
  void close() {
    store.close();
  }

  /** A job created at {@code created} that ends with {@code type} at {@code at}. */
  private void ended(String id, String type, Instant created, Instant at) {
    JobStatus status = type.equals("job.finished") ? JobStatus.FINISHED : JobStatus.FAILED;
    store.commit(Change.builder().insertJob(StoreFixtures.job(id, "bp", status, created)).build());
    store.ledger().append(LedgerEntry.of(at, type, "engine", Severity.INFO, id, Map.of()));
  }

  private void queuedTask(String id) {
    store.commit(
        Change.builder()
            .insertJob(StoreFixtures.job(id))
            .insertTask(StoreFixtures.task(id + "-t", id, "x", 0, T0, T0))
            .build());
  }

  @Test
  void anEndedMinuteIsRolledUpOnceSettledWithItsQueueDepth() {
    SeriesMinute before = new SeriesMinute(T0.minusSeconds(60), 0, 0, 0, 0, 0L);
    store.putSeries(List.of(before));
    ended("a", "job.finished", T0, T0.plusSeconds(2));
    ended("b", "job.finished", T0.plusSeconds(10), T0.plusSeconds(14));
    ended("c", "job.failed", T0, T0.plusSeconds(30));
    ended("next", "job.finished", T0, T0.plusSeconds(61));
    queuedTask("q1");
    queuedTask("q2");
    clock.set(T0.plusSeconds(62));
    rollup.round();
    assertThat(store.series(T0, T0.plusSeconds(3600)))
        .as("the minute ended 2 s ago: not settled yet")
        .isEmpty();
    clock.set(T0.plusSeconds(66));
    assertThat(rollup.round()).isEqualTo(SeriesRollup.EVERY);
    assertThat(store.series(T0, T0.plusSeconds(3600)))
        .containsExactly(new SeriesMinute(T0, 2, 1, 2, 6_000, 2L));
    rollup.round();
    assertThat(store.series(T0, T0.plusSeconds(3600))).hasSize(1);
    assertThat(store.lastSeriesMinute()).contains(T0);
  }

  @Test
  void theSumsSinceAnInstantAddTheStoredBucketsAndTheMinutesNotRolledUpYet() {
    store.putSeries(
        List.of(
            new SeriesMinute(T0.minusSeconds(120), 7, 7, 0, 0, null), // before: not counted
            new SeriesMinute(T0, 3, 1, 0, 0, null),
            new SeriesMinute(T0.plusSeconds(60), 2, 0, 0, 0, null)));
    ended("now", "job.finished", T0, T0.plusSeconds(130)); // the minute under way: no bucket
    ended("also", "job.failed", T0, T0.plusSeconds(140));
    clock.set(T0.plusSeconds(150));
    SeriesMinute since = series.since(T0.plusSeconds(30)); // from T0's minute on
    assertThat(since.finished()).isEqualTo(3 + 2 + 1);
    assertThat(since.failed()).isEqualTo(1 + 1);
    assertThat(series.since(T0.plusSeconds(600)).finished()).as("from the future").isZero();
  }

  @Test
  void theMinutesMissedWhileStoppedAreRolledUpFromTheLedgerWithoutAQueueDepth() {
    store.putSeries(List.of(new SeriesMinute(T0, 0, 0, 0, 0, 0L)));
    ended("late", "job.failed", T0, T0.plus(Duration.ofMinutes(70)));
    clock.set(T0.plus(Duration.ofMinutes(100)));
    assertThat(rollup.round()).as("a full batch: the next follows at once").isZero();
    assertThat(rollup.round()).isEqualTo(SeriesRollup.EVERY);
    List<SeriesMinute> stored = store.series(T0, clock.instant());
    assertThat(stored).as("up to the minute that just ended").hasSize(99);
    assertThat(stored.get(70))
        .isEqualTo(new SeriesMinute(T0.plus(Duration.ofMinutes(70)), 0, 1, 0, 0, null));
    assertThat(stored.get(97).queued()).isNull();
    assertThat(stored.get(98).queued()).as("the minute that just ended is sampled").isZero();
  }

  @Test
  void aFirstStartRollsUpTheLastDayAtMostAndOldBucketsAreForgotten() {
    store.putSeries(List.of(new SeriesMinute(T0, 1, 0, 0, 0, 0L)));
    clock.set(T0.plus(Duration.ofDays(3)));
    int rounds = 0;
    while (rollup.round().isZero()) {
      rounds++;
    }
    assertThat(rounds).isEqualTo(1440 / SeriesRollup.BATCH);
    assertThat(store.series(T0, clock.instant())).hasSize(1440);
    assertThat(store.series(T0, T0.plusSeconds(60))).as("older than two days").isEmpty();
  }

  @Test
  void theHourReadsTheBucketsAndCountsTheMinuteUnderWayAtOnce() {
    store.putSeries(List.of(new SeriesMinute(T0, 5, 1, 2, 3_000, 4L)));
    clock.set(T0.plus(Duration.ofMinutes(30)).plusSeconds(20));
    ended("now", "job.finished", clock.instant().minusSeconds(12), clock.instant().minusSeconds(2));
    queuedTask("q");
    List<Series.Point> hour = series.read(Series.Range.HOUR);
    assertThat(hour).hasSize(60);
    assertThat(hour.get(0).at()).isEqualTo(T0.minus(Duration.ofMinutes(29)));
    assertThat(hour.get(29).sums()).isEqualTo(new SeriesMinute(T0, 5, 1, 2, 3_000, 4L));
    assertThat(hour.get(29).sums().successRate()).isEqualTo(5.0 / 6);
    assertThat(hour.get(29).sums().averageMillis()).isEqualTo(1_500);
    assertThat(hour.get(30).sums().finished()).isZero();
    assertThat(hour.get(30).sums().queued()).as("no bucket, not live: unknown").isNull();
    SeriesMinute live = hour.get(59).sums();
    assertThat(live)
        .isEqualTo(new SeriesMinute(T0.plus(Duration.ofMinutes(30)), 1, 0, 1, 10_000, 1L));
  }

  @Test
  void theDaySumsTenMinutesAPointAndKeepsTheirPeakQueue() {
    store.putSeries(
        List.of(
            new SeriesMinute(T0, 5, 1, 1, 100, 4L),
            new SeriesMinute(T0.plusSeconds(60), 2, 0, 1, 300, 9L),
            new SeriesMinute(T0.plusSeconds(600), 1, 1, 0, 0, null)));
    clock.set(T0.plus(Duration.ofHours(5)).plusSeconds(90));
    List<Series.Point> day = series.read(Series.Range.DAY);
    assertThat(day).hasSize(145);
    assertThat(day.get(day.size() - 1).at()).isEqualTo(T0.plus(Duration.ofHours(5)));
    Series.Point first = day.stream().filter(p -> p.at().equals(T0)).findFirst().orElseThrow();
    assertThat(first.sums()).isEqualTo(new SeriesMinute(T0, 7, 1, 2, 400, 9L));
    assertThat(first.sums().averageMillis()).isEqualTo(200);
    assertThatThrownBy(() -> Series.Range.of("week"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hour or day");
    assertThat(Series.Range.of("DAY")).isEqualTo(Series.Range.DAY);
  }
}
