package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.schedule.ScheduleRun.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  EngineFixture f;
  Schedules schedules;

  @BeforeEach
  void setUp() {
    f = new EngineFixture();
    f.engine.register(
        Blueprint.builder("report")
            .start("make")
            .dispatch("make", TaskSpec.of("work", Map.of()), Map.of("success", "finished"))
            .build());
    f.worker("w1", "work");
    schedules = f.engine.schedules();
  }

  Schedule every5(String overlap, Object missed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "r-" + overlap);
    body.put("blueprint", "report");
    body.put("input_data", Map.of("size", 3L));
    body.put("cron", "*/5 * * * *");
    body.put("overlap", overlap);
    body.put("missed", missed);
    return schedules.create(body);
  }

  void at(String utc) {
    f.clock.set(Instant.parse(utc));
  }

  List<ScheduleRun> runs(Schedule s) {
    return schedules.runs(s.id(), 100);
  }

  Job job(String id) {
    return f.engine.job(id).orElseThrow();
  }

  void finishTheJobOf(ScheduleRun run) throws Exception {
    Task t = f.take("w1");
    assertThat(t.jobId()).isEqualTo(run.jobId());
    f.succeed(t, Map.of());
    assertThat(job(run.jobId()).status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void aFireStartsOneJobAtItsTimeAndNeverAgain() {
    Schedule s = every5("allow", "all");
    assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    at("2026-01-01T00:04:59.999Z");
    assertThat(schedules.tick()).isZero();
    at("2026-01-01T00:05:00Z");
    assertThat(schedules.tick()).isEqualTo(1);
    assertThat(schedules.tick()).isZero();

    ScheduleRun run = runs(s).get(0);
    assertThat(run.outcome()).isEqualTo(Outcome.STARTED);
    assertThat(run.fireAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    Job job = job(run.jobId());
    assertThat(job.blueprint()).isEqualTo("report");
    assertThat(job.initialData()).isEqualTo(Map.of("size", 3L));
    assertThat(job.attributes().toMap())
        .containsEntry("schedule_id", s.id())
        .containsEntry("fire_at", "2026-01-01T00:05:00Z")
        .containsKey("client");
    Schedule after = schedules.get(s.id()).orElseThrow();
    assertThat(after.runCount()).isEqualTo(1);
    assertThat(after.lastJobId()).isEqualTo(job.id());
    assertThat(after.nextRunAt()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
  }

  @Test
  void skipRecordsTheFireWhileThePreviousRunGoesOn() throws Exception {
    Schedule s = every5("skip", "all");
    at("2026-01-01T00:05:00Z");
    schedules.tick();
    at("2026-01-01T00:10:00Z");
    schedules.tick();
    assertThat(runs(s).get(0).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(runs(s).get(0).reason()).contains("still going");
    finishTheJobOf(runs(s).get(1));
    at("2026-01-01T00:15:00Z");
    schedules.tick();
    assertThat(runs(s).get(0).outcome()).isEqualTo(Outcome.STARTED);
    assertThat(schedules.successes(s.id())).isEqualTo(1);
  }

  @Test
  void queueStartsOneWaitingFireWhenThePreviousRunEnds() throws Exception {
    Schedule s = every5("queue", "all");
    at("2026-01-01T00:05:00Z");
    schedules.tick();
    at("2026-01-01T00:10:00Z");
    schedules.tick();
    at("2026-01-01T00:15:00Z");
    schedules.tick();
    assertThat(runs(s).stream().map(ScheduleRun::outcome))
        .containsExactly(Outcome.SKIPPED, Outcome.QUEUED, Outcome.STARTED);
    assertThat(schedules.tick()).isZero(); // the previous run still goes: nothing to do

    finishTheJobOf(runs(s).get(2));
    at("2026-01-01T00:16:00Z");
    assertThat(schedules.tick()).isEqualTo(1);
    ScheduleRun queued = runs(s).get(1);
    assertThat(queued.outcome()).isEqualTo(Outcome.STARTED);
    assertThat(queued.fireAt()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
    assertThat(queued.firedAt()).isEqualTo(Instant.parse("2026-01-01T00:16:00Z"));
    assertThat(job(queued.jobId()).status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
    assertThat(schedules.get(s.id()).orElseThrow().queuedFire()).isNull();
  }

  @Test
  void cancelPreviousCancelsTheRunningJobInTheSameTransaction() throws Exception {
    Schedule s = every5("cancel_previous", "all");
    at("2026-01-01T00:05:00Z");
    schedules.tick();
    Task leased = f.take("w1");
    at("2026-01-01T00:10:00Z");
    schedules.tick();
    assertThat(job(leased.jobId()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(f.cancelled).extracting(Task::id).containsExactly(leased.id());
    assertThat(job(runs(s).get(0).jobId()).status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
  }

  @Test
  void afterDowntimeAllCatchesUpEachFireUpToTheCap() {
    Schedule s = every5("allow", Map.of("policy", "all", "cap", 3L));
    at("2026-01-01T01:00:00Z");
    assertThat(schedules.tick()).isEqualTo(3);
    assertThat(runs(s).stream().map(r -> r.fireAt().toString()))
        .containsExactly("2026-01-01T01:00:00Z", "2026-01-01T00:55:00Z", "2026-01-01T00:50:00Z");
    assertThat(schedules.get(s.id()).orElseThrow().nextRunAt())
        .isEqualTo(Instant.parse("2026-01-01T01:05:00Z"));
  }

  @Test
  void afterDowntimeLastRunsOnlyTheMostRecentFire() {
    Schedule s = every5("allow", "last");
    at("2026-01-01T01:03:00Z");
    assertThat(schedules.tick()).isEqualTo(1);
    assertThat(runs(s).get(0).fireAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
  }

  @Test
  void afterDowntimeNoneDropsLateFiresButKeepsOnesWithinTheGrace() {
    Schedule s = every5("allow", Map.of("policy", "none", "grace_seconds", 60L));
    at("2026-01-01T01:02:00Z");
    assertThat(schedules.tick()).isZero();
    assertThat(schedules.get(s.id()).orElseThrow().nextRunAt())
        .isEqualTo(Instant.parse("2026-01-01T01:05:00Z"));
    at("2026-01-01T01:05:30Z");
    assertThat(schedules.tick()).isEqualTo(1);
  }

  @Test
  void aLocalTimeTheClockSkipsFiresOnceAtTheJumpInWarsaw() {
    at("2026-03-28T12:00:00Z");
    Schedule s =
        schedules.create(
            Map.of(
                "name",
                "early",
                "blueprint",
                "report",
                "daily_at",
                "02:30",
                "timezone",
                "Europe/Warsaw"));
    // 02:30 does not exist on 29 March 2026 in Warsaw: 02:00 CET jumps to 03:00 CEST.
    assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    at("2026-03-29T01:00:00Z");
    assertThat(schedules.tick()).isEqualTo(1);
    at("2026-03-29T02:00:00Z");
    assertThat(schedules.tick()).isZero();
    assertThat(schedules.get(s.id()).orElseThrow().nextRunAt())
        .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
  }

  @Test
  void aSkippedLocalTimeDoesNotFireUnderSkip() {
    at("2026-03-28T12:00:00Z");
    Schedule s =
        schedules.create(
            Map.of(
                "name",
                "early",
                "blueprint",
                "report",
                "daily_at",
                "02:30",
                "timezone",
                "Europe/Warsaw",
                "dst",
                "skip"));
    assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
  }

  @Test
  void aLocalTimeTheClockRepeatsFiresOnceInNewYork() {
    at("2026-10-31T12:00:00Z");
    Schedule s =
        schedules.create(
            Map.of(
                "name",
                "night",
                "blueprint",
                "report",
                "daily_at",
                "01:30",
                "timezone",
                "America/New_York",
                "overlap",
                "allow"));
    // 01:30 happens twice on 1 November 2026: at 05:30Z (EDT) and at 06:30Z (EST).
    assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    at("2026-11-01T05:30:00Z");
    assertThat(schedules.tick()).isEqualTo(1);
    at("2026-11-01T06:30:00Z");
    assertThat(schedules.tick()).isZero();
    assertThat(schedules.get(s.id()).orElseThrow().nextRunAt())
        .isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
  }

  @Test
  void pausedSchedulesDoNotFireAndResumeDoesNotCatchUp() {
    Schedule s = every5("allow", "all");
    schedules.pause(s.name());
    at("2026-01-01T00:20:00Z");
    assertThat(schedules.tick()).isZero();
    Schedule resumed = schedules.resume(s.id());
    assertThat(resumed.enabled()).isTrue();
    assertThat(resumed.nextRunAt()).isEqualTo(Instant.parse("2026-01-01T00:25:00Z"));
    assertThat(schedules.tick()).isZero();
    assertThat(runs(s)).isEmpty();
  }

  @Test
  void triggerStartsARunNowWithoutMovingTheTiming() {
    Schedule s = every5("skip", "all");
    at("2026-01-01T00:01:00Z");
    ScheduleRun run = schedules.trigger(s.name());
    assertThat(run.outcome()).isEqualTo(Outcome.TRIGGERED);
    assertThat(job(run.jobId()).blueprint()).isEqualTo("report");
    Schedule after = schedules.get(s.id()).orElseThrow();
    assertThat(after.runCount()).isEqualTo(1);
    assertThat(after.nextRunAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
  }

  @Test
  void previewListsTheNextFiresWithinStartAndEnd() {
    Schedule s =
        schedules.create(
            Map.of(
                "name",
                "bounded",
                "blueprint",
                "report",
                "interval_seconds",
                60L,
                "start_at",
                "2026-01-01T00:10:00Z",
                "end_at",
                "2026-01-01T00:12:30Z"));
    assertThat(schedules.preview(s.id(), 10).stream().map(Instant::toString))
        .containsExactly("2026-01-01T00:10:00Z", "2026-01-01T00:11:00Z", "2026-01-01T00:12:00Z");
    at("2026-01-01T00:09:00Z");
    assertThat(schedules.tick()).isZero();
    at("2026-01-01T00:12:00Z");
    assertThat(schedules.tick()).isEqualTo(3);
    assertThat(runs(s).stream().map(ScheduleRun::outcome))
        .containsExactly(Outcome.SKIPPED, Outcome.SKIPPED, Outcome.STARTED);
    assertThat(schedules.get(s.id()).orElseThrow().nextRunAt()).isNull();
  }

  @Test
  void updateReplacesTheTimingAndComputesTheNextFireAfresh() {
    Schedule s = every5("allow", "all");
    at("2026-01-01T00:02:00Z");
    Schedule changed = schedules.update(s.id(), Map.of("cron", "0 * * * *", "priority", 7L));
    assertThat(changed.nextRunAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
    assertThat(changed.definition().priority()).isEqualTo(7);
    assertThat(changed.definition().target().input()).isEqualTo(Map.of("size", 3L));
    assertThat(changed.version()).isEqualTo(2);
  }

  @Test
  void deleteRemovesTheScheduleAndItStopsFiring() {
    Schedule s = every5("allow", "all");
    schedules.delete(s.name());
    at("2026-01-01T00:05:00Z");
    assertThat(schedules.tick()).isZero();
    assertThat(schedules.get(s.id())).isEmpty();
    assertThatThrownBy(() -> schedules.delete(s.id()))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("Schedule not found");
  }

  @Test
  void badSchedulesAreRefusedWithTheKeyThatIsWrong() {
    assertInvalid(Map.of("name", "x", "blueprint", "report", "cron", "* * *"), "cron");
    assertInvalid(Map.of("name", "x", "blueprint", "report", "cron", "61 * * * *"), "minute");
    assertInvalid(Map.of("name", "x", "blueprint", "report", "cron", "0 0 30 2 *"), "never");
    assertInvalid(Map.of("name", "x", "cron", "0 * * * *"), "blueprint: required");
    assertInvalid(
        Map.of("name", "x", "blueprint", "nope", "cron", "0 * * * *"),
        "blueprint 'nope' is not registered");
    assertInvalid(
        Map.of("name", "x", "blueprint", "report", "once_at", "2020-01-01T00:00:00Z"), "never");
    assertInvalid(
        Map.of("name", "x", "blueprint", "report", "cron", "0 * * * *", "timezone", "Mars/Base"),
        "timezone");
    assertInvalid(
        Map.of("name", "x", "blueprint", "report", "cron", "0 * * * *", "overlap", "maybe"),
        "overlap");
    assertInvalid(Map.of("name", "x", "blueprint", "report"), "timing");
    every5("allow", "all");
    assertThatThrownBy(() -> every5("allow", "all"))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void fireTimesAreComputedFromTheTimingSoALateFireDoesNotDrift() {
    Schedule s =
        schedules.create(
            Map.of(
                "name",
                "tick",
                "blueprint",
                "report",
                "interval_seconds",
                10L,
                "overlap",
                "allow",
                "missed",
                "all"));
    assertThat(s.nextRunAt()).isEqualTo(T0); // an interval fires at its anchor: creation
    assertThat(schedules.tick()).isEqualTo(1);
    f.clock.advance(Duration.ofMillis(10_250)); // a pass that comes 250 ms late
    assertThat(schedules.tick()).isEqualTo(1);
    assertThat(schedules.get(s.id()).orElseThrow().nextRunAt()).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void anAffinityPinsTheJobsTasksToThatWorker() throws Exception {
    f.worker("w2", "work");
    schedules.create(
        Map.of("name", "pinned", "blueprint", "report", "cron", "*/5 * * * *", "affinity", "w2"));
    at("2026-01-01T00:05:00Z");
    assertThat(schedules.tick()).isEqualTo(1);
    assertThat(f.nothingFor("w1")).isTrue();
    Task t = f.take("w2");
    assertThat(t.workerId()).isEqualTo("w2");
    assertThat(job(t.jobId()).attributes().toMap()).containsEntry("affinity", "w2");
  }

  private void assertInvalid(Map<String, Object> body, String message) {
    assertThatThrownBy(() -> schedules.create(body))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((BatonException) e).reason())
        .isEqualTo(BatonException.Reason.INVALID);
  }
}
