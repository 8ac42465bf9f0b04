package dev.baton.bench.peers;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with JobStoreTX on PostgreSQL, clustered (its schema script from the jar). default: the
 * library's defaults (idleWaitTime 30 s, batchTriggerAcquisitionMaxCount 1, misfireThreshold 60 s).
 * tuned: idleWaitTime 1 s (the smallest legal), batch acquisition of up to {@code threads} triggers
 * with acquireTriggersWithinLock, misfireThreshold 10 min (a pre-enqueued backlog older than the
 * threshold would otherwise go through misfire handling, 20 triggers a pass).
 */
final class QuartzPeer implements Peer {
  private static final String NAME = "bench";

  private final HikariDataSource ds;
  private final boolean tuned;
  private final int threads;
  private final Scheduler scheduler;

  QuartzPeer(Db db, boolean tuned, int threads) throws Exception {
    this.tuned = tuned;
    this.threads = threads;
    ds = db.pool(threads + 4, "quartz");
    createSchema(ds);
    scheduler = scheduler(ds, props("worker", tuned, threads));
  }

  private static void createSchema(HikariDataSource ds) throws Exception {
    String script;
    try (InputStream in =
        Objects.requireNonNull(
            Scheduler.class.getResourceAsStream(
                "/org/quartz/impl/jdbcjobstore/tables_postgres.sql"),
            "quartz's tables_postgres.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      if (!line.trim().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : sql.toString().split(";", -1)) {
        String t = statement.trim();
        if (!t.isEmpty() && !t.equalsIgnoreCase("commit")) {
          s.execute(t);
        }
      }
    }
  }

  private static Properties props(String instanceId, boolean tuned, int threads) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", NAME);
    p.setProperty("org.quartz.scheduler.instanceId", instanceId);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", instanceId);
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    if (tuned) {
      p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
      p.setProperty(
          "org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      p.setProperty("org.quartz.jobStore.misfireThreshold", "600000");
    }
    return p;
  }

  /** A cluster member on {@code ds}, not started; the data source is named by the instance id. */
  private static Scheduler scheduler(HikariDataSource ds, Properties props) throws Exception {
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            props.getProperty("org.quartz.jobStore.dataSource"),
            new ConnectionProvider() {
              @Override
              public Connection getConnection() throws java.sql.SQLException {
                return ds.getConnection();
              }

              @Override
              public void shutdown() {}

              @Override
              public void initialize() {}
            });
    Scheduler s = new StdSchedulerFactory(props).getScheduler();
    // Quartz keeps one scheduler per name per JVM; W3 registers through a second member.
    SchedulerRepository.getInstance().remove(NAME);
    return s;
  }

  @Override
  public String describe() {
    return tuned
        ? "Quartz tuned: JobStoreTX clustered, idleWaitTime=1s, batchTriggerAcquisitionMaxCount="
            + threads
            + ", acquireTriggersWithinLock=true, misfireThreshold=10min"
        : "Quartz default: JobStoreTX clustered, idleWaitTime=30s, batchTriggerAcquisitionMaxCount=1,"
            + " misfireThreshold=60s";
  }

  private static JobDetail job(String name) {
    return JobBuilder.newJob(NoopJob.class).withIdentity(name).build();
  }

  private static Trigger now(String name) {
    return TriggerBuilder.newTrigger().withIdentity(name).startNow().build();
  }

  @Override
  public void enqueueBulk(int n) throws Exception {
    for (int from = 0; from < n; from += 500) {
      Map<JobDetail, Set<? extends Trigger>> chunk = new LinkedHashMap<>();
      for (int i = from; i < Math.min(n, from + 500); i++) {
        chunk.put(job("j" + i), Set.of(now("t" + i)));
      }
      scheduler.scheduleJobs(chunk, false);
    }
  }

  @Override
  public void start() throws Exception {
    scheduler.start();
  }

  @Override
  public void submit(int id) throws Exception {
    scheduler.scheduleJob(job("j" + id), now("t" + id));
  }

  @Override
  public void submitWarmup(int k) throws Exception {
    scheduler.scheduleJob(job("w" + k), now("tw" + k));
  }

  @Override
  public boolean registerEverySecond(int count, long firstFireEpochMs) throws Exception {
    for (int i = 0; i < count; i++) {
      JobDetail jd = JobBuilder.newJob(RecurringJob.class).withIdentity("r" + i).build();
      Trigger t =
          TriggerBuilder.newTrigger()
              .withIdentity("rt" + i)
              .startAt(new Date(firstFireEpochMs))
              .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?"))
              .build();
      scheduler.scheduleJob(jd, t);
    }
    return true;
  }

  @Override
  public void close() throws Exception {
    scheduler.shutdown(true);
    ds.close();
  }

  /** Another process's submitter: a second cluster member, never started. */
  static Submitter client(Db db, boolean tuned) throws Exception {
    HikariDataSource ds = db.pool(2, "quartz-client");
    Scheduler client = scheduler(ds, props("client", tuned, 1));
    return new Submitter() {
      @Override
      public void submit(int id) throws Exception {
        client.scheduleJob(job("j" + id), now("t" + id));
      }

      @Override
      public void submitWarmup(int k) throws Exception {
        client.scheduleJob(job("w" + k), now("tw" + k));
      }

      @Override
      public void close() throws Exception {
        client.shutdown(false);
        ds.close();
      }
    };
  }

  /** A one-time job: the id is in the job's name ("j123"); warm-ups are "w…". */
  public static final class NoopJob implements Job {
    @Override
    public void execute(JobExecutionContext ctx) {
      String name = ctx.getJobDetail().getKey().getName();
      if (name.charAt(0) == 'w') {
        Recorder.warmup();
      } else {
        Recorder.started(Integer.parseInt(name.substring(1)));
      }
    }
  }

  /** A schedule's job ("r123"). */
  public static final class RecurringJob implements Job {
    @Override
    public void execute(JobExecutionContext ctx) {
      String name = ctx.getJobDetail().getKey().getName();
      Recorder.fired(Integer.parseInt(name.substring(1)), ctx.getScheduledFireTime().getTime());
    }
  }
}
