package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.schedule.ScheduleRun;
import dev.baton.schedule.ScheduleRun.Outcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What every store must do with schedules and their runs; part of {@link StoreContract}. */
public interface ScheduleStoreContract {
  Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  Store store();

  default boolean commit(Change.Op... ops) {
    Change.Builder b = Change.builder();
    for (Change.Op op : ops) {
      b.add(op);
    }
    return store().commit(b.build());
  }

  static Schedule schedule(String id, String name, @Nullable Instant next, boolean enabled) {
    ScheduleDefinition def =
        ScheduleDefinition.parse(
            name,
            Map.of(
                "blueprint",
                "report",
                "input_data",
                Map.of("n", 1L, "who", "me"),
                "cron",
                "*/5 * * * *",
                "timezone",
                "Europe/Warsaw",
                "overlap",
                "queue",
                "missed",
                Map.of("policy", "last"),
                "priority",
                3L),
            ZoneOffset.UTC,
            T0);
    return new Schedule(id, def.withEnabled(enabled), T0, next, null, null, 0, null, T0, T0, 1);
  }

  static Schedule bumped(Schedule s, @Nullable Instant next, @Nullable Instant queued) {
    return s.next(
        s.definition(), s.since(), next, T0, "job-1", s.runCount() + 1, queued, T0.plusSeconds(1));
  }

  @Test
  default void aScheduleComesBackEqualByIdAndByName() {
    Schedule s = schedule("s1", "nightly", T0.plusSeconds(300), true);
    assertThat(commit(new Change.InsertSchedule(s))).isTrue();
    assertThat(store().schedule("s1")).contains(s);
    assertThat(store().scheduleByName("nightly")).contains(s);
    assertThat(store().schedules()).containsExactly(s);
    assertThat(store().schedule("nope")).isEmpty();
  }

  @Test
  default void aScheduleKeepsItsOwnerAcrossUpdates() {
    Schedule plain = schedule("s1", "nightly", T0.plusSeconds(300), true);
    Schedule owned =
        new Schedule(
            "s1",
            plain.definition(),
            T0,
            T0.plusSeconds(300),
            null,
            null,
            0,
            null,
            T0,
            T0,
            1,
            "alice");
    assertThat(commit(new Change.InsertSchedule(owned))).isTrue();
    assertThat(store().schedule("s1")).contains(owned);
    Schedule next = bumped(owned, T0.plusSeconds(600), null);
    assertThat(commit(new Change.UpdateSchedule(next))).isTrue();
    assertThat(store().scheduleByName("nightly").orElseThrow().owner()).isEqualTo("alice");
    assertThat(store().schedules()).containsExactly(next);
  }

  @Test
  default void aTakenIdOrNameIsRefusedWithoutChangingAnything() {
    Schedule s = schedule("s1", "nightly", T0.plusSeconds(300), true);
    assertThat(commit(new Change.InsertSchedule(s))).isTrue();
    assertThat(commit(new Change.InsertSchedule(schedule("s2", "nightly", T0, true)))).isFalse();
    assertThat(commit(new Change.InsertSchedule(schedule("s1", "other", T0, true)))).isFalse();
    assertThat(store().schedules()).containsExactly(s);
  }

  @Test
  default void updatesAndDeletesAreGuardedByTheVersion() {
    Schedule s = schedule("s1", "nightly", T0.plusSeconds(300), true);
    commit(new Change.InsertSchedule(s));
    Schedule v2 = bumped(s, T0.plusSeconds(600), null);
    assertThat(commit(new Change.UpdateSchedule(v2))).isTrue();
    assertThat(commit(new Change.UpdateSchedule(v2))).isFalse(); // derived from v1 again
    assertThat(store().schedule("s1")).contains(v2);
    assertThat(commit(new Change.DeleteSchedule("s1", 1))).isFalse();
    assertThat(commit(new Change.DeleteSchedule("s1", 2))).isTrue();
    assertThat(store().schedule("s1")).isEmpty();
  }

  /** The same schedule with another definition: what an operator's edit would write. */
  static Schedule edited(Schedule s, String input) {
    ScheduleDefinition def =
        ScheduleDefinition.parse(
            s.name(),
            Map.of("blueprint", "report", "input_data", Map.of("who", input), "cron", "0 * * * *"),
            ZoneOffset.UTC,
            T0);
    return s.next(
        def,
        s.since(),
        s.nextRunAt(),
        s.lastRunAt(),
        s.lastJobId(),
        s.runCount(),
        s.queuedFire(),
        T0.plusSeconds(2));
  }

