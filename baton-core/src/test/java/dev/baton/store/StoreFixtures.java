package dev.baton.store;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Page;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The values the store contracts write and expect back. Instants are whole milliseconds, and
 * numbers in data maps are Long or Double, because that is what a database gives back.
 */
public final class StoreFixtures {
  public static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private StoreFixtures() {}

  public static Notice notice(String id, String jobId, Instant due) {
    return new Notice(
        id,
        jobId,
        "job_finished",
        "http://127.0.0.1:9/hook",
        Map.of("event", "job_finished", "job_id", jobId, "result", Map.of("n", 1L)),
        Notice.Status.PENDING,
        0,
        due,
        T0,
        null);
  }

  public interface Racer {
    void run(int index) throws Exception;
  }

  /** Runs the racers on their own threads, all released at once, and rethrows any failure. */
  public static void race(int threads, Racer racer) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        running.add(
            pool.submit(() -> {
              start.await();
              racer.run(index);
              return null;
            }));
      }
      start.countDown();
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  public static List<String> ids(Page<Job> page) {
    return page.items().stream().map(Job::id).toList();
  }

  public static Job job(String id) {
    return job(id, "bp", JobStatus.PENDING, T0);
  }

  public static Job job(String id, String blueprint, JobStatus status, Instant createdAt) {
    return new Job(
        id,
        blueprint,
        1,
        "start",
        status,
        Map.of(),
        Map.of(),
        0,
        0,
        createdAt,
        createdAt,
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        JobAttributes.NONE,
        1,
        null);
  }

  public static Job withVersion(Job j, long version) {
    return new Job(
        j.id(),
        j.blueprint(),
        j.blueprintVersion(),
        j.state(),
        j.status(),
        j.initialData(),
        j.data(),
        j.priority(),
        j.retryCount(),
        j.createdAt(),
        j.updatedAt(),
        j.wakeAt(),
        j.parentJobId(),
        j.errorMessage(),
        j.failedState(),
        j.awaiting(),
        j.aggregationResults(),
        j.attributes(),
        version,
        null);
  }

  public static Job wakingAt(String id, @Nullable Instant wakeAt) {
    return job(id).toBuilder().wakeAt(wakeAt).build();
  }

  public static Job fullJob(String id, @Nullable Wait wait) {
    return new Job(
        id,
        "order-flow",
        3,
        "charging ✓",
        JobStatus.WAITING_FOR_WORKER,
        data(),
        Map.of("total", 12.5, "customer", "Zoë"),
        7,
        2,
        T0.minusMillis(1500),
        T0.plusMillis(17),
        T0.plusSeconds(30),
        "parent-1",
        "card declined — try again",
        "charge",
        wait,
        Map.of("t-9", data()),
        JobAttributes.NONE.withWebhookUrl("http://example.test/hook"),
        4,
        null);
  }

  /** Every kind of JSON value, nested, with unicode. */
  public static Map<String, Object> data() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("deep", Map.of("x", -7L, "y", List.of()));
    nested.put("nothing", null);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("long", 42L);
    data.put("big", Long.MAX_VALUE);
    data.put("double", 3.25);
    data.put("string", "héllo wörld ✓ 日本語 🎼");
    data.put("bool", true);
    data.put("null", null);
    data.put("list", Arrays.asList(1L, "two", 3.5, false, null, Map.of("k", "v")));
    data.put("nested", nested);
    return data;
  }

  public static TaskSpec fullSpec() {
    return new TaskSpec(
        "transcode",
        data(),
        7,
        Duration.ofSeconds(90),
        new RetryPolicy(5, Duration.ofMillis(250), Duration.ofMinutes(1), 1.5, 0.1),
        "least_connections",
        Map.of("gpu_info", Map.of("model", "A100", "vram_gb", 40L)),
        2.5);
  }

  public static Task task(
      String id, String jobId, String type, int priority, Instant visibleAt, Instant createdAt) {
    TaskSpec spec = TaskSpec.of(type, Map.of("n", 1L)).withPriority(priority);
    return new Task(id, jobId, spec, 1, TaskStatus.QUEUED, null, null, visibleAt, null, createdAt);
  }

  public static Task assigned(Task t, String worker) {
    return new Task(
        t.id(),
        t.jobId(),
        t.spec(),
        t.attempt(),
        t.status(),
        worker,
        t.leaseUntil(),
        t.visibleAt(),
        t.deadline(),
        t.createdAt());
  }

  public static Task withDeadline(Task t, Instant deadline) {
    return new Task(
        t.id(),
        t.jobId(),
        t.spec(),
        t.attempt(),
        t.status(),
        t.workerId(),
        t.leaseUntil(),
        t.visibleAt(),
        deadline,
        t.createdAt());
  }

  public static JobTransition transition(String jobId, String toState) {
    return new JobTransition(jobId, T0, null, toState, null, JobStatus.RUNNING, "because");
  }

  public static Worker worker(String id, Map<String, Object> info) {
    return new Worker(id, Worker.taskTypesOf(info), info, T0, T0, T0.plusSeconds(60));
  }
}
