package dev.baton.bench;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embedded drain: {@code jobs} one-task jobs are created up front, then 8 in-process handler
 * threads take them in batches, run a no-op, and report the results, until every job is finished.
 */
public final class Drain {
  static void run(Store store, int jobs, int threads, int batch) throws Exception {
    Engine engine = Engine.builder(store).build();
    engine.register(
        Blueprint.builder("noop")
            .start("run")
            .dispatch("run", TaskSpec.of("noop", Map.of()), Map.of("success", "finished"))
            .build());
    for (int i = 0; i < threads; i++) {
      engine.registerWorker(Map.of("worker_id", "h" + i, "supported_tasks", List.of("noop")));
    }

    long t0 = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    parallel(
        threads,
        i -> {
          while (next.getAndIncrement() < jobs) {
            engine.createJob(NewJob.of("noop", Map.of("n", 1L)));
          }
        });
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    Bench.print("created", jobs, "jobs", createSeconds);

    AtomicInteger done = new AtomicInteger();
    long t1 = System.nanoTime();
    parallel(
        threads,
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
    double seconds = (System.nanoTime() - t1) / 1e9;
    long finished = store.countJobs().getOrDefault(JobStatus.FINISHED, 0L);
    if (finished != jobs) {
      throw new IllegalStateException("only " + finished + " of " + jobs + " jobs finished");
    }
    Bench.print("drained", jobs, "jobs", seconds);
    engine.close();
  }

  /** What each of {@link #parallel}'s threads runs, given its index. */
  public interface Body {
    void run(int index) throws Exception;
  }

  /**
   * Runs {@code body} on {@code threads} platform threads and waits; the first failure is thrown.
   */
  public static void parallel(int threads, Body body) throws InterruptedException {
    List<Thread> ts = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = i;
      ts.add(
          Thread.ofPlatform()
              .start(() -> {
                try {
                  body.run(index);
                } catch (Throwable e) {
                  errors.add(e);
                }
              }));
    }
    for (Thread t : ts) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("a benchmark thread failed", errors.get(0));
    }
  }
}
