package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An HTTP worker's long-poll held to the limits per task type, which robots are held to too. */
class TypeLimitsTest {
  final ManualClock clock = new ManualClock();
  final InMemoryStore store = new InMemoryStore();

  Engine engine(TypeLimits limits) {
    Engine e = Engine.builder(store).clock(clock).typeLimits(limits).build();
    for (String type : List.of("render", "mail")) {
      e.register(
          Blueprint.builder(type)
              .start("run")
              .dispatch("run", TaskSpec.of(type, Map.of()), Map.of("success", "finished"))
              .build());
    }
    e.registerWorker(Map.of("worker_id", "w", "supported_tasks", List.of("render", "mail")));
    return e;
  }

  List<Task> poll(Engine e) throws InterruptedException {
    return e.poll("w", 8, Duration.ZERO);
  }

  @Test
  void aTypeAtItsConcurrencyLimitWaitsUntilOneOfItsTasksEnds() throws Exception {
    Engine e = engine(new TypeLimits(Map.of("render", 2), Map.of()));
    for (int i = 0; i < 3; i++) {
      e.createJob(NewJob.of("render", Map.of()));
    }
    List<Task> running = new ArrayList<>();
    running.addAll(poll(e));
    running.addAll(poll(e));
    assertThat(running).hasSize(2); // one at a time while a limited type is in the claim
    assertThat(poll(e)).isEmpty();
    assertThat(e.typeRoom(java.util.Set.of("render"))).containsEntry("render", 0L);

    e.complete(running.get(0).id(), "w", TaskResult.success(Map.of()));
    assertThat(poll(e)).hasSize(1);
  }

  @Test
  void aTypeWithoutALimitIsClaimedAsBeforeBesideALimitedOne() throws Exception {
    Engine e = engine(new TypeLimits(Map.of("render", 1), Map.of()));
    e.createJob(NewJob.of("render", Map.of()));
    for (int i = 0; i < 3; i++) {
      e.createJob(NewJob.of("mail", Map.of()));
    }
    // The oldest task first, one at a time while the limited type is in the claim.
    assertThat(poll(e)).extracting(Task::type).containsExactly("render");
    // Render is at its limit and left out: the rest, all unlimited, come as many as asked for.
    assertThat(poll(e)).extracting(Task::type).containsExactly("mail", "mail", "mail");
  }

  @Test
  void aSpentRateHoldsTheTypeUntilTheNextWindowAndUsesNoAttempt() throws Exception {
    Engine e =
        engine(
            new TypeLimits(
                Map.of(), Map.of("mail", new TypeLimits.Rate(2, Duration.ofMinutes(1)))));
    for (int i = 0; i < 3; i++) {
      e.createJob(NewJob.of("mail", Map.of()));
    }
    assertThat(poll(e)).hasSize(1);
    assertThat(poll(e)).hasSize(1);
    assertThat(poll(e)).isEmpty(); // claimed, found the rate spent, handed back at once
    assertThat(poll(e)).isEmpty(); // skipped for the rest of the window

    clock.advance(Duration.ofMinutes(1));
    List<Task> next = poll(e);
    assertThat(next).hasSize(1);
    assertThat(next.get(0).attempt()).isEqualTo(1);
  }

  @Test
  void aLimitNeedsAtLeastOneRunningTaskAndARateAtLeastOneASecond() {
    assertThatThrownBy(() -> new TypeLimits(Map.of("render", 0), Map.of()))
        .hasMessageContaining("render has 0");
    assertThatThrownBy(() -> new TypeLimits.Rate(1, Duration.ofMillis(10)))
        .hasMessageContaining("at least 1 s");
  }
}
