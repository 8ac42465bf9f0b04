package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.schedule.Schedule;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The running scheduler writes a fire before its instant (so that committing a thousand of them is
 * done when the instant comes) and hands it out at the instant: before it, the job is stored but no
 * worker gets its task and no listener hears of it.
 */
class SchedulesAheadTest {
  static final Instant DUE = Instant.parse("2026-01-01T00:01:00Z");

  @Test
  void aFireIsWrittenAheadOfItsInstantAndHandedOutAtIt() throws Exception {
    ManualClock clock = new ManualClock(DUE.minusSeconds(60));
    InMemoryStore store = new InMemoryStore();
    List<Job> heard = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.builder(store).clock(clock).listener(heard::add).build()) {
      engine.register(
          Blueprint.builder("report")
              .start("make")
              .dispatch("make", TaskSpec.of("work", Map.of()), Map.of("success", "finished"))
              .build());
      engine.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("work")));
      Schedule s =
          engine
              .schedules()
              .create(
                  Map.of(
                      "name",
                      "minutely",
                      "blueprint",
                      "report",
                      "interval_seconds",
                      60,
                      "anchor",
                      DUE.toString()));
      // Within the scheduler's lead: its next round plans and writes the fire, then waits.
      clock.set(DUE.minusMillis(100));
      engine.start();
      engine.schedules().wake();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !engine.schedules().runs(s.id(), 10).isEmpty());
      assertThat(heard).isEmpty();
      assertThat(engine.poll("w1", 1, Duration.ZERO)).isEmpty();

      clock.set(DUE);
      await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 1);
      List<Task> got = engine.poll("w1", 1, Duration.ZERO);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).jobId()).isEqualTo(heard.get(0).id());
    }
  }
}
