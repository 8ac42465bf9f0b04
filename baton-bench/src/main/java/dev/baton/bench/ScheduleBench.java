package dev.baton.bench;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.job.ScheduleFire;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Scheduler precision under load: {@code schedules} schedules, each firing every second for {@code
 * seconds} seconds (after {@value #WARMUP_SECONDS} seconds of the same for the JIT), all due at the
 * same instants. A fire counts as started when a worker's handler gets its task ({@value #POLLERS}
 * in-process pollers taking up to 256 tasks a poll, results in one {@link Engine#completeAll}, as
 * the peers harness's tuned Baton does); its lateness is that moment minus its due time. A fire of
 * the window that no handler started by the end is missed. The comparison in the issue:
 * db-scheduler (tuned) missed about 6% of such fires on this machine, Quartz's clustered JDBC store
 * over 80%. On PostgreSQL it also prints the WAL that the window's fires wrote per fire (their
 * jobs, tasks and completions included), by table and index ({@link Wal}).
 */
final class ScheduleBench {
  private final Map<String, Boolean> started = new ConcurrentHashMap<>();
  private final long[] samples;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private volatile Instant windowStart = Instant.MAX;
  private volatile Instant windowEnd = Instant.MAX;
  private Wal.@Nullable Mark walFrom;
  private Wal.@Nullable Mark walTo;
  private long runsWritten;

  /** Fires before the window warm the JVM up (JIT) and are not counted, as a server's would be. */
  private static final int WARMUP_SECONDS = 5;

  private ScheduleBench(int capacity) {
    samples = new long[capacity];
  }

  static void run(Store store, Databases dbs, int schedules, int seconds) throws Exception {
    try (Connection pg = dbs.postgresConnection()) {
      if (pg != null) {
        Wal.prepare(pg);
      }
      new ScheduleBench(schedules * (seconds + 5)).go(store, pg, schedules, seconds);
    }
  }

  private static final int POLLERS = 8;
  private static final String TYPE = "scheduled";
  private volatile boolean running = true;

  /** One task per fire, carrying its schedule and instant for the handler. */
  private static Blueprint blueprint() {
    return Blueprint.builder(TYPE)
        .start("run")
        .state(
            "run",
            "dispatch",
            Set.of("finished"),
            ctx -> {
              ScheduleFire fire = Objects.requireNonNull(ctx.attributes().schedule());
              Map<String, Object> params =
                  Map.of("schedule", fire.scheduleId(), "fire_at", fire.fireAt().toString());
              return Action.dispatch(TaskSpec.of(TYPE, params), Map.of("success", "finished"));
            })
        .build();
  }

  private void pollLoop(Engine engine, String worker) {
    while (running) {
      try {
        List<Task> tasks = engine.poll(worker, 256, Duration.ofSeconds(30));
        List<Engine.Completion> results = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
          started(t.spec().params());
          results.add(new Engine.Completion(t.id(), worker, TaskResult.success(Map.of())));
        }
        if (!results.isEmpty()) {
          engine.completeAll(results);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          e.printStackTrace();
        }
      }
    }
  }

  private void started(Map<String, Object> params) {
    long now = System.currentTimeMillis();
    Instant fire = Instant.parse(String.valueOf(params.get("fire_at")));
    if (fire.isBefore(windowStart) || !fire.isBefore(windowEnd)) {
      return;
    }
    String key = params.get("schedule") + "@" + fire.toEpochMilli();
    if (started.putIfAbsent(key, Boolean.TRUE) != null) {
      duplicates.incrementAndGet();
      return;
    }
    long i = count.getAndIncrement();
    if (i < samples.length) {
      samples[(int) i] = now - fire.toEpochMilli();
    }
  }

  private void go(Store store, @Nullable Connection pg, int schedules, int seconds)
      throws Exception {
    CountingStore counted = new CountingStore(store);
    Engine engine = Engine.builder(counted).build();
    engine.register(blueprint());
    engine.start();
    List<Thread> pollers = new ArrayList<>();
    for (int i = 0; i < POLLERS; i++) {
      String worker = "schedule-worker-" + i;
      engine.registerWorker(Map.of("worker_id", worker, "supported_tasks", List.of(TYPE)));
      pollers.add(Thread.ofPlatform().name(worker).start(() -> pollLoop(engine, worker)));
    }
    try {
      // Created well before the first fire, so creating them is not measured.
      Instant anchor =
          Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5 + schedules / 500);
      windowStart = anchor.plusSeconds(WARMUP_SECONDS);
      windowEnd = windowStart.plusSeconds(seconds);
      long t0 = System.nanoTime();
      for (int i = 0; i < schedules; i++) {
        engine
            .schedules()
            .create(
                Map.of(
                    "name",
                    "s" + i,
                    "blueprint",
                    TYPE,
                    "interval_seconds",
                    1,
                    "anchor",
                    anchor.toString(),
                    "overlap",
                    "allow",
                    "missed",
                    "all"));
      }
      System.out.printf(
          Locale.ROOT,
          "%d schedules created in %.2f s; first fire at %s, %d s of warm-up, then %d s of fires"
              + " measured%n",
          schedules,
          (System.nanoTime() - t0) / 1e9,
          anchor,
          WARMUP_SECONDS,
          seconds);
      Map<String, long[]> before = counted.snapshot();
      // The WAL of the window: each mark falls as far into its instant's writing as the other
      // (fires are written ahead of their instant), so the span holds one window of fires.
      sleepUntil(windowStart);
      walFrom = pg == null ? null : Wal.mark(pg, false);
      long runsFrom = pg == null ? 0 : runs(pg);
      sleepUntil(windowEnd);
      walTo = pg == null ? null : Wal.mark(pg, false);
      runsWritten = pg == null ? 0 : runs(pg) - runsFrom;
      sleepUntil(windowEnd.plusSeconds(3));
      System.out.println(counted.since(before, schedules * seconds));
    } finally {
      running = false;
      pollers.forEach(Thread::interrupt);
      for (Thread t : pollers) {
        t.join();
      }
      engine.close();
    }
    long expected = (long) schedules * seconds;
    long got = count.get();
    long[] late = Arrays.copyOf(samples, (int) Math.min(got, samples.length));
    Arrays.sort(late);
    System.out.printf(
        Locale.ROOT,
        "fires     %,8d expected, %,d started, %,d missed (%.3f%%), %,d twice%n",
        expected,
        got,
        expected - got,
        100.0 * (expected - got) / expected,
        duplicates.get());
    if (late.length > 0) {
      System.out.printf(
          Locale.ROOT,
          "lateness  p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (handler start after the due"
              + " time)%n",
          pct(late, 50),
          pct(late, 90),
          pct(late, 99),
          late[late.length - 1]);
    }
    if (pg != null && walFrom != null && walTo != null) {
      // After the run, so reading the WAL does not slow the fires down.
      // Per fire written between the marks: a run that falls behind writes fewer than it should.
      System.out.printf(Locale.ROOT, "fires written between the WAL marks: %,d%n", runsWritten);
      Wal.report(pg, "schedules", walFrom, walTo, Math.max(1, runsWritten), "fire");
    }
  }

  /** How many fires are recorded: one schedule run each. */
  private static long runs(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM schedule_runs")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sleepUntil(Instant t) throws InterruptedException {
    Thread.sleep(Math.max(0, t.toEpochMilli() - System.currentTimeMillis()));
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }
}