  @Test
  default void aFireAdvancesWhereTheScheduleStandsAndLeavesItsDefinitionAsStored() {
    Schedule s = schedule("s1", "nightly", T0, true);
    commit(new Change.InsertSchedule(s));
    // The advance carries another definition: a store that wrote it would store the body again.
    Schedule once =
        s.next(
            edited(s, "x").definition(),
            T0.plusSeconds(1),
            T0.plusSeconds(300),
            T0,
            "job-1",
            1,
            T0,
            T0.plusSeconds(3));
    assertThat(commit(new Change.AdvanceSchedule(once))).isTrue();
    Schedule expected =
        s.next(
            s.definition(),
            T0.plusSeconds(1),
            T0.plusSeconds(300),
            T0,
            "job-1",
            1,
            T0,
            T0.plusSeconds(3));
    assertThat(store().schedule("s1")).contains(expected);
    assertThat(store().scheduleByName("nightly")).contains(expected);
    assertThat(commit(new Change.AdvanceSchedule(once))).isFalse(); // derived from v1 again
    assertThat(store().dueSchedules(T0.plusSeconds(10), 10)).containsExactly(expected); // queued
    assertThat(store().nextScheduleFire()).contains(T0.plusSeconds(300));
  }

  @Test
  default void anEditAndAFirePlannedFromOneVersionDoNotLoseEachOthersChanges() {
    Schedule s = schedule("s1", "nightly", T0, true);
    commit(new Change.InsertSchedule(s));
    // The fire commits first; the edit planned from the same version is refused, planned again
    // from what the fire wrote, and keeps the fire's run.
    Schedule fired = bumped(s, T0.plusSeconds(300), null);
    assertThat(commit(new Change.AdvanceSchedule(fired))).isTrue();
    assertThat(commit(new Change.UpdateSchedule(edited(s, "ops")))).isFalse();
    Schedule edit = edited(store().schedule("s1").orElseThrow(), "ops");
    assertThat(commit(new Change.UpdateSchedule(edit))).isTrue();
    Schedule both = store().schedule("s1").orElseThrow();
    assertThat(both).isEqualTo(edit);
    assertThat(both.definition().toMap()).isEqualTo(edit.definition().toMap());
    assertThat(both.runCount()).isEqualTo(1);
    assertThat(both.lastJobId()).isEqualTo("job-1");
    // The other way round: the edit commits first and the fire planned before it is refused.
    Schedule staleFire = bumped(both, T0.plusSeconds(600), null);
    Schedule paused =
        both.next(
            both.definition().withEnabled(false),
            both.since(),
            both.nextRunAt(),
            both.lastRunAt(),
            both.lastJobId(),
            both.runCount(),
            null,
            T0.plusSeconds(4));
    assertThat(commit(new Change.UpdateSchedule(paused))).isTrue();
    assertThat(commit(new Change.AdvanceSchedule(staleFire))).isFalse();
    assertThat(store().schedule("s1")).contains(paused);
    assertThat(store().dueSchedules(T0.plusSeconds(900), 10)).isEmpty(); // paused
    assertThat(store().nextScheduleFire()).isEmpty();
    // A fire planned from the edit applies, and the definition stays the edit's.
    Schedule resumed =
        paused.next(
            paused.definition().withEnabled(true),
            paused.since(),
            T0.plusSeconds(600),
            paused.lastRunAt(),
            paused.lastJobId(),
            paused.runCount(),
            null,
            T0.plusSeconds(5));
    assertThat(commit(new Change.UpdateSchedule(resumed))).isTrue();
    Schedule next = bumped(resumed, T0.plusSeconds(900), null);
    assertThat(commit(new Change.AdvanceSchedule(next))).isTrue();
    assertThat(store().schedule("s1")).contains(next);
    assertThat(store().schedule("s1").orElseThrow().definition().target())
        .isEqualTo(edit.definition().target());
  }

  @Test
  default void dueSchedulesAreTheEnabledOnesWhoseFireCameOrThatHaveAFireQueued() {
    Schedule early = schedule("a", "early", T0.minusSeconds(10), true);
    Schedule now = schedule("b", "now", T0, true);
    Schedule later = schedule("c", "later", T0.plusSeconds(1), true);
    Schedule off = schedule("d", "off", T0.minusSeconds(100), false);
    Schedule ended = schedule("e", "ended", null, true);
    Schedule queued =
        bumped(schedule("f", "queued", T0.plusSeconds(50), true), T0.plusSeconds(50), T0);
    for (Schedule s : List.of(early, now, later, off, ended)) {
      commit(new Change.InsertSchedule(s));
    }
    commit(new Change.InsertSchedule(schedule("f", "queued", T0.plusSeconds(50), true)));
    commit(new Change.UpdateSchedule(queued));
    assertThat(store().dueSchedules(T0, 10).stream().map(Schedule::id))
        .containsExactly("a", "b", "f");
    assertThat(store().dueSchedules(T0, 1).stream().map(Schedule::id)).containsExactly("a");
    assertThat(store().nextScheduleFire()).contains(T0.minusSeconds(10));
  }

