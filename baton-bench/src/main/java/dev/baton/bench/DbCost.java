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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one-task jobs cost the database on PostgreSQL: the drain workload ({@link Drain}: create,
 * then 8 threads poll and complete in batches), with the transactions and WAL bytes per job of each
 * phase, attributed and broken down by {@link Wal}. {@code bulk=1} creates the jobs with {@link
 * Engine#createJobs} in batches of 64 instead of one by one.
 *
 * <p>{@code xact} is {@code pg_stat_database.xact_commit + xact_rollback} (every transaction, reads
 * included), read after an 11 s pause so that idle backends have reported their counts.
 */
final class DbCost {
  private DbCost() {}

  static void run(Store store, Databases dbs, int jobs, int batch, boolean bulk) throws Exception {
    try (Connection pg = dbs.postgresConnection()) {
      if (pg == null) {
        throw new IllegalArgumentException("cost measures PostgreSQL only: bench cost postgres");
      }
      Wal.prepare(pg);
      Engine engine = Engine.builder(store).build();
      engine.register(
          Blueprint.builder("noop")
              .start("run")
              .dispatch("run", TaskSpec.of("noop", Map.of()), Map.of("success", "finished"))
              .build());
      for (int i = 0; i < 8; i++) {
        engine.registerWorker(Map.of("worker_id", "h" + i, "supported_tasks", List.of("noop")));
      }
      Wal.Mark m0 = Wal.mark(pg, true);
      long t0 = System.nanoTime();
      create(engine, jobs, bulk);
      Bench.print("created", jobs, "jobs", (System.nanoTime() - t0) / 1e9);
      Wal.Mark m1 = Wal.mark(pg, true);
      long t1 = System.nanoTime();
      drain(engine, jobs, batch);
      Bench.print("drained", jobs, "jobs", (System.nanoTime() - t1) / 1e9);
      Wal.Mark m2 = Wal.mark(pg, true);
      long finished = store.countJobs().getOrDefault(JobStatus.FINISHED, 0L);
      if (finished != jobs) {
        throw new IllegalStateException("only " + finished + " of " + jobs + " jobs finished");
      }
      Wal.report(pg, bulk ? "create (bulk)" : "create", m0, m1, jobs, "job");
      Wal.report(pg, "drain", m1, m2, jobs, "job");
      Wal.report(pg, "both", m0, m2, jobs, "job");
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
}
