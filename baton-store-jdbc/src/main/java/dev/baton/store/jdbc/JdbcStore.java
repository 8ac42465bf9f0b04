package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
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
import dev.baton.store.Broadcast;
import dev.baton.store.Change;
import dev.baton.store.QueueDepth;
import dev.baton.store.Store;
import dev.baton.store.StoreException;
import dev.baton.store.TaskClaim;
import dev.baton.store.Wakeups;
import dev.baton.worker.Worker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store on SQLite (a file, the embedded default) or PostgreSQL (production; several Baton
 * processes may share one database).
 *
 * <p>Writes ({@link #commit}, {@link #claim}, {@link #renewLeases}, {@link #putWorker}) go through
 * one writer thread that group-commits them: whatever is queued runs in one transaction, and each
 * caller returns once that transaction is durable. A write costs its caller about one commit
 * latency (an fsync, 1-3 ms on a plain disk), whatever the load; throughput grows with the number
 * of concurrent callers, because every commit carries all the writes that waited for it. Reads go
 * straight to a small pool and see every write that has returned.
 *
 * <p>On PostgreSQL the claims of tasks ({@link #claim}, {@link #claimTasks}, {@link #claimTask})
 * have a writer and a connection of their own: a worker's claim then waits for the claims queued
 * with it, not behind a group commit of a thousand results or schedule fires (issue 16). Claims
 * lease only queued rows and skip locked ones, so they run beside the other writes as another Baton
 * process's claims do. SQLite has one writer for everything: the file has one write lock.
 *
 * <p>Instants are stored as epoch milliseconds (anything finer is dropped), and numbers in data
 * maps come back as {@code Long} or {@code Double}.
 *
 * <p>Opening a store creates or migrates the schema; a database written by a newer Baton is
 * refused. {@link #close} finishes queued writes, then closes the connections.
 */
public final class JdbcStore implements Store, FleetStore {
  private final Dialect dialect;
  private final Pools pools;
  private final Writer writer;
  private final Writer claims; // the writer itself on SQLite
  private final JdbcLedger ledger = new JdbcLedger(this);
  private final CalendarSql calendarSql = new CalendarSql();
  private final JdbcDefinitions definitions = new JdbcDefinitions(this);
  private final TurnsSeen turns = new TurnsSeen();
  private volatile @Nullable PostgresWakeups wakeups;
  private volatile @Nullable PostgresBroadcast broadcast;

  private JdbcStore(Dialect dialect, Pools pools) {
    this.dialect = dialect;
    this.pools = pools;
    try {
      Migrations.migrate(pools.reads(), pools.unpooled(), dialect);
    } catch (RuntimeException e) {
      pools.close();
      throw e;
    }
    this.writer = new Writer(pools.writes(), "baton-store-writer-" + dialect.name(), dialect);
    HikariDataSource claimPool = pools.claims();
    this.claims =
        claimPool == null
            ? writer
            : new Writer(claimPool, "baton-store-claims-" + dialect.name(), dialect);
  }

  /** A store in a SQLite file, created with its folders if missing. */
  /**
   * Registers the store's meters on {@code registry}: both connection pools (HikariCP's {@code
   * hikaricp_*} meters, by pool name) and the writer's queue, batch size and commit latency.
   */
  public void bindMeters(io.micrometer.core.instrument.MeterRegistry registry) {
    pools.writes().setMetricRegistry(registry);
    pools.reads().setMetricRegistry(registry);
    HikariDataSource claimPool = pools.claims();
    if (claimPool != null) {
      claimPool.setMetricRegistry(registry);
    }
    writer.meter(WriterMeters.on(registry, writer));
  }

  public static JdbcStore sqlite(Path file) {
    return open(new SqliteDialect(), () -> Pools.sqlite(file));
  }

  /** A store in a PostgreSQL database; the schema is created in the connection's schema. */
  public static JdbcStore postgres(String jdbcUrl, String user, String password) {
    JdbcStore store = open(new PostgresDialect(), () -> Pools.postgres(jdbcUrl, user, password));
    try {
      String schema = store.read(PostgresWakeups::schemaOf);
      store.wakeups = new PostgresWakeups(jdbcUrl, user, password, schema);
      store.writer.announce(store.wakeups);
      store.broadcast = new PostgresBroadcast(jdbcUrl, user, password, store.wakeups);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Other processes' new tasks and schedule changes, on PostgreSQL (LISTEN/NOTIFY). */
  @Override
  public Wakeups wakeups() {
    PostgresWakeups w = wakeups;
    return w == null ? Wakeups.NONE : w;
  }

  /** Messages to the other processes on this PostgreSQL schema (NOTIFY); none on SQLite. */
  @Override
  public Broadcast broadcast() {
    PostgresBroadcast b = broadcast;
    return b == null ? Broadcast.NONE : b;
  }

  /**
   * A store by JDBC URL: {@code jdbc:sqlite:<file>} (user and password ignored) or {@code
   * jdbc:postgresql://...}.
   */
  public static JdbcStore open(String jdbcUrl, String user, String password) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      String file = jdbcUrl.substring("jdbc:sqlite:".length());
      if (file.isBlank() || file.startsWith(":memory:") || file.startsWith("file:")) {
        throw new IllegalArgumentException(
            "a SQLite store needs a plain file path, like jdbc:sqlite:./data/baton.db; was "
                + jdbcUrl);
      }
      return sqlite(Path.of(file));
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return postgres(jdbcUrl, user, password);
    }
    throw new IllegalArgumentException(
        "unsupported database URL "
            + jdbcUrl
            + "; expected jdbc:sqlite:<file> or jdbc:postgresql://host/db");
  }

  private static JdbcStore open(Dialect dialect, Supplier<Pools> pools) {
    Pools opened;
    try {
      opened = pools.get();
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the " + dialect.name() + " database", e);
    }
    return new JdbcStore(dialect, opened);
  }

  // ---- Commits

  @Override
  public boolean commit(Change change) {
    return writer.submit(new WriteRequest.Commit(change));
  }

  @Override
  public List<Boolean> commitAll(List<Change> changes) {
    return writer.submitAll(changes.stream().map(WriteRequest.Commit::new).toList());
  }

  // ---- JobStore

  @Override
  public List<Task> claim(TaskClaim claim) {
    return claimWrite(c -> TaskSql.claim(c, dialect, claim, turns));
  }

  @Override
  public List<Task> leasedTo(String workerId) {
    return read(c -> TaskSql.leasedTo(c, workerId));
  }

  @Override
  public int renewLeases(String workerId, Instant leaseUntil) {
    return write(c -> TaskSql.renewLeases(c, workerId, leaseUntil));
  }

  @Override
  public void putWorker(Worker worker) {
    write(c -> {
      WorkerSql.put(c, worker);
      return true;
    });
  }

  @Override
  public Optional<Job> job(String id) {
    return read(c -> JobSql.byId(c, id));
  }

  @Override
  public Page<Job> jobs(JobQuery query) {
    return read(c -> JobSql.page(c, query));
  }

  @Override
  public List<JobTransition> transitions(String jobId) {
    return read(c -> TransitionSql.ofJob(c, jobId));
  }

  @Override
  public Optional<Task> task(String id) {
    return read(c -> TaskSql.byId(c, id));
  }

  @Override
  public List<Task> tasksOf(String jobId) {
    return read(c -> TaskSql.ofJob(c, jobId));
  }

  @Override
  public List<Job> dueJobs(Instant now, int limit) {
    return read(c -> JobSql.due(c, now, limit));
  }

  @Override
  public List<Task> expiredTasks(Instant now, int limit) {
    return read(c -> TaskSql.expired(c, now, limit));
  }

  @Override
  public Optional<Worker> worker(String id) {
    return read(c -> WorkerSql.byId(c, id));
  }

  @Override
  public List<Worker> workers() {
    return read(WorkerSql::all);
  }

  @Override
  public Map<JobStatus, Long> countJobs() {
    return read(JobSql::countByStatus);
  }

  @Override
  public Map<String, Long> countUnfinished(String blueprint, int version) {
    return read(c -> UnfinishedJobSql.countByState(c, blueprint, version));
  }

  @Override
  public List<Job> unfinishedJobs(
      String blueprint, int version, @Nullable String afterId, int limit) {
    return read(c -> UnfinishedJobSql.page(c, blueprint, version, afterId, limit));
  }

  @Override
  public List<QueueDepth> queueDepths(Instant now) {
    return read(c -> TaskQueueSql.depths(c, now));
  }

  // ---- NoticeStore and QuotaStore

  @Override
  public List<Notice> claimNotices(Instant now, Instant leaseUntil, int limit) {
    return write(c -> NoticeSql.claim(c, dialect, now, leaseUntil, limit));
  }

  @Override
  public void updateNotice(Notice notice) {
    write(c -> {
      NoticeSql.update(c, notice);
      return true;
    });
  }

  @Override
  public Optional<Instant> oldestPendingNotice() {
    return read(NoticeSql::oldestPending);
  }

  @Override
  public int pruneDelivered(Instant before, int limit) {
    return write(c -> NoticeSql.pruneDelivered(c, before, limit));
  }

  @Override
  public Optional<Notice> notice(String id) {
    return read(c -> NoticeSql.byId(c, id));
  }

  @Override
  public List<Notice> noticesOf(String jobId) {
    return read(c -> NoticeSql.ofJob(c, jobId));
  }

  @Override
  public long consumeQuota(
      String key, String period, long limit, long units, @Nullable Instant endsAt) {
    return write(c -> QuotaSql.consume(c, key, period, limit, units, endsAt));
  }

  // ---- CounterStore

  @Override
  public boolean countRequest(String key, Instant now, Duration window, long limit) {
    return write(c -> CounterSql.countRequest(c, key, now, window, limit));
  }

  @Override
  public int forgetWindows(Instant before) {
    return write(c -> CounterSql.forgetWindows(c, before));
  }

  @Override
  public boolean countExecution(String scenario, long max) {
    return write(c -> CounterSql.countExecution(c, scenario, max));
  }

  @Override
  public Map<String, Long> executions() {
    return read(CounterSql::executions);
  }

  @Override
  public void resetExecutions() {
    write(c -> {
      CounterSql.resetExecutions(c);
      return true;
    });
  }

  @Override
  public void resetExecutions(String scenario) {
    write(c -> {
      CounterSql.resetExecutions(c, scenario);
      return true;
    });
  }

  @Override
  public Map<String, Long> turns(Collection<String> clients) {
    return clients.isEmpty() ? Map.of() : read(c -> CounterSql.turns(c, clients));
  }

  @Override
  public void served(List<String> clients) {
    if (!clients.isEmpty()) {
      write(c -> {
        CounterSql.served(c, dialect, clients);
        turns.saw();
        return true;
      });
    }
  }

  // ---- RetentionStore

  @Override
  public List<Job> endedBefore(Instant cutoff, int limit) {
    return read(c -> RetentionSql.endedBefore(c, cutoff, limit));
  }

  @Override
  public int forgetJobs(List<Job> jobs) {
    return write(c -> RetentionSql.forgetJobs(c, dialect, jobs));
  }

  @Override
  public long forgetLedger(Instant before, long throughSeq) {
    return write(c -> RetentionSql.forgetLedger(c, before, throughSeq));
  }

  @Override
  public int forgetQuotaWindows(Instant now, int limit) {
    return write(c -> QuotaSql.forgetPassed(c, now, limit));
  }

  // ---- ClusterStore

  @Override
  public void beat(Node node) {
    write(c -> {
      ClusterSql.beat(c, node);
      return true;
    });
  }

  @Override
  public List<Node> nodes() {
    return read(ClusterSql::nodes);
  }

  @Override
  public Optional<Lead> lead(String duty, String node, Instant now, Duration ttl) {
    return write(c -> ClusterSql.lead(c, duty, node, now, ttl));
  }

  @Override
  public void resign(Lead lead) {
    write(c -> {
      ClusterSql.resign(c, lead);
      return true;
    });
  }

  @Override
  public List<Lead> leads() {
    return read(ClusterSql::leads);
  }

  /**
   * The ledger in this database. Job transitions reach it with the commit that makes them: each is
   * its job's entry ({@link dev.baton.store.Change.AppendTransition}).
   */
  public Ledger ledger() {
    return ledger;
  }

  // ---- CalendarStore

  @Override
  public Optional<BusinessCalendar> calendar(String name) {
    return read(c -> calendarSql.byName(c, name));
  }

  @Override
  public List<BusinessCalendar> calendars() {
    return read(calendarSql::all);
  }

  @Override
  public boolean insertCalendar(BusinessCalendar calendar) {
    return write(c -> calendarSql.insert(c, calendar));
  }

  @Override
  public boolean updateCalendar(BusinessCalendar calendar) {
    return write(c -> calendarSql.update(c, calendar));
  }

  @Override
  public boolean deleteCalendar(String name) {
    return write(c -> calendarSql.delete(c, name));
  }

  // ---- SeriesStore

  @Override
  public void putSeries(List<SeriesMinute> minutes) {
    if (!minutes.isEmpty()) {
      write(c -> SeriesSql.put(c, minutes));
    }
  }

  @Override
  public List<SeriesMinute> series(Instant from, Instant to) {
    return from.isBefore(to) ? read(c -> SeriesSql.range(c, from, to)) : List.of();
  }

  @Override
  public Optional<Instant> lastSeriesMinute() {
    return read(SeriesSql::last);
  }

  @Override
  public int forgetSeries(Instant before) {
    return write(c -> SeriesSql.forget(c, before));
  }

  /** The stored definitions; a publish's ledger entry goes in with it. */
  public DefinitionStore definitions() {
    return definitions;
  }

  // ---- FleetStore

  @Override
  public void putDeployment(Deployment deployment) {
    write(c -> {
      DeploymentSql.put(c, deployment);
      return true;
    });
  }

  @Override
  public boolean moveDeployment(Deployment expected, Deployment next) {
    return write(c -> DeploymentSql.move(c, expected, next));
  }

  @Override
  public Optional<Deployment> deployment(String workflowId, String robotId) {
    return read(c -> DeploymentSql.one(c, workflowId, robotId));
  }

  @Override
  public List<Deployment> deploymentsOf(String workflowId) {
    return read(c -> DeploymentSql.ofWorkflow(c, workflowId));
  }

  @Override
  public List<Deployment> deploymentsTo(String robotId) {
    return read(c -> DeploymentSql.toRobot(c, robotId));
  }

  @Override
  public boolean deleteDeployment(String workflowId, String robotId) {
    return write(c -> DeploymentSql.delete(c, workflowId, robotId));
  }

  @Override
  public void putRobot(Robot robot) {
    write(c -> {
      RobotSql.put(c, robot);
      return true;
    });
  }

  @Override
  public void putRobotForAll(Robot robot) {
    write(c -> {
      RobotSql.put(c, robot);
      announce(c, Wakeups.Kind.ROBOTS);
      return true;
    });
  }

  @Override
  public void queueCommand(RobotCommand command) {
    write(c -> {
      RobotCommandSql.queue(c, command);
      announce(c, Wakeups.Kind.ROBOTS);
      return true;
    });
  }

  @Override
  public List<RobotCommand> takeCommands(Collection<String> robotIds) {
    return robotIds.isEmpty() ? List.of() : write(c -> RobotCommandSql.take(c, robotIds));
  }

  @Override
  public Optional<Robot> robot(String id) {
    return read(c -> RobotSql.byId(c, id));
  }

  @Override
  public List<Robot> robots() {
    return read(RobotSql::all);
  }

  @Override
  public Optional<String> claimKey(
      String key, String owner, Instant now, @Nullable Instant expiresAt) {
    return write(c -> JobKeySql.claim(c, key, owner, now, expiresAt));
  }

  @Override
  public void moveKey(String key, String from, String to) {
    write(c -> {
      JobKeySql.move(c, key, from, to);
      return true;
    });
  }

  @Override
  public void releaseKey(String key, String owner) {
    write(c -> {
      JobKeySql.release(c, key, owner);
      return true;
    });
  }

  @Override
  public void putRun(RobotRun run) {
    write(c -> {
      RobotRunSql.put(c, run);
      return true;
    });
  }

  @Override
  public Optional<RobotRun> run(String jobId) {
    return read(c -> RobotRunSql.byJob(c, jobId));
  }

  @Override
  public void finishRun(String jobId, String outcome, Instant at) {
    write(c -> {
      RobotRunSql.finish(c, dialect, jobId, outcome, at);
      return true;
    });
  }

  @Override
  public RunStats runStats(Instant since) {
    return read(c -> RobotRunSql.stats(c, since));
  }

  @Override
  public void countOutcome(String robotId, String workflowId, boolean success) {
    if (success) {
      write(c -> {
        RobotRunSql.countSuccess(c, robotId, workflowId);
        return true;
      });
    }
  }

  @Override
  public Map<String, Long> successes(String workflowId) {
    return read(c -> RobotRunSql.successes(c, workflowId));
  }

  @Override
  public void appendLogs(List<JobLog> logs) {
    write(c -> {
      JobLogSql.append(c, logs);
      return true;
    });
  }

  @Override
  public List<JobLog> logs(String jobId, int offset, int limit) {
    return read(c -> JobLogSql.ofJob(c, jobId, offset, limit));
  }

  @Override
  public List<JobLog> newestLogs(String jobId, int limit) {
    return read(c -> JobLogSql.newestOfJob(c, jobId, limit));
  }

  @Override
  public long jobsCreatedSince(String blueprint, Instant since) {
    return read(c -> TaskQueueSql.jobsCreatedSince(c, blueprint, since));
  }

  @Override
  public List<Task> queuedTasks(Set<String> taskTypes, Instant now, int limit) {
    return read(c -> TaskQueueSql.queued(c, List.copyOf(taskTypes), now, limit));
  }

  @Override
  public Map<String, Long> leasedCounts(Set<String> taskTypes) {
    return read(c -> TaskQueueSql.leasedCounts(c, List.copyOf(taskTypes)));
  }

  @Override
  public List<Task> claimTasks(
      Map<String, String> workerByTask, Instant leaseUntil, Map<String, Integer> caps) {
    return claimWrite(c -> {
      TypeCaps room = new TypeCaps(c, dialect, caps);
      List<Task> out = new ArrayList<>();
      for (Map.Entry<String, String> e : workerByTask.entrySet()) {
        if (room.admits(TaskQueueSql.typeOf(c, e.getKey()))) {
          TaskQueueSql.claim(c, e.getKey(), e.getValue(), leaseUntil)
              .ifPresent(t -> {
                out.add(t);
                room.took(t.type());
              });
        }
      }
      return out;
    });
  }

  @Override
  public Optional<Task> claimTask(String taskId, String workerId, Instant leaseUntil) {
    return claimWrite(c -> TaskQueueSql.claim(c, taskId, workerId, leaseUntil));
  }

  Writer writer() {
    return writer;
  }

  // ---- ScheduleStore

  @Override
  public Optional<Schedule> schedule(String id) {
    return read(c -> ScheduleSql.byId(c, id));
  }

  @Override
  public Optional<Schedule> scheduleByName(String name) {
    return read(c -> ScheduleSql.byName(c, name));
  }

  @Override
  public List<Schedule> schedules() {
    return read(ScheduleSql::all);
  }

  @Override
  public List<Schedule> dueSchedules(Instant now, int limit) {
    return read(c -> ScheduleSql.due(c, now, limit));
  }

  @Override
  public Optional<Instant> nextScheduleFire() {
    return read(ScheduleSql::nextFire);
  }

  @Override
  public List<ScheduleRun> scheduleRuns(String scheduleId, int limit) {
    return read(c -> ScheduleSql.runs(c, scheduleId, limit));
  }

  @Override
  public Map<JobStatus, Long> scheduleRunStatuses(String scheduleId) {
    return read(c -> ScheduleSql.runStatuses(c, scheduleId));
  }

  @Override
  public List<ScheduleRun> failedScheduleRuns(Instant since, int limit) {
    return read(c -> ScheduleSql.failedRuns(c, since, limit));
  }

  /**
   * Tells the other processes, once the transaction of {@code c} commits, that {@code kind}
   * changed.
   */
  void announce(Connection c, Wakeups.Kind kind) throws SQLException {
    PostgresWakeups w = wakeups;
    if (w != null) {
      w.notify(c, kind, 1);
    }
  }

  /** Through the group-commit writer: in the next shared transaction, answered after its commit. */
  <T> T write(Sql.Callback<T> work) {
    return writer.submit(new WriteRequest.Work<>(work));
  }

  /** A claim of tasks, through the claims' writer (the writer itself on SQLite). */
  private <T> T claimWrite(Sql.Callback<T> work) {
    return claims.submit(new WriteRequest.Work<>(work));
  }

  /** On a pooled read connection: sees every write that has returned. */
  <T> T read(Sql.Callback<T> query) {
    try (Connection c = pools.reads().getConnection()) {
      return query.run(c);
    } catch (SQLException e) {
      throw new StoreException("the store could not read: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    PostgresBroadcast b = broadcast;
    if (b != null) {
      b.close();
    }
    PostgresWakeups w = wakeups;
    if (w != null) {
      w.close();
    }
    writer.close();
    if (claims != writer) {
      claims.close();
    }
    pools.close();
  }
}
