package dev.baton.store;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Node;
import dev.baton.definition.DefinitionStore;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.ledger.Ledger;
import dev.baton.robot.Deployment;
import dev.baton.robot.FleetStore;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotCommand;
import dev.baton.robot.RobotRun;
import dev.baton.robot.RunStats;
import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.series.SeriesMinute;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A store in memory, for tests and for embedding Baton where losing everything on exit is fine.
 * Nothing survives the process. One lock (this store's monitor) guards every part, which keeps it
 * obviously correct; the parts ({@link MemoryJobs}, {@link MemorySchedules}, {@link MemoryNotices},
 * {@link MemoryFleet}) hold one aggregate each and take no lock themselves, while {@link
 * MemoryLedger} and {@link MemoryDefinitions}, reached without the store too, take the same lock.
 */
public final class InMemoryStore implements Store, FleetStore {
  private final MemoryCluster cluster = new MemoryCluster();
  private final MemoryJobs jobs = new MemoryJobs();
  private final MemorySchedules schedules = new MemorySchedules(jobs::job);
  private final Map<String, BusinessCalendar> calendars = new TreeMap<>();
  private final java.util.NavigableMap<Instant, SeriesMinute> series = new TreeMap<>();
  private final MemoryNotices notices = new MemoryNotices();
  private final MemoryLedger ledger = new MemoryLedger(this);
  private final MemoryFleet fleet = new MemoryFleet();
  private final MemoryDefinitions definitions = new MemoryDefinitions(this, ledger);
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Map<String, Long> quotaUsed = new HashMap<>();
  private final Map<String, Instant> quotaEnds = new HashMap<>();
  private final MemoryCounters counters = new MemoryCounters();

  // ---- Commits: every guard is checked before any operation applies, so a change is all or none

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
      case Change.InsertJob i -> jobs.canInsert(i.job());
      case Change.UpdateJob u -> jobs.canUpdate(u.job());
      case Change.InsertTask i -> jobs.canInsert(i.task());
      case Change.MoveTask m -> jobs.canMove(m.taskId(), m.from());
      case Change.AppendTransition a -> true;
      case Change.EnqueueNotice n -> notices.canEnqueue(n.notice());
      case Change.InsertSchedule i -> schedules.canInsert(i.schedule());
      case Change.UpdateSchedule u -> schedules.canUpdate(u.schedule());
      case Change.AdvanceSchedule a -> schedules.canAdvance(a.schedule());
      case Change.DeleteSchedule d -> schedules.canDelete(d.id(), d.version());
      case Change.InsertScheduleRun r -> schedules.canInsert(r.run());
      case Change.UpdateScheduleRun r -> schedules.canUpdate(r.run());
      case Change.AppendLedger l -> true;
      case Change.Fence f -> cluster.holds(f.lead(), f.now());
    };
  }

  private void apply(Change.Op op) {
    switch (op) {
      case Change.InsertJob i -> jobs.put(i.job());
      case Change.UpdateJob u -> jobs.put(u.job());
      case Change.InsertTask i -> jobs.put(i.task());
      case Change.MoveTask m -> jobs.move(m.taskId(), m.to());
      case Change.AppendTransition a -> {
        jobs.append(a.transition());
        ledger.appendLocked(a.entry());
      }
      case Change.EnqueueNotice n -> notices.enqueue(n.notice());
      case Change.InsertSchedule i -> schedules.put(i.schedule());
      case Change.UpdateSchedule u -> schedules.put(u.schedule());
      case Change.AdvanceSchedule a -> schedules.advance(a.schedule());
      case Change.DeleteSchedule d -> schedules.delete(d.id());
      case Change.InsertScheduleRun r -> schedules.put(r.run());
      case Change.UpdateScheduleRun r -> schedules.put(r.run());
      case Change.AppendLedger l -> ledger.appendLocked(l.entry());
      case Change.Fence f -> {}
    }
  }

  // ---- RetentionStore

  @Override
  public synchronized List<Job> endedBefore(Instant cutoff, int limit) {
    return jobs.endedBefore(cutoff, limit);
  }

  @Override
  public synchronized int forgetJobs(List<Job> gone) {
    int n = 0;
    for (Job j : gone) {
      if (jobs.forget(j)) {
        notices.forgetJob(j.id());
        fleet.forgetJob(j.id());
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized long forgetLedger(Instant before, long throughSeq) {
    return ledger.forgetLocked(before, throughSeq);
  }

  @Override
  public synchronized int forgetQuotaWindows(Instant now, int limit) {
    List<String> passed =
        quotaEnds.entrySet().stream()
            .filter(e -> !e.getValue().isAfter(now))
            .sorted(Map.Entry.comparingByValue())
            .limit(limit)
            .map(Map.Entry::getKey)
            .toList();
    passed.forEach(k -> {
      quotaEnds.remove(k);
      quotaUsed.remove(k);
    });
    return passed.size();
  }

  // ---- ClusterStore

  @Override
  public synchronized void beat(Node node) {
    cluster.beat(node);
  }

  @Override
  public synchronized List<Node> nodes() {
    return cluster.nodes();
  }

  @Override
  public synchronized Optional<Lead> lead(String duty, String node, Instant now, Duration ttl) {
    return cluster.lead(duty, node, now, ttl);
  }

  @Override
  public synchronized void resign(Lead lead) {
    // Lapsed a millisecond before the lease began: no clock reading can still see it held.
    cluster.resign(lead, Instant.EPOCH);
  }

  @Override
  public synchronized List<Lead> leads() {
    return cluster.leads();
  }

  // ---- JobStore

  @Override
  public synchronized Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.job(id));
  }

  @Override
  public synchronized Page<Job> jobs(JobQuery query) {
    return jobs.jobs(query);
  }

  @Override
  public synchronized List<JobTransition> transitions(String jobId) {
    return jobs.transitions(jobId);
  }

  @Override
  public synchronized Map<JobStatus, Long> countJobs() {
    return jobs.countJobs();
  }

  @Override
  public synchronized Map<String, Long> countUnfinished(String blueprint, int version) {
    return jobs.countUnfinished(blueprint, version);
  }

  @Override
  public synchronized List<Job> unfinishedJobs(
      String blueprint, int version, @Nullable String afterId, int limit) {
    return jobs.unfinishedJobs(blueprint, version, afterId, limit);
  }

  @Override
  public synchronized List<QueueDepth> queueDepths(Instant now) {
    return jobs.queueDepths(now);
  }

  @Override
  public synchronized List<Job> dueJobs(Instant now, int limit) {
    return jobs.dueJobs(now, limit);
  }

  @Override
  public synchronized Optional<Task> task(String id) {
    return jobs.task(id);
  }

  @Override
  public synchronized List<Task> tasksOf(String jobId) {
    return jobs.tasksOf(jobId);
  }

  @Override
  public synchronized List<Task> claim(TaskClaim claim) {
    return jobs.claim(claim, counters);
  }

  @Override
  public synchronized List<Task> expiredTasks(Instant now, int limit) {
    return jobs.expiredTasks(now, limit);
  }

  @Override
  public synchronized List<Task> leasedTo(String workerId) {
    return jobs.leasedTo(workerId);
  }

  @Override
  public synchronized int renewLeases(String workerId, Instant leaseUntil) {
    return jobs.renewLeases(workerId, leaseUntil);
  }

  // ---- WorkerStore and QuotaStore: a map each

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
  public synchronized long consumeQuota(
      String key, String period, long limit, long units, @Nullable Instant endsAt) {
    String k = key + "\u0000" + period;
    if (endsAt != null) {
      quotaEnds.putIfAbsent(k, endsAt); // the row's, as the first use wrote it
    }
    long used = quotaUsed.getOrDefault(k, 0L);
    if (used + units > limit) {
      return -1;
    }
    quotaUsed.put(k, used + units);
    return limit - used - units;
  }

  // ---- CounterStore

  @Override
  public synchronized boolean countRequest(String key, Instant now, Duration window, long limit) {
    return counters.countRequest(key, now, window, limit);
  }

  @Override
  public synchronized int forgetWindows(Instant before) {
    return counters.forgetWindows(before);
  }

  @Override
  public synchronized boolean countExecution(String scenario, long max) {
    return counters.countExecution(scenario, max);
  }

  @Override
  public synchronized Map<String, Long> executions() {
    return counters.executions();
  }

  @Override
  public synchronized void resetExecutions() {
    counters.resetExecutions();
  }

  @Override
  public synchronized void resetExecutions(String scenario) {
    counters.resetExecutions(scenario);
  }

  @Override
  public synchronized Map<String, Long> turns(Collection<String> clients) {
    return counters.turns(clients);
  }

  @Override
  public synchronized void served(List<String> clients) {
    counters.served(clients);
  }

  // ---- NoticeStore

  @Override
  public synchronized List<Notice> claimNotices(Instant now, Instant leaseUntil, int limit) {
    return notices.claim(now, leaseUntil, limit);
  }

  @Override
  public synchronized Optional<Instant> oldestPendingNotice() {
    return notices.oldestPending();
  }

  @Override
  public synchronized void updateNotice(Notice notice) {
    notices.update(notice);
  }

  @Override
  public synchronized int pruneDelivered(Instant before, int limit) {
    return notices.pruneDelivered(before, limit);
  }

  @Override
  public synchronized Optional<Notice> notice(String id) {
    return notices.notice(id);
  }

  @Override
  public synchronized List<Notice> noticesOf(String jobId) {
    return notices.noticesOf(jobId);
  }

  // ---- ScheduleStore

  @Override
  public synchronized void putDeployment(Deployment deployment) {
    fleet.putDeployment(deployment);
  }

  @Override
  public synchronized boolean moveDeployment(Deployment expected, Deployment next) {
    return fleet.moveDeployment(expected, next);
  }

  @Override
  public synchronized Optional<Deployment> deployment(String workflowId, String robotId) {
    return fleet.deployment(workflowId, robotId);
  }

  @Override
  public synchronized List<Deployment> deploymentsOf(String workflowId) {
    return fleet.deploymentsOf(workflowId);
  }

  @Override
  public synchronized List<Deployment> deploymentsTo(String robotId) {
    return fleet.deploymentsTo(robotId);
  }

  @Override
  public synchronized boolean deleteDeployment(String workflowId, String robotId) {
    return fleet.deleteDeployment(workflowId, robotId);
  }

  @Override
  public synchronized void queueCommand(RobotCommand command) {
    fleet.queueCommand(command);
  }

  @Override
  public synchronized List<RobotCommand> takeCommands(Collection<String> robotIds) {
    return fleet.takeCommands(robotIds);
  }

  @Override
  public synchronized Optional<BusinessCalendar> calendar(String name) {
    return Optional.ofNullable(calendars.get(name));
  }

  @Override
  public synchronized List<BusinessCalendar> calendars() {
    return List.copyOf(calendars.values());
  }

  @Override
  public synchronized boolean insertCalendar(BusinessCalendar calendar) {
    return calendars.putIfAbsent(calendar.name(), calendar) == null;
  }

  @Override
  public synchronized boolean updateCalendar(BusinessCalendar calendar) {
    return calendars.replace(calendar.name(), calendar) != null;
  }

  @Override
  public synchronized boolean deleteCalendar(String name) {
    return calendars.remove(name) != null;
  }

  @Override
  public synchronized void putSeries(List<SeriesMinute> minutes) {
    minutes.forEach(m -> series.put(m.minute(), m));
  }

  @Override
  public synchronized List<SeriesMinute> series(Instant from, Instant to) {
    return from.isBefore(to) ? List.copyOf(series.subMap(from, to).values()) : List.of();
  }

  @Override
  public synchronized Optional<Instant> lastSeriesMinute() {
    return series.isEmpty() ? Optional.empty() : Optional.of(series.lastKey());
  }

  @Override
  public synchronized int forgetSeries(Instant before) {
    var old = series.headMap(before);
    int n = old.size();
    old.clear();
    return n;
  }

  @Override
  public synchronized Optional<Schedule> schedule(String id) {
    return schedules.schedule(id);
  }

  @Override
  public synchronized Optional<Schedule> scheduleByName(String name) {
    return schedules.scheduleByName(name);
  }

  @Override
  public synchronized List<Schedule> schedules() {
    return schedules.schedules();
  }

  @Override
  public synchronized List<Schedule> dueSchedules(Instant now, int limit) {
    return schedules.dueSchedules(now, limit);
  }

  @Override
  public synchronized Optional<Instant> nextScheduleFire() {
    return schedules.nextScheduleFire();
  }

  @Override
  public synchronized List<ScheduleRun> scheduleRuns(String scheduleId, int limit) {
    return schedules.scheduleRuns(scheduleId, limit);
  }

  @Override
  public synchronized Map<JobStatus, Long> scheduleRunStatuses(String scheduleId) {
    return schedules.scheduleRunStatuses(scheduleId);
  }

  @Override
  public synchronized List<ScheduleRun> failedScheduleRuns(Instant since, int limit) {
    return schedules.failedScheduleRuns(since, limit);
  }

  /** The ledger kept beside the jobs; its entries go where {@link #commit} puts its own. */
  public Ledger ledger() {
    return ledger;
  }

  /** The stored definitions; a publish's ledger entry goes into {@link #ledger()}. */
  public DefinitionStore definitions() {
    return definitions;
  }

  // ---- FleetStore: the registry, keys, runs and logs, and the queue over the tasks

  @Override
  public synchronized void putRobot(Robot robot) {
    fleet.putRobot(robot);
  }

  @Override
  public synchronized Optional<Robot> robot(String id) {
    return fleet.robot(id);
  }

  @Override
  public synchronized List<Robot> robots() {
    return fleet.robots();
  }

  @Override
  public synchronized Optional<String> claimKey(
      String key, String owner, Instant now, @Nullable Instant expiresAt) {
    return fleet.claimKey(key, owner, now, expiresAt);
  }

  @Override
  public synchronized void moveKey(String key, String from, String to) {
    fleet.moveKey(key, from, to);
  }

  @Override
  public synchronized void releaseKey(String key, String owner) {
    fleet.releaseKey(key, owner);
  }

  @Override
  public synchronized void putRun(RobotRun run) {
    fleet.putRun(run);
  }

  @Override
  public synchronized Optional<RobotRun> run(String jobId) {
    return fleet.run(jobId);
  }

  @Override
  public synchronized void finishRun(String jobId, String outcome, Instant at) {
    fleet.finishRun(jobId, outcome, at);
  }

  @Override
  public synchronized RunStats runStats(Instant since) {
    return fleet.runStats(since);
  }

  @Override
  public synchronized void countOutcome(String robotId, String workflowId, boolean success) {
    fleet.countOutcome(robotId, workflowId, success);
  }

  @Override
  public synchronized Map<String, Long> successes(String workflowId) {
    return fleet.successes(workflowId);
  }

  @Override
  public synchronized long jobsCreatedSince(String blueprint, Instant since) {
    return jobs.jobsCreatedSince(blueprint, since);
  }

  @Override
  public synchronized void appendLogs(List<JobLog> logs) {
    fleet.appendLogs(logs);
  }

  @Override
  public synchronized List<JobLog> logs(String jobId, int offset, int limit) {
    return fleet.logs(jobId, offset, limit);
  }

  @Override
  public synchronized List<JobLog> newestLogs(String jobId, int limit) {
    return fleet.newestLogs(jobId, limit);
  }

  @Override
  public synchronized List<Task> queuedTasks(Set<String> taskTypes, Instant now, int limit) {
    return jobs.queuedTasks(taskTypes, now, limit);
  }

  @Override
  public synchronized Map<String, Long> leasedCounts(Set<String> taskTypes) {
    return jobs.leasedCounts(taskTypes);
  }

  @Override
  public synchronized Optional<Task> claimTask(String taskId, String workerId, Instant leaseUntil) {
    return jobs.claimTask(taskId, workerId, leaseUntil);
  }

  @Override
  public synchronized List<Task> claimTasks(
      Map<String, String> workerByTask, Instant leaseUntil, Map<String, Integer> caps) {
    Map<String, Long> leased = jobs.leasedCounts(caps.keySet());
    List<Task> out = new ArrayList<>();
    workerByTask.forEach((taskId, worker) -> {
      String type = jobs.task(taskId).map(Task::type).orElse("");
      Integer cap = caps.get(type);
      if (cap != null && leased.getOrDefault(type, 0L) >= cap) {
        return; // at its cap: stays queued
      }
      jobs.claimTask(taskId, worker, leaseUntil)
          .ifPresent(t -> {
            out.add(t);
            leased.merge(t.type(), 1L, Long::sum);
          });
    });
    return out;
  }

  @Override
  public void close() {}
}
