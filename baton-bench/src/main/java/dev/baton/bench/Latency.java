package dev.baton.bench;

import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Dispatch latency at a low rate: one job at a time, a worker already waiting in a long-poll. The
 * clock starts right before the create (in process: {@code engine.createJob}; over HTTP: the {@code
 * POST /api/v1/jobs}) and stops when the task reaches the worker (in process: {@code engine.poll}
 * returned; over HTTP: the SDK handler starts). Each sample waits until the job is finished and
 * then pauses, so the worker is back in its long-poll before the next create. The first {@code
 * WARMUP} samples of each variant are not counted.
 */
final class Latency {
  static final int WARMUP = 200;
  private static final Duration STEP = Duration.ofSeconds(10);

  private record Started(String jobId, long at) {}

  private final BlockingQueue<Started> started = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> finished = new LinkedBlockingQueue<>();

  static void run(Store store, int samples, int pauseMillis) throws Exception {
    new Latency().go(store, samples, pauseMillis);
  }

  private void changed(Job job) {
    if (job.status() == JobStatus.FINISHED) {
      finished.add(job.id());
    }
  }

  private void go(Store store, int samples, int pauseMillis) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%d samples per variant after %d warm-up, %d ms pause between jobs%n",
        samples,
        WARMUP,
        pauseMillis);
    try (Rig rig =
        Rig.start(
            store,
            List.of(this::changed),
            List.of(Rig.oneTask("lat-local", "lat-local"), Rig.oneTask("lat-http", "lat-http")))) {
      inProcess(rig.engine, samples, pauseMillis);
      overHttp(rig, samples, pauseMillis);
    }
  }

  /** A platform thread long-polls {@code engine.poll} and completes what it gets. */
  private void inProcess(Engine engine, int samples, int pauseMillis) throws Exception {
    String worker = "lat-local";
    engine.registerWorker(Map.of("worker_id", worker, "supported_tasks", List.of("lat-local")));
    int total = WARMUP + samples;
    Thread poller =
        Thread.ofPlatform()
            .name("bench-local-worker")
            .start(() -> {
              try {
                // Bounded: one task per sample, and each empty poll waits at most a second.
                long deadline = System.nanoTime() + STEP.toNanos() * (total + 1);
                int got = 0;
                while (got < total && System.nanoTime() < deadline) {
                  for (Task t : engine.poll(worker, 1, Duration.ofSeconds(1))) {
                    started.add(new Started(t.jobId(), System.nanoTime()));
                    engine.complete(t.id(), worker, TaskResult.success(Map.of()));
                    got++;
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    long[] dispatch = new long[samples];
    long[] createCall = new long[samples];
    try {
      for (int i = 0; i < total; i++) {
        Thread.sleep(pauseMillis);
        long t0 = System.nanoTime();
        String id = engine.createJob(NewJob.of("lat-local", Map.of("n", (long) i))).id();
        long returned = System.nanoTime();
        long at = take(id);
        if (i >= WARMUP) {
          dispatch[i - WARMUP] = at - t0;
          createCall[i - WARMUP] = returned - t0;
        }
      }
    } finally {
      poller.interrupt();
      poller.join(STEP);
    }
    System.out.println("in-process create->poll " + Rig.percentiles(dispatch));
    System.out.println("in-process createJob()  " + Rig.percentiles(createCall));
  }

  /** One SDK worker with one poller; jobs created with {@code POST /api/v1/jobs}. */
  private void overHttp(Rig rig, int samples, int pauseMillis) throws Exception {
    dev.baton.worker.sdk.Worker worker =
        rig.worker(
            "lat-http",
            "lat-http",
            1,
            1,
            (task, ctx) -> {
              started.add(new Started(task.jobId(), System.nanoTime()));
              return dev.baton.worker.sdk.TaskResult.success();
            });
    long[] dispatch = new long[samples];
    long[] createCall = new long[samples];
    try (Rig.NativeClient client = new Rig.NativeClient(rig.base)) {
      worker.start();
      rig.awaitWorkers(2);
      int total = WARMUP + samples;
      for (int i = 0; i < total; i++) {
        Thread.sleep(pauseMillis);
        long t0 = System.nanoTime();
        String id = client.createJob("lat-http", i);
        long returned = System.nanoTime();
        long at = take(id);
        if (i >= WARMUP) {
          dispatch[i - WARMUP] = at - t0;
          createCall[i - WARMUP] = returned - t0;
        }
      }
    } finally {
      worker.close();
    }
    System.out.println("http create->handler    " + Rig.percentiles(dispatch));
    System.out.println("http POST /api/v1/jobs  " + Rig.percentiles(createCall));
  }

  /** When the task of job {@code id} reached its worker; returns once the job has finished. */
  private long take(String id) throws InterruptedException {
    Started s = started.poll(STEP.toMillis(), TimeUnit.MILLISECONDS);
    if (s == null || !s.jobId().equals(id)) {
      throw new IllegalStateException("job " + id + " did not reach the worker: " + s);
    }
    String done = finished.poll(STEP.toMillis(), TimeUnit.MILLISECONDS);
    if (!id.equals(done)) {
      throw new IllegalStateException("job " + id + " did not finish: " + done);
    }
    return s.at();
  }
}
