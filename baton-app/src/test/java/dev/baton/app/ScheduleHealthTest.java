package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.loop.ActionRequest;
import dev.baton.loop.Decision;
import dev.baton.schedule.ScheduleRun;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules in the control loop, and schedules that start scenarios. */
class ScheduleHealthTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  ManualClock clock = new ManualClock(T0);
  Engine engine;

  @BeforeEach
  void setUp() {
    engine =
        Engine.builder(new InMemoryStore())
            .clock(clock)
            .scenarios((name, trigger) ->
                name.equals("restart_all")
                    ? Optional.of(NewJob.of("report", Map.of("scenario", name, "trigger", trigger)))
                    : Optional.empty())
            .build();
    engine.register(
        Blueprint.builder("report")
            .start("go")
            .dispatch("go", TaskSpec.of("work", Map.of()), Map.of("success", "finished"))
            .build());
    engine.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("work")));
  }

  @Test
  void aScheduleKeepsFailingAndTheLoopSeesItAndPausesIt() throws Exception {
    engine
        .schedules()
        .create(Map.of("name", "flaky", "blueprint", "report", "interval_seconds", 60));
    for (int i = 0; i < 3; i++) {
      engine.schedules().tick();
      Task t = engine.poll("w1", 1, Duration.ZERO).get(0);
      engine.complete(
          t.id(), "w1", TaskResult.failure(new TaskError(ErrorCode.PERMANENT_ERROR, "disk full")));
      clock.advance(Duration.ofSeconds(60));
    }
    ScheduleHealth health = new ScheduleHealth(engine);
    Map<String, ?> section = health.section().read(clock.instant());
    assertThat(section.get("enabled")).isEqualTo(1L);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> failing = (List<Map<String, Object>>) section.get("failing");
    assertThat(failing).hasSize(1);
    assertThat(failing.get(0)).containsEntry("name", "flaky").containsEntry("failures_1h", 3);
    assertThat((String) failing.get(0).get("last_error")).contains("disk full");

    Map<String, ?> done =
        health
            .pause()
            .run(
                new ActionRequest(
                    new Decision(
                        "pause_failing_schedule",
                        "pause_schedule",
                        7,
                        "keeps failing",
                        Map.of("name", "flaky", "reason", "failed 3 times"),
                        Map.of(),
                        null),
                    Map.of()));
    assertThat(done.get("paused")).isEqualTo("flaky");
    assertThat(engine.schedules().get("flaky").orElseThrow().enabled()).isFalse();
  }

  @Test
  void aScheduleStartsAScenarioRunWithTheScheduleAsItsTrigger() {
    engine
        .schedules()
        .create(
            Map.of(
                "name",
                "nightly-restart",
                "scenario",
                "restart_all",
                "input_data",
                Map.of("why", "nightly"),
                "daily_at",
                "03:00"));
    clock.set(Instant.parse("2026-11-22T03:00:00Z"));
    assertThat(engine.schedules().tick()).isEqualTo(1);
    ScheduleRun run = engine.schedules().runs("nightly-restart", 1).get(0);
    Job job = engine.job(run.jobId()).orElseThrow();
    assertThat(job.initialData())
        .containsEntry("scenario", "restart_all")
        .containsEntry("trigger", Map.of("source", "schedule", "data", Map.of("why", "nightly")));
    assertThat(job.attributes().toMap()).containsEntry("schedule", "nightly-restart");
  }

  @Test
  void aScheduleOfAnUnknownScenarioIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            engine.schedules().create(Map.of("name", "x", "scenario", "nope", "daily_at", "03:00")))
        .hasMessageContaining("scenario 'nope' is not known");
  }
}
