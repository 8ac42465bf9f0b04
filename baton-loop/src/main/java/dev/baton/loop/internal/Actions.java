package dev.baton.loop.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.loop.ActionRequest;
import dev.baton.loop.LoopAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The actions Baton brings for itself: they act on the engine through its public verbs. */
public final class Actions {
  private Actions() {}

  public static List<LoopAction> builtIn(Engine engine, Clock clock, Alert alert) {
    return List.of(
        LoopAction.of("quarantine_stuck_jobs", r -> quarantine(engine, clock, r)),
        LoopAction.of("requeue_dead_worker_tasks", r -> requeue(engine, r)),
        LoopAction.of("alert", alert::send));
  }

  /**
   * Quarantines the jobs of {@code job_ids} that still have not moved for {@code
   * older_than_minutes} (read again: a job that moved since the snapshot is left alone).
   */
  static Map<String, ?> quarantine(Engine engine, Clock clock, ActionRequest r) {
    long minutes = r.number("older_than_minutes", 60);
    String reason = r.text("reason", "no progress for " + minutes + " minutes");
    Instant cutoff = clock.instant().minus(Duration.ofMinutes(minutes));
    List<String> done = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String id : r.texts("job_ids")) {
      Job j = engine.job(id).orElse(null);
      if (j == null || j.status().isTerminal() || !j.updatedAt().isBefore(cutoff)) {
        skipped.add(id);
        continue;
      }
      try {
        engine.quarantine(id, "control loop: " + reason);
        done.add(id);
      } catch (BatonException e) {
        skipped.add(id); // it ended or moved meanwhile
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("quarantined", done);
    out.put("skipped", skipped);
    return out;
  }

  /** Takes back the tasks the dead workers of {@code worker_ids} still hold. */
  static Map<String, ?> requeue(Engine engine, ActionRequest r) {
    Map<String, Object> released = new LinkedHashMap<>();
    for (String id : r.texts("worker_ids")) {
      try {
        released.put(id, (long) engine.releaseDeadWorker(id));
      } catch (BatonException e) {
        released.put(id, e.getMessage()); // came back to life, or unknown: left alone
      }
    }
    return Map.of("released", released);
  }
}
