package dev.baton.store;

import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
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
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The jobs, tasks and history of an {@link InMemoryStore}, and the task queue over them (the
 * engine's claim and the fleet's look and pick). Not thread-safe: the store holds its lock.
 */
final class MemoryJobs {
  /** The order a claim takes tasks in: highest priority, then earliest visible, then oldest. */
  private static final Comparator<Task> CLAIM_ORDER =
      Comparator.comparingInt((Task t) -> -t.spec().priority())
          .thenComparing(Task::visibleAt)
          .thenComparing(Task::createdAt);

  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, List<JobTransition>> history = new HashMap<>();

  List<Job> endedBefore(Instant cutoff, int limit) {
    return jobs.values().stream()
        .filter(j -> RetentionStore.PRUNED.contains(j.status()) && j.updatedAt().isBefore(cutoff))
        .sorted(java.util.Comparator.comparing(Job::createdAt))
        .limit(limit)
        .toList();
  }

  /** Deletes the job and its tasks and history if it is still at that version. */
  boolean forget(Job job) {
    Job current = jobs.get(job.id());
    if (current == null || current.version() != job.version()) {
      return false;
    }
    jobs.remove(job.id());
    tasks.values().removeIf(t -> t.jobId().equals(job.id()));
    history.remove(job.id());
    return true;
  }

  boolean canInsert(Job job) {
    return !jobs.containsKey(job.id());
  }

  boolean canUpdate(Job job) {
    Job stored = jobs.get(job.id());
    return stored != null && stored.version() == job.version() - 1;
  }

  boolean canInsert(Task task) {
    return !tasks.containsKey(task.id());
  }

  boolean canMove(String taskId, Set<TaskStatus> from) {
    Task stored = tasks.get(taskId);
    return stored != null && from.contains(stored.status());
  }

  void put(Job job) {
    jobs.put(job.id(), job);
  }

  void put(Task task) {
    tasks.put(task.id(), task);
  }

  void move(String taskId, TaskStatus to) {
    Task t = Objects.requireNonNull(tasks.get(taskId));
    tasks.put(t.id(), t.withStatus(to));
  }

  void append(JobTransition transition) {
    history.computeIfAbsent(transition.jobId(), k -> new ArrayList<>()).add(transition);
  }

  @Nullable Job job(String id) {
    return jobs.get(id);
  }

  Page<Job> jobs(JobQuery q) {
    List<Job> matching =
        jobs.values().stream()
            .filter(q::matches)
            .sorted(Comparator.comparing(Job::createdAt).thenComparing(Job::id).reversed())
            .toList();
    return new Page<>(
        matching.stream().skip(q.offset()).limit(q.limit()).toList(), q.capped(matching.size()));
  }

  List<JobTransition> transitions(String jobId) {
    return List.copyOf(history.getOrDefault(jobId, List.of()));
  }

