package dev.baton.schedule;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored schedule: its {@link ScheduleDefinition} and where it stands. Immutable; every change is
 * stored with {@code version + 1} under a guard on the version it was derived from, which is how a
 * fire is claimed: of several Baton processes that see the same due fire, one stores it and the
 * others' writes are refused.
 *
 * @param since the last moment the schedule was handled; fires in {@code (since, now]} are due (see
 *     {@link FireTimes#due})
 * @param nextRunAt the next fire, or null when the schedule will not fire again (ended, or a past
 *     {@code once}); a disabled schedule keeps it, but nothing fires while it is disabled
 * @param lastJobId the job of the latest run, which the overlap policy looks at
 * @param queuedFire the fire waiting for the previous run to end ({@link Overlap#QUEUE}), or null
 * @param owner the client (its clients.toml section) that created the schedule through the API, or
 *     null for one from a file, from code or from a server without clients; it never changes
 */
public record Schedule(
    String id,
    ScheduleDefinition definition,
    Instant since,
    @Nullable Instant nextRunAt,
    @Nullable Instant lastRunAt,
    @Nullable String lastJobId,
    long runCount,
    @Nullable Instant queuedFire,
    Instant createdAt,
    Instant updatedAt,
    long version,
    @Nullable String owner) {

  /** A schedule that belongs to no client. */
  public Schedule(
      String id,
      ScheduleDefinition definition,
      Instant since,
      @Nullable Instant nextRunAt,
      @Nullable Instant lastRunAt,
      @Nullable String lastJobId,
      long runCount,
      @Nullable Instant queuedFire,
      Instant createdAt,
      Instant updatedAt,
      long version) {
    this(
        id,
        definition,
        since,
        nextRunAt,
        lastRunAt,
        lastJobId,
        runCount,
        queuedFire,
        createdAt,
        updatedAt,
        version,
        null);
  }

  public String name() {
    return definition.name();
  }

  public boolean enabled() {
    return definition.enabled();
  }

  /** A schedule is due when a fire time has come, or a queued fire may be able to start. */
  public boolean isDue(Instant now) {
    return enabled() && (queuedFire != null || (nextRunAt != null && !nextRunAt.isAfter(now)));
  }

  /** The next version, with what a fire or an edit changed. */
  public Schedule next(
      ScheduleDefinition def,
      Instant newSince,
      @Nullable Instant next,
      @Nullable Instant lastRun,
      @Nullable String lastJob,
      long runs,
      @Nullable Instant queued,
      Instant now) {
    return new Schedule(
        id,
        def,
        newSince,
        next,
        lastRun,
        lastJob,
        runs,
        queued,
        createdAt,
        now,
        version + 1,
        owner);
  }
}
