package dev.baton.app;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.loop.LoopAction;
import dev.baton.loop.SnapshotSource;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The schedules as the control loop sees them: the {@code schedules} snapshot section (counts, and
 * the schedules whose runs failed in the last hour) and the {@code pause_schedule} action its
 * default rules use on a schedule that keeps failing.
 */
final class ScheduleHealth {
  /** Runs looked at per schedule: an hour of a schedule firing every minute, and more. */
  private static final int RUNS = 100;

  private final Engine engine;

  ScheduleHealth(Engine engine) {
    this.engine = engine;
  }

  SnapshotSource section() {
    return SnapshotSource.of("schedules", this::read);
  }

  LoopAction pause() {
    return LoopAction.of(
        "pause_schedule",
        request -> {
          String name = request.text("name", "");
          Schedule paused = engine.schedules().pause(name);
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("paused", paused.name());
          out.put("schedule_id", paused.id());
          out.put("reason", request.text("reason", ""));
          return out;
        });
  }

  private Map<String, ?> read(Instant now) {
    List<Schedule> all = engine.schedules().list();
    Instant hourAgo = now.minus(Duration.ofHours(1));
    List<Map<String, Object>> failing = new ArrayList<>();
    long enabled = 0;
    for (Schedule s : all) {
      if (!s.enabled()) {
        continue;
      }
      enabled++;
      int failures = 0;
      @Nullable String lastError = null;
      for (ScheduleRun r : engine.schedules().runs(s.id(), RUNS)) {
        if (r.fireAt().isBefore(hourAgo)) {
          break; // newest first
        }
        String error = failure(r);
        if (error != null) {
          failures++;
          lastError = lastError == null ? error : lastError;
        }
      }
      if (failures > 0) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", s.name());
        f.put("failures_1h", failures);
        f.put("last_error", lastError);
        failing.add(f);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", all.size());
    out.put("enabled", enabled);
    out.put("paused", all.size() - enabled);
    out.put("failing", failing);
    return out;
  }

  /** Why a run failed: it could not start, or its job failed or was quarantined; else null. */
  private @Nullable String failure(ScheduleRun r) {
    if (r.outcome() == ScheduleRun.Outcome.FAILED) {
      return String.valueOf(r.reason());
    }
    if (r.jobId() == null) {
      return null;
    }
    Job job = engine.job(r.jobId()).orElse(null);
    if (job != null
        && (job.status() == JobStatus.FAILED || job.status() == JobStatus.QUARANTINED)) {
      return job.errorMessage() == null ? job.status().wireName() : job.errorMessage();
    }
    return null;
  }
}
