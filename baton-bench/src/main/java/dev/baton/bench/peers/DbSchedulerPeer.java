package dev.baton.bench.peers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * db-scheduler on its one table (the DDL of its documented PostgreSQL schema). default: the
 * library's defaults (fetch, pollingInterval 10 s, no immediate execution). tuned: as its README
 * advises for throughput: lock-and-fetch ({@code select ... for update skip locked}) with limits
 * (1.0, 4.0), pollingInterval 100 ms, {@code enableImmediateExecution()}.
 */
final class DbSchedulerPeer implements Peer {
  private static final String DDL =
      "create table scheduled_tasks ("
          + " task_name text not null, task_instance text not null, task_data bytea,"
          + " execution_time timestamptz not null, picked boolean not null, picked_by text,"
          + " last_success timestamptz, last_failure timestamptz, consecutive_failures int,"
          + " last_heartbeat timestamptz, version bigint not null, priority smallint,"
          + " primary key (task_name, task_instance));"
          + "create index on scheduled_tasks (execution_time);"
          + "create index on scheduled_tasks (last_heartbeat);"
          + "create index on scheduled_tasks (priority desc, execution_time asc);";

  private final HikariDataSource ds;
  private final boolean tuned;
  private final int threads;
  private final List<RecurringTask<Void>> recurring = new ArrayList<>();
  private final SchedulerClient client;
  private @Nullable Scheduler scheduler;

  DbSchedulerPeer(Db db, boolean tuned, int threads) throws Exception {
    this.tuned = tuned;
    this.threads = threads;
    ds = db.pool(threads + 4, "db-scheduler");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(DDL);
    }
    client = SchedulerClient.Builder.create(ds, NOOP, WARM).build();
  }

  private static final OneTimeTask<Void> NOOP =
      Tasks.oneTime("noop")
          .execute((inst, ctx) -> Recorder.started(Integer.parseInt(inst.getId())));
  private static final OneTimeTask<Void> WARM =
      Tasks.oneTime("warm").execute((inst, ctx) -> Recorder.warmup());

  @Override
  public String describe() {
    return tuned
        ? "db-scheduler tuned: lock-and-fetch(1.0,4.0), pollingInterval=100ms,"
            + " enableImmediateExecution, threads="
            + threads
        : "db-scheduler default: fetch(0.5,3.0), pollingInterval=10s, threads=" + threads;
  }

  private Scheduler scheduler() {
    Scheduler s = scheduler;
    if (s == null) {
      // startTasks registers the recurring tasks itself: only the one-time tasks go here.
      List<Task<?>> oneTime = List.of(NOOP, WARM);
      SchedulerBuilder b = Scheduler.create(ds, oneTime).threads(threads);
      if (!recurring.isEmpty()) {
        b.startTasks(recurring);
      }
      if (tuned) {
        b.pollingInterval(Duration.ofMillis(100))
            .pollUsingLockAndFetch(1.0, 4.0)
            .enableImmediateExecution();
      }
      s = b.build();
      scheduler = s;
    }
    return s;
  }

  @Override
  public void enqueueBulk(int n) {
    Instant now = Instant.now();
    for (int from = 0; from < n; from += 1000) {
      List<TaskInstance<?>> batch = new ArrayList<>(1000);
      for (int i = from; i < Math.min(n, from + 1000); i++) {
        batch.add(NOOP.instance(Integer.toString(i)));
      }
      client.scheduleBatch(batch, now);
    }
  }

  @Override
  public void start() {
    scheduler().start();
  }

  @Override
  public void submit(int id) {
    scheduler().schedule(NOOP.instance(Integer.toString(id)), Instant.now());
  }

  @Override
  public void submitWarmup(int k) {
    scheduler().schedule(WARM.instance("w" + k), Instant.now());
  }

  @Override
  public boolean registerEverySecond(int count, long firstFireEpochMs) {
    for (int i = 0; i < count; i++) {
      int index = i;
      recurring.add(
          Tasks.recurring("r" + i, Schedules.cron("* * * * * *"))
              .execute((inst, ctx) ->
                  Recorder.fired(index, ctx.getExecution().executionTime.toEpochMilli())));
    }
    return true;
  }

  @Override
  public void close() {
    Scheduler s = scheduler;
    if (s != null) {
      s.stop();
    }
    ds.close();
  }

  /** Another process's submitter: a {@link SchedulerClient} on its own pool. */
  static Submitter client(Db db) {
    HikariDataSource ds = db.pool(2, "db-scheduler-client");
    SchedulerClient c = SchedulerClient.Builder.create(ds, NOOP, WARM).build();
    return new Submitter() {
      @Override
      public void submit(int id) {
        c.schedule(NOOP.instance(Integer.toString(id)), Instant.now());
      }

      @Override
      public void submitWarmup(int k) {
        c.schedule(WARM.instance("w" + k), Instant.now());
      }

      @Override
      public void close() {
        ds.close();
      }
    };
  }
}
