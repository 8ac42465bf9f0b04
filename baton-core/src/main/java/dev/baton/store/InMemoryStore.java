package dev.baton.store;

import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import dev.baton.robot.FleetStore;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotRun;
import dev.baton.robot.RunStats;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.worker.Worker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A store in memory, for tests and for embedding Baton where losing everything on exit is fine.
 * Nothing survives the process. One lock guards everything, which keeps it obviously correct.
 */
public final class InMemoryStore implements Store, FleetStore {
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, List<JobTransition>> history = new HashMap<>();
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Map<String, Notice> notices = new LinkedHashMap<>();
  private final Map<String, Long> quotaUsed = new HashMap<>();
  private final Map<String, Schedule> schedules = new LinkedHashMap<>();
  private final Map<String, ScheduleRun> scheduleRuns = new LinkedHashMap<>();
  private final List<LedgerEntry> ledger = new ArrayList<>();
  private final Map<String, Robot> robots = new LinkedHashMap<>();
  private final Map<String, Key> keys = new HashMap<>();
  private final Map<String, RobotRun> runs = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> successes = new HashMap<>();
  private final List<JobLog> logs = new ArrayList<>();

  private record Key(String owner, @Nullable Instant expiresAt) {}

  @Override
  public synchronized boolean commit(Change change) {
    for (Change.Op op : change.ops()) {
      if (!guardHolds(op)) {
        return false;
      }
    }
    for (Change.Op op : change.ops()) {
      apply(op);
    }
    return true;
  }

  private boolean guardHolds(Change.Op op) {
    return switch (op) {
      case Change.InsertJob i -> !jobs.containsKey(i.job().id());
      case Change.UpdateJob u -> {
        Job stored = jobs.get(u.job().id());
        yield stored != null && stored.version() == u.job().version() - 1;
      }
      case Change.InsertTask i -> !tasks.containsKey(i.task().id());
      case Change.MoveTask m -> {
        Task stored = tasks.get(m.taskId());
        yield stored != null && m.to().allowedFrom().contains(stored.status());
      }
      case Change.AppendTransition a -> true;
      case Change.EnqueueNotice n -> !notices.containsKey(n.notice().id());
      case Change.InsertSchedule i ->
          !schedules.containsKey(i.schedule().id())
              && schedules.values().stream().noneMatch(x -> x.name().equals(i.schedule().name()));
      case Change.UpdateSchedule u -> {
        Schedule stored = schedules.get(u.schedule().id());
        yield stored != null
            && stored.version() == u.schedule().version() - 1
            && schedules.values().stream()
                .noneMatch(
                    x -> x.name().equals(u.schedule().name()) && !x.id().equals(stored.id()));
      }
      case Change.DeleteSchedule d -> {
        Schedule stored = schedules.get(d.id());
        yield stored != null && stored.version() == d.version();
      }
      case Change.InsertScheduleRun r -> !scheduleRuns.containsKey(runKey(r.run()));
      case Change.UpdateScheduleRun r -> scheduleRuns.containsKey(runKey(r.run()));
      case Change.AppendLedger l -> true;
    };
  }

  private void apply(Change.Op op) {
    switch (op) {
      case Change.InsertJob i -> jobs.put(i.job().id(), i.job());
      case Change.UpdateJob u -> jobs.put(u.job().id(), u.job());
      case Change.InsertTask i -> tasks.put(i.task().id(), i.task());
      case Change.MoveTask m -> {
        Task t = Objects.requireNonNull(tasks.get(m.taskId()));
        tasks.put(t.id(), t.withStatus(m.to()));
      }
      case Change.AppendTransition a ->
          history
              .computeIfAbsent(a.transition().jobId(), k -> new ArrayList<>())
              .add(a.transition());
      case Change.EnqueueNotice n -> notices.put(n.notice().id(), n.notice());
      case Change.InsertSchedule i -> schedules.put(i.schedule().id(), i.schedule());
      case Change.UpdateSchedule u -> schedules.put(u.schedule().id(), u.schedule());
      case Change.DeleteSchedule d -> schedules.remove(d.id());
      case Change.InsertScheduleRun r -> scheduleRuns.put(runKey(r.run()), r.run());
      case Change.UpdateScheduleRun r -> scheduleRuns.put(runKey(r.run()), r.run());
      case Change.AppendLedger l -> appendEntry(l.entry());
    }
  }

  private static String runKey(ScheduleRun r) {
    return r.scheduleId() + " " + r.fireAt().toEpochMilli();
  }

