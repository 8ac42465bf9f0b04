package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.job.Job;
import dev.baton.job.JobClient;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.server.events.Channel;
import dev.baton.server.events.EventHub;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Feeds the hub from the engine: every committed job change on {@code jobs} (the engine tells its
 * listeners after the commit, never for a step that lost its race), every schedule fire on {@code
 * schedules} (its observer, likewise after the commit), and workers' progress on {@code
 * progress:<job_id>}. The engine tells only the node that committed, so each event also goes to the
 * other nodes of a cluster ({@link dev.baton.server.events.EventRelay}).
 */
public final class EngineEvents {
  private final EventHub hub;

  private EngineEvents(EventHub hub) {
    this.hub = hub;
  }

  public static EngineEvents attach(Engine engine, EventHub hub) {
    EngineEvents events = new EngineEvents(hub);
    engine.addListener(events::jobChanged);
    engine.addObserver(
        new EngineObserver() {
          @Override
          public void scheduleRan(Schedule schedule, ScheduleRun run) {
            events.scheduleRan(schedule, run);
          }
        });
    return events;
  }

  /**
   * A job event holds what a subscriber tells a job's change by: its id, blueprint, state and
   * status, and its error once it has one. Not its {@code updated_at} (the event's {@code at} is
   * that moment) nor a null error: each event goes to every subscriber, so its bytes are paid a few
   * hundred times over (200 subscribers of every job event cost about a quarter of the throughput
   * on two cores, and most of it grows with the bytes).
   */
  private void jobChanged(Job j) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("blueprint", j.blueprint());
    m.put("state", j.state());
    m.put("status", j.status().wireName());
    if (j.errorMessage() != null) {
      m.put("error_message", j.errorMessage());
    }
    hub.publishToCluster(Channel.JOBS.wireName(), "job." + j.status().wireName(), owner(j), m);
  }

  private void scheduleRan(Schedule s, ScheduleRun run) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("fire_at", Views.iso(run.fireAt()));
    m.put("fired_at", Views.iso(run.firedAt()));
    m.put("outcome", run.outcome().wireName());
    m.put("job_id", run.jobId());
    m.put("reason", run.reason());
    m.put("next_run_at", Views.iso(s.nextRunAt()));
    hub.publishToCluster(
        Channel.SCHEDULES.wireName(), "schedule." + run.outcome().wireName(), null, m);
  }

  /** A worker's progress for an open job (the worker routes checked it). */
  void progress(Job j, Progress p) {
    Map<String, @Nullable Object> m = Views.progress(p);
    m.put("job_id", j.id());
    hub.publishToCluster(Channel.progressOf(j.id()), "job.progress", owner(j), m);
  }

  static @Nullable String owner(Job j) {
    JobClient c = j.attributes().client();
    return c == null ? null : c.name();
  }
}
