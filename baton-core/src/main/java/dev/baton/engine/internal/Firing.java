package dev.baton.engine.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.ScheduleFire;
import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.CalendarShift;
import dev.baton.schedule.FireTimes;
import dev.baton.schedule.Overlap;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.schedule.ScheduleRun;
import dev.baton.schedule.ScheduleRun.Outcome;
import dev.baton.store.CalendarStore;
import dev.baton.store.Change;
import dev.baton.store.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler pass over one schedule, as one plan: the fires that are due, what the overlap
 * policy makes of each, the jobs they start (or the previous run they cancel), the runs recorded
 * and the schedule's new state. The schedule is written under its version guard, so when several
 * Baton processes plan the same fire only one commit applies; the others change nothing.
 */
public final class Firing {
  private static final Logger log = LoggerFactory.getLogger(Firing.class);
  private final JobStore store;
  private final Advance advance;
  private final Interventions interventions;
  private final Function<ScheduleDefinition.Target, Target> targets;
  private final CalendarStore calendars;

  /** A target as the engine can start it, or why it cannot. */
  public sealed interface Target {
    record Startable(Blueprint blueprint, Map<String, Object> input) implements Target {}

    record Missing(String reason) implements Target {}
  }

  public Firing(
      JobStore store,
      Advance advance,
      Interventions interventions,
      Function<ScheduleDefinition.Target, Target> targets,
      CalendarStore calendars) {
    this.store = store;
    this.calendars = calendars;
    this.advance = advance;
    this.interventions = interventions;
    this.targets = targets;
  }

  /**
   * Plans the pass for {@code s} at the plan's time.
   *
   * @return the runs recorded; empty, with nothing planned, when there was nothing to do
   */
  public List<ScheduleRun> pass(Schedule s, Plan plan) {
    Instant now = plan.now;
    ScheduleDefinition def = s.definition();
    @Nullable CalendarShift shift = shift(def);
    List<Instant> fires = dueFires(s, shift, now);
    // Only an overlap policy or a waiting fire needs the previous run: ALLOW fires read nothing.
    boolean needsPrevious = def.overlap() != Overlap.ALLOW || s.queuedFire() != null;
    @Nullable Job previous =
        !needsPrevious || s.lastJobId() == null ? null : store.job(s.lastJobId()).orElse(null);
    boolean running = previous != null && !previous.status().isTerminal();
    boolean queuedCanStart = s.queuedFire() != null && !running;
    if (fires.isEmpty()
        && !queuedCanStart
        && (s.nextRunAt() == null || s.nextRunAt().isAfter(now))) {
      return List.of(); // a queued fire whose previous run still goes: nothing to write
    }
    if (s.nextRunAt() != null
        && !s.nextRunAt().isAfter(now)
        && (fires.isEmpty() || fires.get(0).isAfter(s.nextRunAt()))) {
      plan.observe(o -> o.firesMissed(s)); // the policy dropped the fire that was due
    }
    List<ScheduleRun> runs = new ArrayList<>();
    @Nullable String lastJob = s.lastJobId();
    @Nullable Instant lastRun = s.lastRunAt();
    @Nullable Instant queued = s.queuedFire();
    long count = s.runCount();
    if (queued != null && !running) {
      ScheduleRun run = start(s, queued, now, Outcome.STARTED, plan);
      plan.also(new Change.UpdateScheduleRun(run));
      plan.observe(o -> o.scheduleRan(s, run));
      runs.add(run);
      queued = null;
      if (run.jobId() != null) {
        lastJob = run.jobId();
        lastRun = now;
        count++;
        running = true;
      }
    }
    for (int i = 0; i < fires.size(); i++) {
      Instant fire = fires.get(i);
      boolean laterFireNow = i < fires.size() - 1;
      ScheduleRun run;
      if (!running || def.overlap() == Overlap.ALLOW) {
        run = start(s, fire, now, Outcome.STARTED, plan);
      } else {
        String still = "the previous run (job " + lastJob + ") is still going";
        run =
            switch (def.overlap()) {
              case SKIP -> skipped(s, fire, now, still);
              case QUEUE -> {
                if (queued != null) {
                  yield skipped(s, fire, now, still + " and a fire already waits for it");
                }
                queued = fire;
                yield new ScheduleRun(s.id(), fire, now, Outcome.QUEUED, null, still);
              }
              case CANCEL_PREVIOUS -> {
                if (laterFireNow) {
                  // Of fires caught up in one pass only the last would survive: start just that.
                  yield skipped(
                      s, fire, now, "superseded by a later fire caught up in the same pass");
                }
                Job current = previous != null && previous.id().equals(lastJob) ? previous : null;
                if (current != null) {
                  interventions.cancel(current, plan);
                } else if (lastJob != null) {
                  store
                      .job(lastJob)
                      .filter(j -> !j.status().isTerminal())
                      .ifPresent(j -> interventions.cancel(j, plan));
                }
                yield start(s, fire, now, Outcome.STARTED, plan);
              }
              case ALLOW -> throw new IllegalStateException("handled above");
            };
      }
      plan.also(new Change.InsertScheduleRun(run));
      ScheduleRun fired = run;
      plan.observe(o -> o.scheduleRan(s, fired));
      runs.add(run);
      if (run.jobId() != null) {
        lastJob = run.jobId();
        lastRun = now;
        count++;
        running = true;
      }
    }
    Instant since = now.isAfter(s.since()) ? now : s.since();
    plan.also(
        new Change.AdvanceSchedule(
            s.next(def, since, nextFire(def, shift, since), lastRun, lastJob, count, queued, now)));
    return runs;
  }

