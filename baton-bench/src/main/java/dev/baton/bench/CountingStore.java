package dev.baton.bench;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Node;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.series.SeriesMinute;
import dev.baton.store.Change;
import dev.baton.store.Store;
import dev.baton.store.TaskClaim;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A store that counts the calls the engine makes and the time they take (as the caller sees it: for
 * writes, queueing for the group commit included). A profiler-less view of where requests spend
 * their time. Does not own the store it wraps.
 */
final class CountingStore implements Store {
  private record Stat(LongAdder calls, LongAdder nanos) {}

  private final Store store;
  private final Map<String, Stat> stats = new ConcurrentHashMap<>();

  CountingStore(Store store) {
    this.store = store;
  }

  private <T> T timed(String what, Supplier<T> call) {
    long t0 = System.nanoTime();
    T out = call.get();
    Stat s = stats.computeIfAbsent(what, k -> new Stat(new LongAdder(), new LongAdder()));
    s.calls().increment();
    s.nanos().add(System.nanoTime() - t0);
    return out;
  }

  /** Counts so far, as {name: [calls, nanos]}. */
  Map<String, long[]> snapshot() {
    Map<String, long[]> out = new TreeMap<>();
    stats.forEach((k, v) -> out.put(k, new long[] {v.calls().sum(), v.nanos().sum()}));
    return out;
  }

  /** The calls since {@code before}, per job, with their mean time. */
  String since(Map<String, long[]> before, int jobs) {
    StringBuilder sb = new StringBuilder("  store calls per job (mean ms):");
    snapshot()
        .forEach((k, v) -> {
          long[] b = before.getOrDefault(k, new long[2]);
          long calls = v[0] - b[0];
          if (calls > 0) {
            sb.append(
                String.format(
                    Locale.ROOT,
                    " %s %.2f (%.2f)",
                    k,
                    (double) calls / jobs,
                    (v[1] - b[1]) / 1e6 / calls));
          }
        });
    return sb.toString();
  }

  @Override
  public Optional<BusinessCalendar> calendar(String name) {
    return timed("calendar", () -> store.calendar(name));
  }

  @Override
  public List<BusinessCalendar> calendars() {
    return store.calendars();
  }

  @Override
  public boolean insertCalendar(BusinessCalendar calendar) {
    return store.insertCalendar(calendar);
  }

  @Override
  public boolean updateCalendar(BusinessCalendar calendar) {
    return store.updateCalendar(calendar);
  }

  @Override
  public boolean deleteCalendar(String name) {
    return store.deleteCalendar(name);
  }

  @Override
  public void putSeries(List<SeriesMinute> minutes) {
    store.putSeries(minutes);
  }

  @Override
  public List<SeriesMinute> series(Instant from, Instant to) {
    return store.series(from, to);
  }

  @Override
  public Optional<Instant> lastSeriesMinute() {
    return store.lastSeriesMinute();
  }

  @Override
  public int forgetSeries(Instant before) {
    return store.forgetSeries(before);
  }

  @Override
  public Optional<Schedule> schedule(String id) {
    return store.schedule(id);
  }

  @Override
  public Optional<Schedule> scheduleByName(String name) {
    return store.scheduleByName(name);
  }

  @Override
  public List<Schedule> schedules() {
    return store.schedules();
  }

  @Override
  public List<Schedule> dueSchedules(Instant now, int limit) {
    return timed("dueSchedules", () -> store.dueSchedules(now, limit));
  }

  @Override
  public Optional<Instant> nextScheduleFire() {
    return timed("nextScheduleFire", store::nextScheduleFire);
  }

  @Override
  public List<ScheduleRun> scheduleRuns(String scheduleId, int limit) {
    return store.scheduleRuns(scheduleId, limit);
  }

  @Override
  public Map<JobStatus, Long> scheduleRunStatuses(String scheduleId) {
    return store.scheduleRunStatuses(scheduleId);
  }

  @Override
  public List<ScheduleRun> failedScheduleRuns(Instant since, int limit) {
    return store.failedScheduleRuns(since, limit);
  }

  @Override
  public boolean commit(Change change) {
    return timed("commit", () -> store.commit(change));
  }

  @Override
  public List<Boolean> commitAll(List<Change> changes) {
    return timed("commitAll", () -> store.commitAll(changes));
  }

  @Override
  public Optional<Job> job(String id) {
    return timed("job", () -> store.job(id));
  }

  @Override
  public Page<Job> jobs(JobQuery query) {
    return timed("jobs", () -> store.jobs(query));
  }

  @Override
  public List<JobTransition> transitions(String jobId) {
    return timed("transitions", () -> store.transitions(jobId));
  }

  @Override
  public Optional<Task> task(String id) {
    return timed("task", () -> store.task(id));
  }

  @Override
  public Map<String, Long> leasedCounts(Set<String> taskTypes) {
    return timed("leasedCounts", () -> store.leasedCounts(taskTypes));
  }

  @Override
  public List<Task> tasksOf(String jobId) {
    return timed("tasksOf", () -> store.tasksOf(jobId));
  }

