package dev.baton.store;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The schedules and schedule runs of an {@link InMemoryStore}; a run's job status is read from the
 * store's jobs. Not thread-safe: the store holds its lock.
 */
final class MemorySchedules {
  private final Map<String, Schedule> schedules = new LinkedHashMap<>();
  private final Map<String, ScheduleRun> runs = new LinkedHashMap<>();
  private final Function<String, @Nullable Job> jobs;

  MemorySchedules(Function<String, @Nullable Job> jobs) {
    this.jobs = jobs;
  }

  boolean canInsert(Schedule s) {
    return !schedules.containsKey(s.id())
        && schedules.values().stream().noneMatch(x -> x.name().equals(s.name()));
  }

  boolean canUpdate(Schedule s) {
    Schedule stored = schedules.get(s.id());
    return stored != null
        && stored.version() == s.version() - 1
        && schedules.values().stream()
            .noneMatch(x -> x.name().equals(s.name()) && !x.id().equals(stored.id()));
  }

  boolean canAdvance(Schedule s) {
    Schedule stored = schedules.get(s.id());
    return stored != null && stored.version() == s.version() - 1;
  }

  boolean canDelete(String id, long version) {
    Schedule stored = schedules.get(id);
    return stored != null && stored.version() == version;
  }

  boolean canInsert(ScheduleRun r) {
    return !runs.containsKey(key(r));
  }

  boolean canUpdate(ScheduleRun r) {
    return runs.containsKey(key(r));
  }

  void put(Schedule s) {
    schedules.put(s.id(), s);
  }

  /** Takes where {@code s} stands; the stored definition, creation time and owner stay. */
  void advance(Schedule s) {
    Schedule stored = schedules.get(s.id());
    if (stored != null) {
      schedules.put(
          s.id(),
          new Schedule(
              s.id(),
              stored.definition(),
              s.since(),
              s.nextRunAt(),
              s.lastRunAt(),
              s.lastJobId(),
              s.runCount(),
              s.queuedFire(),
              stored.createdAt(),
              s.updatedAt(),
              s.version(),
              stored.owner()));
    }
  }

  void delete(String id) {
    schedules.remove(id);
  }

  void put(ScheduleRun r) {
    runs.put(key(r), r);
  }

  private static String key(ScheduleRun r) {
    return r.scheduleId() + " " + r.fireAt().toEpochMilli();
  }

  Optional<Schedule> schedule(String id) {
    return Optional.ofNullable(schedules.get(id));
  }

  Optional<Schedule> scheduleByName(String name) {
    return schedules.values().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  List<Schedule> schedules() {
    return schedules.values().stream().sorted(Comparator.comparing(Schedule::name)).toList();
  }

  List<Schedule> dueSchedules(Instant now, int limit) {
    return schedules.values().stream()
        .filter(s -> s.isDue(now))
        .sorted(
            Comparator.comparing(
                    (Schedule s) -> s.nextRunAt() == null ? Instant.MIN : s.nextRunAt())
                .thenComparing(Schedule::id))
        .limit(limit)
        .toList();
  }

  Optional<Instant> nextScheduleFire() {
    return schedules.values().stream()
        .filter(Schedule::enabled)
        .map(Schedule::nextRunAt)
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  List<ScheduleRun> scheduleRuns(String scheduleId, int limit) {
    return runs.values().stream()
        .filter(r -> r.scheduleId().equals(scheduleId))
        .sorted(Comparator.comparing(ScheduleRun::fireAt).reversed())
        .limit(limit)
        .toList();
  }

  Map<JobStatus, Long> scheduleRunStatuses(String scheduleId) {
    Map<JobStatus, Long> out = new EnumMap<>(JobStatus.class);
    for (ScheduleRun r : runs.values()) {
      Job j = r.scheduleId().equals(scheduleId) && r.jobId() != null ? jobs.apply(r.jobId()) : null;
      if (j != null) {
        out.merge(j.status(), 1L, Long::sum);
      }
    }
    return out;
  }

  List<ScheduleRun> failedScheduleRuns(Instant since, int limit) {
    return runs.values().stream()
        .filter(r -> !r.fireAt().isBefore(since))
        .filter(r -> {
          Job j = r.jobId() == null ? null : jobs.apply(r.jobId());
          return r.outcome() == ScheduleRun.Outcome.FAILED
              || (j != null && j.status().isResumable());
        })
        .sorted(Comparator.comparing(ScheduleRun::fireAt).reversed())
        .limit(limit)
        .toList();
  }
}