  @Test
  default void aFireIsRecordedOnceAndItsRunsComeBackNewestFirst() {
    Schedule s = schedule("s1", "nightly", T0, true);
    commit(new Change.InsertSchedule(s));
    ScheduleRun first = new ScheduleRun("s1", T0, T0.plusMillis(3), Outcome.QUEUED, null, "busy");
    ScheduleRun second =
        new ScheduleRun("s1", T0.plusSeconds(300), T0.plusSeconds(300), Outcome.SKIPPED, null, "x");
    assertThat(commit(new Change.InsertScheduleRun(first))).isTrue();
    assertThat(commit(new Change.InsertScheduleRun(first))).isFalse();
    assertThat(commit(new Change.InsertScheduleRun(second))).isTrue();
    ScheduleRun started =
        new ScheduleRun("s1", T0, T0.plusSeconds(9), Outcome.STARTED, "job-1", null);
    assertThat(commit(new Change.UpdateScheduleRun(started))).isTrue();
    assertThat(
            commit(
                new Change.UpdateScheduleRun(
                    new ScheduleRun("s1", T0.plusSeconds(1), T0, Outcome.STARTED, "j", null))))
        .isFalse();
    assertThat(store().scheduleRuns("s1", 10)).containsExactly(second, started);
    assertThat(store().scheduleRuns("s1", 1)).containsExactly(second);
  }

  @Test
  default void runStatusesCountTheJobsTheRunsStarted() {
    commit(new Change.InsertSchedule(schedule("s1", "nightly", T0, true)));
    Job done = StoreFixtures.job("j1", "report", JobStatus.FINISHED, T0);
    Job failed = StoreFixtures.job("j2", "report", JobStatus.FAILED, T0);
    Job other = StoreFixtures.job("j3", "report", JobStatus.FINISHED, T0);
    commit(new Change.InsertJob(done), new Change.InsertJob(failed), new Change.InsertJob(other));
    commit(
        new Change.InsertScheduleRun(new ScheduleRun("s1", T0, T0, Outcome.STARTED, "j1", null)));
    commit(
        new Change.InsertScheduleRun(
            new ScheduleRun("s1", T0.plusSeconds(1), T0, Outcome.STARTED, "j2", null)));
    commit(
        new Change.InsertScheduleRun(
            new ScheduleRun("s1", T0.plusSeconds(2), T0, Outcome.SKIPPED, null, "busy")));
    assertThat(store().scheduleRunStatuses("s1"))
        .isEqualTo(Map.of(JobStatus.FINISHED, 1L, JobStatus.FAILED, 1L));
  }

  @Test
  default void failedRunsAreThoseThatCouldNotStartOrWhoseJobFailedSinceATime() {
    commit(new Change.InsertSchedule(schedule("s1", "nightly", T0, true)));
    commit(new Change.InsertSchedule(schedule("s2", "hourly", T0, true)));
    commit(
        new Change.InsertJob(StoreFixtures.job("ok", "report", JobStatus.FINISHED, T0)),
        new Change.InsertJob(StoreFixtures.job("bad", "report", JobStatus.FAILED, T0)),
        new Change.InsertJob(StoreFixtures.job("stuck", "report", JobStatus.QUARANTINED, T0)));
    ScheduleRun old = new ScheduleRun("s1", T0, T0, Outcome.FAILED, null, "blueprint gone");
    ScheduleRun missing =
        new ScheduleRun("s1", T0.plusSeconds(10), T0, Outcome.FAILED, null, "blueprint gone");
    ScheduleRun fine = new ScheduleRun("s1", T0.plusSeconds(20), T0, Outcome.STARTED, "ok", null);
    ScheduleRun failed =
        new ScheduleRun("s2", T0.plusSeconds(30), T0, Outcome.STARTED, "bad", null);
    ScheduleRun quarantined =
        new ScheduleRun("s2", T0.plusSeconds(40), T0, Outcome.STARTED, "stuck", null);
    for (ScheduleRun r : List.of(old, missing, fine, failed, quarantined)) {
      commit(new Change.InsertScheduleRun(r));
    }
    assertThat(store().failedScheduleRuns(T0.plusSeconds(5), 10))
        .containsExactly(quarantined, failed, missing);
    assertThat(store().failedScheduleRuns(T0.plusSeconds(5), 1)).containsExactly(quarantined);
  }

  @Test
  default void ofRacingFirersOfOneScheduleExactlyOneCommits() throws Exception {
    Schedule s = schedule("s1", "nightly", T0, true);
    commit(new Change.InsertSchedule(s));
    AtomicInteger won = new AtomicInteger();
    StoreFixtures.race(
        8,
        i -> {
          Job job = StoreFixtures.job("job-" + i, "report", JobStatus.RUNNING, T0);
          boolean applied =
              commit(
                  new Change.InsertJob(job),
                  new Change.InsertScheduleRun(
                      new ScheduleRun("s1", T0, T0, Outcome.STARTED, job.id(), null)),
                  new Change.UpdateSchedule(bumped(s, T0.plusSeconds(300), null)));
          if (applied) {
            won.incrementAndGet();
          }
        });
    assertThat(won).hasValue(1);
    assertThat(store().scheduleRuns("s1", 10)).hasSize(1);
    String winner = store().scheduleRuns("s1", 10).get(0).jobId();
    for (int i = 0; i < 8; i++) {
      String id = "job-" + i;
      assertThat(store().job(id).isPresent()).as(id).isEqualTo(id.equals(winner));
    }
  }
}
