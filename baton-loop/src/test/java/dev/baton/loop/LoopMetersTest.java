package dev.baton.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.TaskSpec;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stuck job found and repaired shows in the loop's meters, as do cycle time and health. */
class LoopMetersTest {
  final ManualClock clock = new ManualClock();
  final InMemoryStore store = new InMemoryStore();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void aStuckJobRepairedCountsItsDecisionItsActionAndTheCycle() {
    Engine engine = Engine.builder(store).clock(clock).build();
    engine.register(
        Blueprint.builder("work")
            .start("do")
            .dispatch("do", TaskSpec.of("rare", Map.of()), Map.of("success", "finished"))
            .build());
    Job job = engine.createJob(NewJob.of("work", Map.of()));
    ControlLoop loop =
        ControlLoop.builder(engine, store.ledger()).clock(clock).meters(registry).build();

    assertThat(decisions("quarantine_stuck_jobs")).as("registered before it fires").isZero();
    assertThat(health()).as("no cycle yet").isNaN();
    engine.registerWorker(Map.of("worker_id", "other", "supported_tasks", List.of("common")));
    double idle = score(loop.runOnce());
    assertThat(health()).isEqualTo(idle);
    assertThat(decisions("quarantine_stuck_jobs")).isZero();

    clock.advance(Duration.ofMinutes(61));
    double stuck = score(loop.runOnce());
    assertThat(stuck).as("a stuck job costs health").isNotEqualTo(idle);
    assertThat(health()).isEqualTo(stuck);

    assertThat(engine.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUARANTINED);
    assertThat(decisions("quarantine_stuck_jobs")).isEqualTo(1.0);
    assertThat(actions("quarantine_stuck_jobs", "succeeded")).isEqualTo(1.0);
    assertThat(actions("quarantine_stuck_jobs", "failed")).isZero();
    assertThat(registry.get("baton.loop.cycle").tag("outcome", "ok").timer().count()).isEqualTo(2);
  }

  private static double score(Cycle c) {
    return ((Number) c.assessment().system().get("health_score")).doubleValue();
  }

  private double decisions(String rule) {
    return registry.get("baton.loop.decisions").tag("rule", rule).counter().count();
  }

  private double actions(String action, String outcome) {
    return registry
        .get("baton.loop.actions")
        .tag("action", action)
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private double health() {
    return registry.get("baton.loop.health.score").gauge().value();
  }
}