  /** A run started by hand, outside the timing and its overlap policy. */
  public ScheduleRun trigger(Schedule s, Plan plan) {
    Instant now = plan.now;
    ScheduleRun run = start(s, now, now, Outcome.TRIGGERED, plan);
    plan.also(new Change.InsertScheduleRun(run));
    plan.observe(o -> o.scheduleRan(s, run));
    plan.also(
        new Change.AdvanceSchedule(
            s.next(
                s.definition(),
                s.since(),
                s.nextRunAt(),
                run.jobId() == null ? s.lastRunAt() : now,
                run.jobId() == null ? s.lastJobId() : run.jobId(),
                s.runCount() + (run.jobId() == null ? 0 : 1),
                s.queuedFire(),
                now)));
    return run;
  }

  /**
   * The schedule's calendar and policy, or null when it names none or its calendar is gone. A
   * schedule whose calendar is gone fires by its timing alone: deleting a calendar that a schedule
   * names is refused, so only a race with that check gets here, and a fire is not lost for it.
   */
  public @Nullable CalendarShift shift(ScheduleDefinition def) {
    ScheduleDefinition.CalendarRef ref = def.calendar();
    if (ref == null) {
      return null;
    }
    Optional<BusinessCalendar> calendar = calendars.calendar(ref.name());
    if (calendar.isEmpty()) {
      log.warn(
          "schedule '{}' names calendar '{}', which does not exist: it fires by its timing alone",
          def.name(),
          ref.name());
      return null;
    }
    return new CalendarShift(calendar.get(), ref.policy());
  }

  /** The fires in {@code (since, now]} the missed-fire policy keeps, within start and end. */
  private static List<Instant> dueFires(Schedule s, @Nullable CalendarShift shift, Instant now) {
    ScheduleDefinition def = s.definition();
    if (s.nextRunAt() == null || s.nextRunAt().isAfter(now)) {
      return List.of();
    }
    return FireTimes.due(def.timing(), def.zone(), def.dst(), shift, s.since(), now, def.missed())
        .stream()
        .filter(t -> def.startAt() == null || !t.isBefore(def.startAt()))
        .filter(t -> def.endAt() == null || !t.isAfter(def.endAt()))
        .toList();
  }

  /** The first fire after {@code after} within the schedule's start and end, or null. */
  public static @Nullable Instant nextFire(
      ScheduleDefinition def, @Nullable CalendarShift shift, Instant after) {
    Instant from =
        def.startAt() != null && def.startAt().isAfter(after)
            ? def.startAt().minusMillis(1)
            : after;
    Optional<Instant> next = FireTimes.next(def.timing(), def.zone(), from, def.dst(), shift);
    return next.filter(t -> def.endAt() == null || !t.isAfter(def.endAt())).orElse(null);
  }

  private ScheduleRun start(Schedule s, Instant fire, Instant now, Outcome outcome, Plan plan) {
    ScheduleDefinition def = s.definition();
    return switch (targets.apply(def.target())) {
      case Target.Missing m -> new ScheduleRun(s.id(), fire, now, Outcome.FAILED, null, m.reason());
      case Target.Startable t -> {
        JobAttributes attributes =
            JobAttributes.NONE
                .withSchedule(new ScheduleFire(s.id(), s.name(), fire))
                .withClient(JobClient.scheduler(s.name(), s.owner()));
        if (def.affinity() != null) {
          attributes = attributes.withAffinity(def.affinity());
        }
        String job =
            advance.create(
                t.blueprint(),
                t.input(),
                def.priority(),
                attributes,
                plan,
                "started by schedule '" + s.name() + "' for " + fire);
        yield new ScheduleRun(s.id(), fire, now, outcome, job, null);
      }
    };
  }

  private static ScheduleRun skipped(Schedule s, Instant fire, Instant now, String reason) {
    return new ScheduleRun(s.id(), fire, now, Outcome.SKIPPED, null, reason);
  }
}
