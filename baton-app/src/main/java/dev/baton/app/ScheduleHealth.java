package dev.baton.app;

import dev.baton.engine.Engine;
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

/**
 * The schedules as the control loop sees them: the {@code schedules} snapshot section (counts, and
 * the schedules whose runs failed in the last hour) and the {@code pause_schedule} action its
 * default rules use on a schedule that keeps failing.
 */
final class ScheduleHealth {
  /** Failed runs read per cycle, across every schedule. */
  private static final int FAILED = 1000;

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
    // One query for the hour's failures of every schedule, newest first, grouped by schedule.
    Map<String, List<ScheduleRun>> failed = new LinkedHashMap<>();
    for (ScheduleRun r : engine.schedules().failedRuns(now.minus(Duration.ofHours(1)), FAILED)) {
      failed.computeIfAbsent(r.scheduleId(), k -> new ArrayList<>()).add(r);
    }
    List<Map<String, Object>> failing = new ArrayList<>();
    long enabled = 0;
    for (Schedule s : all) {
      if (!s.enabled()) {
        continue;
      }
      enabled++;
      List<ScheduleRun> runs = failed.getOrDefault(s.id(), List.of());
      if (!runs.isEmpty()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", s.name());
        f.put("failures_1h", runs.size());
        f.put("last_error", failure(runs.get(0)));
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

  /** Why a failed run failed: it could not start, or its job failed or was quarantined. */
  private String failure(ScheduleRun r) {
    if (r.outcome() == ScheduleRun.Outcome.FAILED || r.jobId() == null) {
      return String.valueOf(r.reason());
    }
    return engine
        .job(r.jobId())
        .map(j -> j.errorMessage() == null ? j.status().wireName() : j.errorMessage())
        .orElse("job " + r.jobId() + " is gone");
  }
}
