package dev.baton.scenarios.internal.action;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import dev.baton.scenarios.condition.Conditions;
import dev.baton.scenarios.condition.Situation;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Supplier;

/** What actions work with, shared by every run: the components, the engine, the outside world. */
public record Facilities(
    Components components,
    Conditions conditions,
    OrchestratorConfig config,
    Engine engine,
    Starter starter,
    Supplier<Map<String, Object>> snapshot,
    Clock clock,
    HttpCall http,
    Notifications notifications) {

  /** Starts another scenario's run for {@code execute_scenario}; returns its job id. */
  @FunctionalInterface
  public interface Starter {
    String start(String scenario, Map<String, Object> trigger) throws ActionFailure;
  }

  /** A component never heard from counts as UNKNOWN. */
  String stateOf(String name) {
    return components.status(name).map(ComponentStatus::shownState).orElse("UNKNOWN");
  }

  /** What a condition sees now, with the run's context to extract into. */
  Situation situation(Map<String, Object> context) {
    return new Situation(
        components.statuses(),
        ZonedDateTime.now(clock.withZone(config.zone())),
        snapshot.get(),
        context);
  }

  /** Waits for a job to end; anything but finished fails the action. */
  Job awaitJob(String id, Duration timeout, String what) throws ActionFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Job j =
          engine.job(id).orElseThrow(() -> new ActionFailure(what + ": job " + id + " vanished"));
      if (j.status().isTerminal()) {
        if (!j.status().wireName().equals("finished")) {
          throw new ActionFailure(
              what
                  + ": job "
                  + id
                  + " ended "
                  + j.status().wireName()
                  + (j.errorMessage() == null ? "" : ": " + j.errorMessage())
                  + (j.data().get("error") == null ? "" : ": " + j.data().get("error")));
        }
        return j;
      }
      if (System.nanoTime() >= deadline) {
        throw new ActionFailure(what + ": job " + id + " did not end within " + timeout);
      }
      try {
        Thread.sleep(Math.min(200, config.waitPollInterval().toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailure(what + ": interrupted");
      }
    }
  }
}