  @Override
  public List<Task> claim(TaskClaim claim) {
    long t0 = System.nanoTime();
    List<Task> got = store.claim(claim);
    String what = got.isEmpty() ? "claim-empty" : "claim-hit";
    Stat s = stats.computeIfAbsent(what, k -> new Stat(new LongAdder(), new LongAdder()));
    s.calls().increment();
    s.nanos().add(System.nanoTime() - t0);
    return got;
  }

  @Override
  public List<Job> dueJobs(Instant now, int limit) {
    return timed("dueJobs", () -> store.dueJobs(now, limit));
  }

  @Override
  public List<Task> expiredTasks(Instant now, int limit) {
    return timed("expiredTasks", () -> store.expiredTasks(now, limit));
  }

  @Override
  public List<Task> leasedTo(String workerId) {
    return timed("leasedTo", () -> store.leasedTo(workerId));
  }

  @Override
  public int renewLeases(String workerId, Instant leaseUntil) {
    return timed("renewLeases", () -> store.renewLeases(workerId, leaseUntil));
  }

  @Override
  public void putWorker(Worker worker) {
    timed(
        "putWorker",
        () -> {
          store.putWorker(worker);
          return true;
        });
  }

  @Override
  public Optional<Worker> worker(String id) {
    return timed("worker", () -> store.worker(id));
  }

  @Override
  public List<Worker> workers() {
    return timed("workers", store::workers);
  }

  @Override
  public Map<JobStatus, Long> countJobs() {
    return timed("countJobs", store::countJobs);
  }

  @Override
  public Map<String, Long> countUnfinished(String blueprint, int version) {
    return timed("countUnfinished", () -> store.countUnfinished(blueprint, version));
  }

  @Override
  public List<Job> unfinishedJobs(
      String blueprint, int version, @org.jspecify.annotations.Nullable String afterId, int limit) {
    return timed("unfinishedJobs", () -> store.unfinishedJobs(blueprint, version, afterId, limit));
  }

  @Override
  public List<dev.baton.store.QueueDepth> queueDepths(Instant now) {
    return timed("queueDepths", () -> store.queueDepths(now));
  }

  @Override
  public Optional<Instant> oldestPendingNotice() {
    return timed("oldestPendingNotice", store::oldestPendingNotice);
  }

  @Override
  public List<Notice> claimNotices(Instant now, Instant leaseUntil, int limit) {
    return timed("claimNotices", () -> store.claimNotices(now, leaseUntil, limit));
  }

  @Override
  public void updateNotice(Notice notice) {
    timed(
        "updateNotice",
        () -> {
          store.updateNotice(notice);
          return true;
        });
  }

  @Override
  public int pruneDelivered(Instant before, int limit) {
    return timed("pruneDelivered", () -> store.pruneDelivered(before, limit));
  }

  @Override
  public Optional<Notice> notice(String id) {
    return timed("notice", () -> store.notice(id));
  }

  @Override
  public List<Notice> noticesOf(String jobId) {
    return timed("noticesOf", () -> store.noticesOf(jobId));
  }

  @Override
  public long consumeQuota(
      String key, String period, long limit, long units, @Nullable Instant endsAt) {
    return timed("consumeQuota", () -> store.consumeQuota(key, period, limit, units, endsAt));
  }

  @Override
  public boolean countRequest(String key, Instant now, Duration window, long limit) {
    return timed("countRequest", () -> store.countRequest(key, now, window, limit));
  }

  @Override
  public int forgetWindows(Instant before) {
    return store.forgetWindows(before);
  }

  @Override
  public boolean countExecution(String scenario, long max) {
    return store.countExecution(scenario, max);
  }

  @Override
  public Map<String, Long> executions() {
    return store.executions();
  }

  @Override
  public void resetExecutions() {
    store.resetExecutions();
  }

  @Override
  public void resetExecutions(String scenario) {
    store.resetExecutions(scenario);
  }

  @Override
  public Map<String, Long> turns(java.util.Collection<String> clients) {
    return timed("turns", () -> store.turns(clients));
  }

  @Override
  public void served(List<String> clients) {
    timed(
        "served",
        () -> {
          store.served(clients);
          return true;
        });
  }

  @Override
  public List<Job> endedBefore(Instant cutoff, int limit) {
    return store.endedBefore(cutoff, limit);
  }

  @Override
  public int forgetJobs(List<Job> jobs) {
    return store.forgetJobs(jobs);
  }

  @Override
  public long forgetLedger(Instant before, long throughSeq) {
    return store.forgetLedger(before, throughSeq);
  }

  @Override
  public int forgetQuotaWindows(Instant now, int limit) {
    return store.forgetQuotaWindows(now, limit);
  }

  @Override
  public void beat(Node node) {
    store.beat(node);
  }

  @Override
  public List<Node> nodes() {
    return store.nodes();
  }

  @Override
  public Optional<Lead> lead(String duty, String node, Instant now, Duration ttl) {
    return store.lead(duty, node, now, ttl);
  }

  @Override
  public void resign(Lead lead) {
    store.resign(lead);
  }

  @Override
  public List<Lead> leads() {
    return store.leads();
  }

  /** Leaves the wrapped store open: its owner closes it. */
  @Override
  public void close() {}
}
