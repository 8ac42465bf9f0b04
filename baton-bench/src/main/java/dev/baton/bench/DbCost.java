package dev.baton.bench;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one-task jobs cost the database on PostgreSQL: the drain workload ({@link Drain}: create,
 * then 8 threads poll and complete in batches), with the transactions and WAL bytes per job of each
 * phase. WAL is attributed to this benchmark's own database with {@code pg_walinspect} (the records
 * that touch its relations, and the commit records of their transactions), so other databases on
 * the same server do not count; it is broken down by table and index, with the bytes of full-page
 * images apart. {@code bulk=1} creates the jobs with {@link Engine#createJobs} in batches of 64
 * instead of one by one.
 *
 * <p>{@code xact} is {@code pg_stat_database.xact_commit + xact_rollback} (every transaction, reads
 * included), read after an 11 s pause so that idle backends have reported their counts.
 */
final class DbCost {
  private static final String RECORDS =
      """
      WITH r AS (
        SELECT xid::text AS xid, resource_manager AS rm, record_type AS rt, record_length AS len,
               fpi_length AS fpi,
               substring(block_ref from 'rel [0-9]+/([0-9]+)/[0-9]+')::oid AS db,
               substring(block_ref from 'rel [0-9]+/[0-9]+/([0-9]+)')::oid AS rfn
          FROM pg_get_wal_records_info(?::pg_lsn, ?::pg_lsn)),
      me AS (SELECT oid FROM pg_database WHERE datname = current_database()),
      ours AS (SELECT DISTINCT xid FROM r WHERE db = (SELECT oid FROM me) AND xid <> '0')
      SELECT CASE WHEN r.rm = 'Transaction' THEN 'commit records'
                  ELSE coalesce(c.relname, 'rel ' || r.rfn) || ' ' || r.rt END,
             count(*), sum(len), sum(fpi)
        FROM r LEFT JOIN pg_class c ON c.relfilenode = r.rfn
       WHERE r.db = (SELECT oid FROM me) OR (r.rm = 'Transaction' AND r.xid IN (SELECT xid FROM ours))
       GROUP BY 1 ORDER BY 3 DESC\
      """;

  private DbCost() {}

  static void run(Store store, Databases dbs, int jobs, int batch, boolean bulk) throws Exception {
    try (Connection pg = dbs.postgresConnection()) {
      if (pg == null) {
        throw new IllegalArgumentException("cost measures PostgreSQL only: bench cost postgres");
      }
      try (Statement s = pg.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
      }
      Engine engine = Engine.builder(store).build();
      engine.register(
          Blueprint.builder("noop")
              .start("run")
              .dispatch("run", TaskSpec.of("noop", Map.of()), Map.of("success", "finished"))
              .build());
      for (int i = 0; i < 8; i++) {
        engine.registerWorker(Map.of("worker_id", "h" + i, "supported_tasks", List.of("noop")));
      }
      Mark m0 = mark(pg);
      long t0 = System.nanoTime();
      create(engine, jobs, bulk);
      Bench.print("created", jobs, "jobs", (System.nanoTime() - t0) / 1e9);
      Mark m1 = mark(pg);
      long t1 = System.nanoTime();
      drain(engine, jobs, batch);
      Bench.print("drained", jobs, "jobs", (System.nanoTime() - t1) / 1e9);
      Mark m2 = mark(pg);
      long finished = store.countJobs().getOrDefault(JobStatus.FINISHED, 0L);
      if (finished != jobs) {
        throw new IllegalStateException("only " + finished + " of " + jobs + " jobs finished");
      }
      report(pg, bulk ? "create (bulk)" : "create", m0, m1, jobs);
      report(pg, "drain", m1, m2, jobs);
      report(pg, "both", m0, m2, jobs);
      engine.close();
    }
  }

  private static void create(Engine engine, int jobs, boolean bulk) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    Drain.parallel(
        8,
        i -> {
          if (!bulk) {
            while (next.getAndIncrement() < jobs) {
              engine.createJob(NewJob.of("noop", Map.of("n", 1L)));
            }
            return;
          }
          while (true) {
            int from = next.getAndAdd(64);
            if (from >= jobs) {
              return;
            }
            List<NewJob> some = new ArrayList<>();
            for (int k = from; k < Math.min(jobs, from + 64); k++) {
              some.add(NewJob.of("noop", Map.of("n", 1L)));
            }
            engine.createJobs(some);
          }
        });
  }

  private static void drain(Engine engine, int jobs, int batch) throws InterruptedException {
    AtomicInteger done = new AtomicInteger();
    Drain.parallel(
        8,
        i -> {
          String worker = "h" + i;
          while (done.get() < jobs) {
            List<Task> tasks = engine.poll(worker, batch, Duration.ZERO);
            if (tasks.isEmpty()) {
              Thread.onSpinWait();
              continue;
            }
            List<Engine.Completion> results = new ArrayList<>();
            for (Task t : tasks) {
              results.add(new Engine.Completion(t.id(), worker, TaskResult.success(Map.of())));
            }
            engine.completeAll(results);
            done.addAndGet(tasks.size());
          }
        });
  }

  private record Mark(long xact, String lsn, long lsnBytes) {}

  private static Mark mark(Connection pg) throws SQLException, InterruptedException {
    Thread.sleep(11_000); // PostgreSQL 15 backends report their counts when idle for 10 s
    try (Statement s = pg.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT xact_commit + xact_rollback, pg_current_wal_lsn()::text,"
                  + " pg_current_wal_lsn() - '0/0'::pg_lsn"
                  + " FROM pg_stat_database WHERE datname = current_database()")) {
        rs.next();
        return new Mark(rs.getLong(1), rs.getString(2), rs.getLong(3));
      }
    }
  }

  private static void report(Connection pg, String phase, Mark from, Mark to, int jobs)
      throws SQLException {
    List<String> lines = new ArrayList<>();
    long bytes = 0;
    long fpi = 0;
    long commits = 0;
    try (PreparedStatement ps = pg.prepareStatement(RECORDS)) {
      ps.setString(1, from.lsn());
      ps.setString(2, to.lsn());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long b = rs.getLong(3);
          long f = rs.getLong(4);
          bytes += b;
          fpi += f;
          if ("commit records".equals(rs.getString(1))) {
            commits = rs.getLong(2);
          }
          lines.add(
              String.format(
                  Locale.ROOT,
                  "    %-36s %8.2f records/job %8.0f B/job (of which full pages %6.0f)",
                  rs.getString(1),
                  rs.getLong(2) / (double) jobs,
                  b / (double) jobs,
                  f / (double) jobs));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-14s xact %.2f/job, write commits %.2f/job, WAL of this database %,.0f B/job"
            + " (full pages %,.0f), cluster WAL %,.0f B/job%n",
        phase,
        (to.xact() - from.xact()) / (double) jobs,
        commits / (double) jobs,
        bytes / (double) jobs,
        fpi / (double) jobs,
        (to.lsnBytes() - from.lsnBytes()) / (double) jobs);
    lines.stream().limit(30).forEach(System.out::println);
  }
}
