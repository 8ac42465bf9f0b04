package dev.baton.engine;

import dev.baton.engine.internal.Firing;
import dev.baton.engine.internal.Scheduler;
import dev.baton.engine.internal.Transactions;
import dev.baton.job.JobStatus;
import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.CalendarPolicy;
import dev.baton.schedule.CalendarShift;
import dev.baton.schedule.FireTimes;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.schedule.ScheduleRun;
import dev.baton.schedule.Timing;
import dev.baton.schedule.TimingMaps;
import dev.baton.store.CalendarStore;
import dev.baton.store.Change;
import dev.baton.store.Commits;
import dev.baton.store.ScheduleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's schedules: create, change, pause, resume, delete, trigger and preview them; the
 * {@link Scheduler} fires them.
 *
 * <p>Firing is claimed in the store, not by a timer in one process: each pass reads the due
 * schedules, plans every fire (its job, its run record, the schedule's next fire) and commits each
 * schedule's plan under a guard on the schedule's version. When several Baton processes share one
 * database they all plan the same fire; one commit applies and the others change nothing, so a fire
 * starts exactly one job, and a restart neither loses nor repeats one (the fire and the schedule's
 * new state are one transaction).
 */
public final class Schedules implements AutoCloseable {
  /** The longest the scheduler sleeps without looking at the store. */
  public static final Duration REFRESH = Scheduler.REFRESH;

  private final ScheduleStore store;
  private final Commits commits;
  private final Clock clock;
  private final Transactions tx;
  private final Firing firing;
  private final Scheduler scheduler;
  private final Supplier<String> ids;
  private final ZoneId defaultZone;
  private final Function<ScheduleDefinition.Target, Firing.Target> targets;
  private final CalendarStore calendars;

  Schedules(
      ScheduleStore store,
      CalendarStore calendars,
      Commits commits,
      Clock clock,
      Transactions tx,
      Firing firing,
      Supplier<String> ids,
      ZoneId defaultZone,
      Function<ScheduleDefinition.Target, Firing.Target> targets) {
    this.store = store;
    this.calendars = calendars;
    this.commits = commits;
    this.clock = clock;
    this.tx = tx;
    this.firing = firing;
    this.scheduler = new Scheduler(store, clock, tx, firing);
    this.ids = ids;
    this.defaultZone = defaultZone;
    this.targets = targets;
  }

  // ---- operations

  /**
   * Creates a schedule from its definition (see {@link ScheduleDefinition#parse}).
   *
   * @throws BatonException INVALID naming the key that is wrong, or when the schedule would never
   *     fire or its target is unknown; CONFLICT when the name is taken
   */
  public Schedule create(Map<String, ?> body) {
    return create(body, null);
  }

  /**
   * Creates a schedule that belongs to {@code owner} (a client's name; null for none), as {@link
   * #create(Map)}.
   */
  public Schedule create(Map<String, ?> body, @Nullable String owner) {
    Instant now = clock.instant();
    ScheduleDefinition def = parse(null, body, now);
    return insert(ids.get(), def, now, owner);
  }

  /** Creates a schedule from a definition already read. */
  public Schedule create(ScheduleDefinition def, Instant now) {
    return insert(ids.get(), def, now, null);
  }

  /**
   * A schedule, and whether this call created it (false: it was there, made by an earlier call).
   */
  public record Created(Schedule schedule, boolean created) {}

  /**
   * Creates the schedule with the given id unless it exists: a retried request (the same id, made
   * from its idempotency key) gets the schedule the first one made, and creates nothing. Of two
   * racing calls one creates and the other gets that one's schedule.
   *
   * @throws BatonException as {@link #create(Map)}, for a schedule not made before
   */
  public Created createOnce(String id, Map<String, ?> body, @Nullable String owner) {
    Optional<Schedule> made = store.schedule(id);
    if (made.isPresent()) {
      return new Created(made.get(), false);
    }
    Instant now = clock.instant();
    ScheduleDefinition def = parse(null, body, now);
    try {
      return new Created(insert(id, def, now, owner), true);
    } catch (BatonException e) {
      // A racing call may have inserted it between the read and the insert.
      Optional<Schedule> raced = store.schedule(id);
      if (raced.isPresent()) {
        return new Created(raced.get(), false);
      }
      throw e;
    }
  }

  private Schedule insert(String id, ScheduleDefinition def, Instant now, @Nullable String owner) {
    Instant since = sinceFor(def, now);
    Instant first = validate(def, since);
    if (store.scheduleByName(def.name()).isPresent()) {
      throw BatonException.conflict("a schedule named '" + def.name() + "' already exists");
    }
    Schedule s = new Schedule(id, def, since, first, null, null, 0, null, now, now, 1, owner);
    if (!commits.commit(Change.builder().add(new Change.InsertSchedule(s)).build())) {
      throw BatonException.conflict("a schedule named '" + def.name() + "' already exists");
    }
    wake();
    return s;
  }

  /**
   * Changes a schedule: the keys given replace the stored ones (the timing and the target as a
   * whole). The next fire is computed afresh from now: fires that the old timing owed are not
   * caught up.
   */
  public Schedule update(String idOrName, Map<String, ?> changes) {
    return edit(
        idOrName,
        s -> {
          Map<String, Object> merged = merge(s.definition().toMap(), changes);
          Instant now = clock.instant();
          ScheduleDefinition def = parse(s.name(), merged, now);
          if (!def.name().equals(s.name()) && store.scheduleByName(def.name()).isPresent()) {
            throw BatonException.conflict("a schedule named '" + def.name() + "' already exists");
          }
          Instant since = sinceFor(def, now);
          Instant first = validate(def, since);
          return s.next(
              def, since, first, s.lastRunAt(), s.lastJobId(), s.runCount(), s.queuedFire(), now);
        });
  }

  /** Stops firing; fires that fall while paused are not caught up on resume. */
  public Schedule pause(String idOrName) {
    return edit(
        idOrName,
        s ->
            s.next(
                s.definition().withEnabled(false),
                s.since(),
                s.nextRunAt(),
                s.lastRunAt(),
                s.lastJobId(),
                s.runCount(),
                null,
                clock.instant()));
  }

  /** Fires again from now on. */
  public Schedule resume(String idOrName) {
    return edit(
        idOrName,
        s -> {
          Instant now = clock.instant();
          ScheduleDefinition def = s.definition().withEnabled(true);
          return s.next(
              def,
              now,
              Firing.nextFire(def, firing.shift(def), now),
              s.lastRunAt(),
              s.lastJobId(),
              s.runCount(),
              null,
              now);
        });
  }

  public void delete(String idOrName) {
    Schedule s = require(idOrName);
    if (!commits.commit(
        Change.builder().add(new Change.DeleteSchedule(s.id(), s.version())).build())) {
      throw BatonException.conflict("schedule '" + s.name() + "' changed meanwhile; try again");
    }
  }

  /** Starts a run now, outside the timing and the overlap policy. */
  public ScheduleRun trigger(String idOrName) {
    Schedule s = require(idOrName);
    List<Optional<ScheduleRun>> out = tx.tryAll(List.of(plan -> firing.trigger(s, plan)));
    return out.get(0)
        .orElseThrow(() ->
            BatonException.conflict("schedule '" + s.name() + "' changed meanwhile; try again"));
  }

  /** The next {@code n} fires from now, within the schedule's start and end. */
  public List<Instant> preview(String idOrName, int n) {
    return previewOf(idOrName, n).fires();
  }

  /**
   * A preview: the next fires and, for a schedule with a calendar, what the calendar did to the
   * planned fires among them (each skipped or moved, and why).
   */
  public record Preview(List<Instant> fires, List<CalendarShift.Effect> effects) {}

  /** The next {@code n} fires of a stored schedule from now, with its calendar's effects. */
  public Preview previewOf(String idOrName, int n) {
    ScheduleDefinition def = require(idOrName).definition();
    return withEffects(def, firing.shift(def), clock.instant(), n);
  }

  /**
   * The next {@code n} fires of a definition not saved, from now, with its calendar's effects.
   *
   * @throws BatonException INVALID when the calendar it names does not exist
   */
  public Preview previewOf(ScheduleDefinition def, int n) {
    return withEffects(def, requireShift(def, clock.instant()), clock.instant(), n);
  }

  private static Preview withEffects(
      ScheduleDefinition def, @Nullable CalendarShift shift, Instant from, int n) {
    List<Instant> fires = preview(def, shift, from, n);
    if (shift == null || fires.isEmpty()) {
      return new Preview(fires, List.of());
    }
    Instant start =
        def.startAt() != null && def.startAt().isAfter(from) ? def.startAt().minusMillis(1) : from;
    List<CalendarShift.Effect> effects =
        FireTimes.effects(
            def.timing(), def.zone(), def.dst(), shift, start, fires.getLast(), MAX_PREVIEW);
    return new Preview(
        fires,
        effects.stream()
            .filter(e -> def.startAt() == null || !e.plannedAt().isBefore(def.startAt()))
            .toList());
  }

  /** The next {@code n} fires of a definition with no calendar after {@code from}. */
  public static List<Instant> preview(ScheduleDefinition def, Instant from, int n) {
    return preview(def, null, from, n);
  }

  private static final int MAX_PREVIEW = 1000;

  private static List<Instant> preview(
      ScheduleDefinition def, @Nullable CalendarShift shift, Instant from, int n) {
    if (n < 1 || n > MAX_PREVIEW) {
      throw BatonException.invalid("count: must be within 1-1000, was " + n);
    }
    List<Instant> out = new ArrayList<>();
    Instant after = from;
    while (out.size() < n) {
      Instant next = Firing.nextFire(def, shift, after);
      if (next == null) {
        break;
      }
      out.add(next);
      after = next;
    }
    return out;
  }

  /** Reads a definition; errors name the key. */
  public ScheduleDefinition parse(@Nullable String name, Map<String, ?> body, Instant now) {
    try {
      return ScheduleDefinition.parse(name, body, defaultZone, now);
    } catch (IllegalArgumentException e) {
      throw BatonException.invalid(String.valueOf(e.getMessage()));
    }
  }

  public Optional<Schedule> get(String idOrName) {
    Optional<Schedule> byId = store.schedule(idOrName);
    return byId.isPresent() ? byId : store.scheduleByName(idOrName);
  }

  public List<Schedule> list() {
    return store.schedules();
  }

  /** The schedule's runs, newest first. */
  public List<ScheduleRun> runs(String idOrName, int limit) {
    return store.scheduleRuns(require(idOrName).id(), limit);
  }

  /**
   * Runs of every schedule since {@code since} that could not start or whose job failed or was
   * quarantined, newest first.
   */
  public List<ScheduleRun> failedRuns(Instant since, int limit) {
    return store.failedScheduleRuns(since, limit);
  }

  /** How many runs started a job that finished (the success count). */
  public long successes(String scheduleId) {
    return store.scheduleRunStatuses(scheduleId).getOrDefault(JobStatus.FINISHED, 0L);
  }

  private Schedule require(String idOrName) {
    return get(idOrName)
        .orElseThrow(() -> BatonException.notFound("Schedule not found: " + idOrName));
  }

  private Schedule edit(String idOrName, Function<Schedule, Schedule> change) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Schedule s = require(idOrName);
      Schedule next = change.apply(s);
      if (commits.commit(Change.builder().add(new Change.UpdateSchedule(next)).build())) {
        wake();
        return next;
      }
    }
    throw BatonException.conflict("schedule '" + idOrName + "' keeps changing; try again");
  }

  /**
   * Where a new or changed schedule starts counting: now, or just before its start, or just before
   * an interval's anchor so that the anchor itself fires (an interval schedule created without one
   * fires at once, as Avtomatika's do at startup).
   */
  private static Instant sinceFor(ScheduleDefinition def, Instant now) {
    Instant since = now;
    if (def.startAt() != null && def.startAt().isAfter(now)) {
      since = def.startAt().minusMillis(1);
    }
    if (def.timing() instanceof Timing.Interval i && !i.anchor().isBefore(now)) {
      Instant beforeAnchor = i.anchor().minusMillis(1);
      since = beforeAnchor.isBefore(since) ? beforeAnchor : since;
    }
    return since;
  }

  private Instant validate(ScheduleDefinition def, Instant now) {
    if (targets.apply(def.target()) instanceof Firing.Target.Missing m) {
      throw BatonException.invalid(def.target().kind().wireName() + ": " + m.reason());
    }
    @Nullable CalendarShift shift = requireShift(def, now);
    try {
      return def.requireFires(now, shift);
    } catch (IllegalArgumentException e) {
      throw BatonException.invalid(String.valueOf(e.getMessage()));
    }
  }

  /**
   * The calendar a definition names, which must exist. Moving fires (rather than skipping them)
   * looks at every planned fire of the days around a fire, so it is for timings that fire at most
   * about once a minute; a faster one is refused rather than made slow.
   */
  private @Nullable CalendarShift requireShift(ScheduleDefinition def, Instant now) {
    ScheduleDefinition.CalendarRef ref = def.calendar();
    if (ref == null) {
      return null;
    }
    BusinessCalendar calendar =
        calendars
            .calendar(ref.name())
            .orElseThrow(() ->
                BatonException.invalid(
                    "calendar: no calendar named '"
                        + ref.name()
                        + "' (schedule '"
                        + def.name()
                        + "'); create it first (PUT /api/v1/calendars/"
                        + ref.name()
                        + ")"));
    if (ref.policy() != CalendarPolicy.SKIP) {
      List<Instant> day =
          FireTimes.preview(def.timing(), def.zone(), def.dst(), now, FIRES_A_DAY + 1);
      if (day.size() > FIRES_A_DAY
          && Duration.between(day.getFirst(), day.getLast()).compareTo(Duration.ofDays(1)) < 0) {
        throw BatonException.invalid(
            "calendar_policy: "
                + ref.policy().wireName()
                + " is for timings that fire at most once a minute, and "
                + def.timing()
                + " fires more often; use skip, or a slower timing");
      }
    }
    return new CalendarShift(calendar, ref.policy());
  }

  private static final int FIRES_A_DAY = 1440;

  /**
   * A calendar changed: every schedule that names it gets its next fire computed afresh from where
   * it stands, so a new holiday or a changed hour applies to the very next fire.
   *
   * @return how many schedules changed
   */
  public int calendarChanged(String name) {
    int changed = 0;
    for (Schedule stored : store.schedules()) {
      ScheduleDefinition.CalendarRef ref = stored.definition().calendar();
      if (ref == null || !ref.name().equals(name)) {
        continue;
      }
      edit(
          stored.id(),
          s -> {
            ScheduleDefinition def = s.definition();
            return s.next(
                def,
                s.since(),
                Firing.nextFire(def, firing.shift(def), s.since()),
                s.lastRunAt(),
                s.lastJobId(),
                s.runCount(),
                s.queuedFire(),
                clock.instant());
          });
      changed++;
    }
    return changed;
  }

  /** The schedules that name a calendar. */
  public List<Schedule> naming(String calendar) {
    return store.schedules().stream()
        .filter(s -> {
          ScheduleDefinition.CalendarRef ref = s.definition().calendar();
          return ref != null && ref.name().equals(calendar);
        })
        .toList();
  }

  private static Map<String, Object> merge(Map<String, Object> stored, Map<String, ?> changes) {
    Map<String, Object> out = new LinkedHashMap<>(stored);
    if (changes.keySet().stream().anyMatch(TimingMaps::isTimingKey)) {
      out.remove("timing");
    }
    boolean newTarget =
        changes.containsKey("target")
            || changes.containsKey("blueprint")
            || changes.containsKey("scenario");
    if (newTarget) {
      out.remove("target");
    } else if (changes.containsKey("input_data") && stored.get("target") instanceof Map<?, ?> t) {
      Map<Object, Object> target = new LinkedHashMap<>(t);
      target.put("input_data", changes.get("input_data"));
      out.put("target", target);
    }
    if (changes.containsKey("calendar") && changes.get("calendar") == null) {
      out.remove("calendar_policy"); // no calendar: its policy goes with it
    }
    changes.forEach((k, v) -> {
      if (!k.equals("input_data") || newTarget) {
        out.put(k, v);
      }
    });
    return out;
  }

  // ---- firing

  /**
   * One scheduler pass: fires what is due now. Tests drive it with a manual clock.
   *
   * @return how many runs it recorded
   */
  public int tick() {
    return scheduler.tick();
  }

  /** Makes the scheduler look again now (a schedule changed, a scheduled job ended). */
  public void wake() {
    scheduler.wake();
  }

  void start() {
    scheduler.start();
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