  @Override
  public synchronized Optional<Schedule> schedule(String id) {
    return Optional.ofNullable(schedules.get(id));
  }

  @Override
  public synchronized Optional<Schedule> scheduleByName(String name) {
    return schedules.values().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  @Override
  public synchronized List<Schedule> schedules() {
    return schedules.values().stream().sorted(Comparator.comparing(Schedule::name)).toList();
  }

  @Override
  public synchronized List<Schedule> dueSchedules(Instant now, int limit) {
    return schedules.values().stream()
        .filter(s -> s.isDue(now))
        .sorted(
            Comparator.comparing(
                    (Schedule s) -> s.nextRunAt() == null ? Instant.MIN : s.nextRunAt())
                .thenComparing(Schedule::id))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<Instant> nextScheduleFire() {
    return schedules.values().stream()
        .filter(Schedule::enabled)
        .map(Schedule::nextRunAt)
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  @Override
  public synchronized List<ScheduleRun> scheduleRuns(String scheduleId, int limit) {
    return scheduleRuns.values().stream()
        .filter(r -> r.scheduleId().equals(scheduleId))
        .sorted(Comparator.comparing(ScheduleRun::fireAt).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Map<JobStatus, Long> scheduleRunStatuses(String scheduleId) {
    Map<JobStatus, Long> out = new EnumMap<>(JobStatus.class);
    for (ScheduleRun r : scheduleRuns.values()) {
      Job j = r.scheduleId().equals(scheduleId) && r.jobId() != null ? jobs.get(r.jobId()) : null;
      if (j != null) {
        out.merge(j.status(), 1L, Long::sum);
      }
    }
    return out;
  }

  @Override
  public synchronized List<ScheduleRun> failedScheduleRuns(Instant since, int limit) {
    return scheduleRuns.values().stream()
        .filter(r -> !r.fireAt().isBefore(since))
        .filter(r -> {
          Job j = r.jobId() == null ? null : jobs.get(r.jobId());
          return r.outcome() == ScheduleRun.Outcome.FAILED
              || (j != null && j.status().isResumable());
        })
        .sorted(Comparator.comparing(ScheduleRun::fireAt).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized Page<Job> jobs(JobQuery q) {
    List<Job> matching =
        jobs.values().stream()
            .filter(j -> q.status() == null || j.status() == q.status())
            .filter(j -> q.blueprint() == null || j.blueprint().equals(q.blueprint()))
            .sorted(Comparator.comparing(Job::createdAt).thenComparing(Job::id).reversed())
            .toList();
    return new Page<>(
        matching.stream().skip(q.offset()).limit(q.limit()).toList(), matching.size());
  }

  @Override
  public synchronized List<JobTransition> transitions(String jobId) {
    return List.copyOf(history.getOrDefault(jobId, List.of()));
  }

  @Override
  public synchronized Optional<Task> task(String id) {
    return Optional.ofNullable(tasks.get(id));
  }

  @Override
  public synchronized List<Task> tasksOf(String jobId) {
    return tasks.values().stream().filter(t -> t.jobId().equals(jobId)).toList();
  }

  @Override
  public synchronized List<Task> claim(TaskClaim c) {
    List<Task> picked =
        tasks.values().stream()
            .filter(t -> t.status() == TaskStatus.QUEUED)
            .filter(t -> c.taskTypes().contains(t.type()))
            .filter(t -> t.workerId() == null || t.workerId().equals(c.workerId()))
            .filter(t -> !t.visibleAt().isAfter(c.now()))
            .sorted(
                Comparator.comparingInt((Task t) -> -t.spec().priority())
                    .thenComparing(Task::visibleAt)
                    .thenComparing(Task::createdAt))
            .limit(c.limit())
            .map(t -> t.leased(c.workerId(), c.leaseUntil()))
            .toList();
    picked.forEach(t -> tasks.put(t.id(), t));
    return picked;
  }

  @Override
  public synchronized List<Job> dueJobs(Instant now, int limit) {
    return jobs.values().stream()
        .filter(j -> j.wakeAt() != null && !j.wakeAt().isAfter(now))
        .sorted(Comparator.comparing(j -> Objects.requireNonNull(j.wakeAt())))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<Task> expiredTasks(Instant now, int limit) {
    return tasks.values().stream()
        .filter(t -> t.status().isOpen())
        .filter(t -> expired(t, now))
        .limit(limit)
        .toList();
  }

  private static boolean expired(Task t, Instant now) {
    boolean leaseOver =
        t.status() == TaskStatus.LEASED && t.leaseUntil() != null && !t.leaseUntil().isAfter(now);
    boolean pastDeadline = t.deadline() != null && !t.deadline().isAfter(now);
    return leaseOver || pastDeadline;
  }

  @Override
  public synchronized List<Task> leasedTo(String workerId) {
    return tasks.values().stream()
        .filter(t -> t.status() == TaskStatus.LEASED && workerId.equals(t.workerId()))
        .toList();
  }

  @Override
  public synchronized int renewLeases(String workerId, Instant leaseUntil) {
    int n = 0;
    for (Task t : List.copyOf(tasks.values())) {
      if (t.status() == TaskStatus.LEASED && workerId.equals(t.workerId())) {
        tasks.put(t.id(), t.leased(workerId, leaseUntil));
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized void putWorker(Worker worker) {
    workers.put(worker.id(), worker);
  }

  @Override
  public synchronized Optional<Worker> worker(String id) {
    return Optional.ofNullable(workers.get(id));
  }

  @Override
  public synchronized List<Worker> workers() {
    return List.copyOf(workers.values());
  }

  @Override
  public synchronized Map<JobStatus, Long> countJobs() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    jobs.values().forEach(j -> counts.merge(j.status(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized List<Notice> claimNotices(Instant now, Instant leaseUntil, int limit) {
    List<Notice> due =
        notices.values().stream()
            .filter(n -> n.status() == Notice.Status.PENDING && !n.dueAt().isAfter(now))
            .sorted(
                Comparator.comparing(Notice::dueAt)
                    .thenComparing(Notice::createdAt)
                    .thenComparing(Notice::id))
            .limit(limit)
            .toList();
    List<Notice> claimed = new ArrayList<>();
    for (Notice n : due) {
      Notice leased =
          new Notice(
              n.id(),
              n.jobId(),
              n.event(),
              n.target(),
              n.payload(),
              n.status(),
              n.attempts(),
              leaseUntil,
              n.createdAt(),
              n.lastError());
      notices.put(n.id(), leased);
      claimed.add(leased);
    }
    return claimed;
  }

  @Override
  public synchronized void updateNotice(Notice notice) {
    if (notices.containsKey(notice.id())) {
      notices.put(notice.id(), notice);
    }
  }

  @Override
  public synchronized Optional<Notice> notice(String id) {
    return Optional.ofNullable(notices.get(id));
  }

  @Override
  public synchronized List<Notice> noticesOf(String jobId) {
    return notices.values().stream().filter(n -> n.jobId().equals(jobId)).toList();
  }

  @Override
  public synchronized long consumeQuota(String key, String period, long limit) {
    String k = key + "\u0000" + period;
    long used = quotaUsed.getOrDefault(k, 0L);
    if (used >= limit) {
      return -1;
    }
    quotaUsed.put(k, used + 1);
    return limit - used - 1;
  }

  /** The ledger kept beside the jobs; its entries go where {@link #commit} puts its own. */
  public Ledger ledger() {
    return new Ledger() {
      @Override
      public LedgerEntry append(LedgerEntry entry) {
        synchronized (InMemoryStore.this) {
          return appendEntry(entry);
        }
      }

      @Override
      public LedgerPage read(LedgerQuery q) {
        synchronized (InMemoryStore.this) {
          List<LedgerEntry> matching = new ArrayList<>();
          for (int i = 0; i < ledger.size() && matching.size() <= q.limit(); i++) {
            LedgerEntry e = ledger.get(q.newestFirst() ? ledger.size() - 1 - i : i);
            boolean pastCursor =
                q.after() == 0 || (q.newestFirst() ? e.seq() < q.after() : e.seq() > q.after());
            if (pastCursor && q.matches(e)) {
              matching.add(e);
            }
          }
          return LedgerPage.of(matching, q.limit());
        }
      }

      @Override
      public long count(LedgerQuery q) {
        synchronized (InMemoryStore.this) {
          return ledger.stream().filter(q::matches).count();
        }
      }
    };
  }

  private LedgerEntry appendEntry(LedgerEntry entry) {
    LedgerEntry stored = entry.withSeq(ledger.size() + 1L);
    ledger.add(stored);
    return stored;
  }

  // ---- FleetStore

  @Override
  public synchronized void putRobot(Robot robot) {
    robots.put(robot.id(), robot);
  }

  @Override
  public synchronized Optional<Robot> robot(String id) {
    return Optional.ofNullable(robots.get(id));
  }

  @Override
  public synchronized List<Robot> robots() {
    return robots.values().stream()
        .sorted(Comparator.comparing(Robot::registeredAt).thenComparing(Robot::id))
        .toList();
  }

  @Override
  public synchronized Optional<String> claimKey(
      String key, String owner, Instant now, @Nullable Instant expiresAt) {
    Key held = keys.get(key);
    if (held != null && (held.expiresAt() == null || held.expiresAt().isAfter(now))) {
      return Optional.of(held.owner());
    }
    keys.put(key, new Key(owner, expiresAt));
    return Optional.empty();
  }

  @Override
  public synchronized void moveKey(String key, String from, String to) {
    Key held = keys.get(key);
    if (held != null && held.owner().equals(from)) {
      keys.put(key, new Key(to, held.expiresAt()));
    }
  }

  @Override
  public synchronized void releaseKey(String key, String owner) {
    Key held = keys.get(key);
    if (held != null && held.owner().equals(owner)) {
      keys.remove(key);
    }
  }

  @Override
  public synchronized void putRun(RobotRun run) {
    runs.put(run.jobId(), run);
  }

  @Override
  public synchronized Optional<RobotRun> run(String jobId) {
    return Optional.ofNullable(runs.get(jobId));
  }

  @Override
  public synchronized RunStats runStats(Instant since) {
    long completed = 0;
    long failed = 0;
    long total = 0;
    long count = 0;
    for (RobotRun r : runs.values()) {
      if (r.finishedAt() == null || r.finishedAt().isBefore(since)) {
        continue;
      }
      if ("completed".equals(r.outcome())) {
        completed++;
        Long d = r.durationMs();
        if (d != null) {
          total += d;
          count++;
        }
      } else if ("failed".equals(r.outcome()) || "timeout".equals(r.outcome())) {
        failed++;
      }
    }
    return new RunStats(completed, failed, count == 0 ? 0 : (double) total / count);
  }

  @Override
  public synchronized void countOutcome(String robotId, String workflowId, boolean success) {
    if (success) {
      successes.computeIfAbsent(workflowId, k -> new HashMap<>()).merge(robotId, 1L, Long::sum);
    }
  }

  @Override
  public synchronized Map<String, Long> successes(String workflowId) {
    return Map.copyOf(successes.getOrDefault(workflowId, Map.of()));
  }

  @Override
  public synchronized void appendLogs(List<JobLog> entries) {
    logs.addAll(entries);
  }

  @Override
  public synchronized List<JobLog> logs(String jobId, int offset, int limit) {
    return logs.stream().filter(l -> l.jobId().equals(jobId)).skip(offset).limit(limit).toList();
  }

  @Override
  public synchronized long jobsCreatedSince(String blueprint, Instant since) {
    return jobs.values().stream()
        .filter(j -> j.blueprint().equals(blueprint) && !j.createdAt().isBefore(since))
        .count();
  }

  @Override
  public synchronized List<Task> queuedTasks(Set<String> taskTypes, Instant now, int limit) {
    return tasks.values().stream()
        .filter(t -> t.status() == TaskStatus.QUEUED)
        .filter(t -> taskTypes.contains(t.type()))
        .filter(t -> !t.visibleAt().isAfter(now))
        .sorted(
            Comparator.comparingInt((Task t) -> -t.spec().priority())
                .thenComparing(Task::visibleAt)
                .thenComparing(Task::createdAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Map<String, Long> leasedCounts(Set<String> taskTypes) {
    Map<String, Long> out = new HashMap<>();
    for (Task t : tasks.values()) {
      if (t.status() == TaskStatus.LEASED && taskTypes.contains(t.type())) {
        out.merge(t.type(), 1L, Long::sum);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Task> claimTasks(Map<String, String> workerByTask, Instant leaseUntil) {
    List<Task> out = new ArrayList<>();
    workerByTask.forEach((task, worker) -> claimTask(task, worker, leaseUntil).ifPresent(out::add));
    return out;
  }

  @Override
  public synchronized Optional<Task> claimTask(String taskId, String workerId, Instant leaseUntil) {
    Task t = tasks.get(taskId);
    if (t == null
        || t.status() != TaskStatus.QUEUED
        || (t.workerId() != null && !t.workerId().equals(workerId))) {
      return Optional.empty();
    }
    Task leased = t.leased(workerId, leaseUntil);
    tasks.put(taskId, leased);
    return Optional.of(leased);
  }

  @Override
  public void close() {}
}