  Map<JobStatus, Long> countJobs() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    jobs.values().forEach(j -> counts.merge(j.status(), 1L, Long::sum));
    return counts;
  }

  Map<String, Long> countUnfinished(String blueprint, int version) {
    Map<String, Long> counts = new TreeMap<>();
    jobs.values().stream()
        .filter(j -> isUnfinished(j, blueprint, version))
        .forEach(j -> counts.merge(j.state(), 1L, Long::sum));
    return counts;
  }

  List<Job> unfinishedJobs(String blueprint, int version, @Nullable String afterId, int limit) {
    return jobs.values().stream()
        .filter(j -> isUnfinished(j, blueprint, version))
        .filter(j -> afterId == null || j.id().compareTo(afterId) > 0)
        .sorted(Comparator.comparing(Job::id))
        .limit(limit)
        .toList();
  }

  private static boolean isUnfinished(Job j, String blueprint, int version) {
    return j.blueprint().equals(blueprint)
        && j.blueprintVersion() == version
        && !j.status().isTerminal();
  }

  List<Job> dueJobs(Instant now, int limit) {
    return jobs.values().stream()
        .filter(j -> j.wakeAt() != null && !j.wakeAt().isAfter(now))
        .sorted(Comparator.comparing(j -> Objects.requireNonNull(j.wakeAt())))
        .limit(limit)
        .toList();
  }

  long jobsCreatedSince(String blueprint, Instant since) {
    return jobs.values().stream()
        .filter(j -> j.blueprint().equals(blueprint) && !j.createdAt().isBefore(since))
        .count();
  }

  Optional<Task> task(String id) {
    return Optional.ofNullable(tasks.get(id));
  }

  List<Task> tasksOf(String jobId) {
    return tasks.values().stream().filter(t -> t.jobId().equals(jobId)).toList();
  }

  /**
   * Within a priority, the client served least recently goes first (fair share, as the JDBC store's
   * claim: a job with no client counts as never served); the clients served get their turns in
   * {@code counters}.
   */
  List<Task> claim(TaskClaim c, MemoryCounters counters) {
    Map<String, Long> turns = new HashMap<>();
    List<Task> picked =
        tasks.values().stream()
            .filter(t -> t.status() == TaskStatus.QUEUED)
            .filter(t -> c.taskTypes().contains(t.type()))
            .filter(t -> t.workerId() == null || t.workerId().equals(c.workerId()))
            .filter(t -> !t.visibleAt().isAfter(c.now()))
            .sorted(
                Comparator.comparingInt((Task t) -> -t.spec().priority())
                    .thenComparingLong(t -> turnOf(t, counters, turns))
                    .thenComparing(Task::visibleAt)
                    .thenComparing(Task::createdAt))
            .toList();
    // The caps, counted here under the store's lock: exact, as the JDBC store's in its transaction.
    Map<String, Long> room = new HashMap<>();
    leasedCounts(c.caps().keySet()).forEach((type, n) -> room.put(type, -n));
    c.caps().forEach((type, cap) -> room.merge(type, (long) cap, Long::sum));
    List<Task> out = new ArrayList<>();
    for (Task t : picked) {
      if (out.size() == c.limit()) {
        break;
      }
      Long left = room.get(t.type());
      if (left != null) {
        if (left <= 0) {
          continue;
        }
        room.put(t.type(), left - 1);
      }
      Task leased = t.leased(c.workerId(), c.leaseUntil());
      put(leased);
      out.add(leased);
    }
    List<String> served = new ArrayList<>();
    for (Task t : out) {
      String client = clientOf(t);
      if (client != null && !served.contains(client)) {
        served.add(client);
      }
    }
    counters.served(served);
    return out;
  }

  private @Nullable String clientOf(Task t) {
    Job j = jobs.get(t.jobId());
    return j == null ? null : JobQuery.clientOf(j);
  }

  private long turnOf(Task t, MemoryCounters counters, Map<String, Long> turns) {
    String client = clientOf(t);
    return client == null
        ? 0
        : turns.computeIfAbsent(client, k -> counters.turns(List.of(k)).getOrDefault(k, 0L));
  }

  List<Task> expiredTasks(Instant now, int limit) {
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

  List<Task> leasedTo(String workerId) {
    return tasks.values().stream()
        .filter(t -> t.status() == TaskStatus.LEASED && workerId.equals(t.workerId()))
        .toList();
  }

  int renewLeases(String workerId, Instant leaseUntil) {
    int n = 0;
    for (Task t : List.copyOf(tasks.values())) {
      if (t.status() == TaskStatus.LEASED && workerId.equals(t.workerId())) {
        put(t.leased(workerId, leaseUntil));
        n++;
      }
    }
    return n;
  }

  List<Task> queuedTasks(Set<String> taskTypes, Instant now, int limit) {
    return tasks.values().stream()
        .filter(t -> t.status() == TaskStatus.QUEUED)
        .filter(t -> taskTypes.contains(t.type()))
        .filter(t -> !t.visibleAt().isAfter(now))
        .sorted(CLAIM_ORDER)
        .limit(limit)
        .toList();
  }

  List<QueueDepth> queueDepths(Instant now) {
    Map<String, QueueDepth> out = new TreeMap<>();
    for (Task t : tasks.values()) {
      if (t.status() != TaskStatus.QUEUED || t.visibleAt().isAfter(now)) {
        continue;
      }
      out.merge(
          t.type() + "\u0000" + t.spec().priority(),
          new QueueDepth(t.type(), t.spec().priority(), 1, t.visibleAt()),
          (a, b) ->
              new QueueDepth(
                  a.taskType(),
                  a.priority(),
                  a.queued() + 1,
                  a.oldestVisibleAt().isBefore(b.oldestVisibleAt())
                      ? a.oldestVisibleAt()
                      : b.oldestVisibleAt()));
    }
    return List.copyOf(out.values());
  }

  Map<String, Long> leasedCounts(Set<String> taskTypes) {
    Map<String, Long> out = new HashMap<>();
    for (Task t : tasks.values()) {
      if (t.status() == TaskStatus.LEASED && taskTypes.contains(t.type())) {
        out.merge(t.type(), 1L, Long::sum);
      }
    }
    return out;
  }

  Optional<Task> claimTask(String taskId, String workerId, Instant leaseUntil) {
    Task t = tasks.get(taskId);
    if (t == null
        || t.status() != TaskStatus.QUEUED
        || (t.workerId() != null && !t.workerId().equals(workerId))) {
      return Optional.empty();
    }
    Task leased = t.leased(workerId, leaseUntil);
    put(leased);
    return Optional.of(leased);
  }
}
