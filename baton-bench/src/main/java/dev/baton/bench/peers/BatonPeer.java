package dev.baton.bench.peers;

import dev.baton.bench.Drain;
import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.jdbc.JdbcStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baton embedded as a library, as its README's library example does: one blueprint whose start
 * state dispatches one {@code noop} task carrying the job's id, {@code threads} in-process pollers
 * (each its own worker) long-polling {@link Engine#poll} and reporting through the engine.
 *
 * <p>W1 enqueue: {@code threads} threads each create batches of 1,000 jobs with {@link
 * Engine#createJobs} (one transaction per batch; concurrent batches share group commits). W3:
 * {@code count} schedules with {@code interval_seconds: 1} anchored at the first fire; the task
 * carries the schedule and fire instant.
 *
 * <p>tuned (what Baton's README and benchmarks use for throughput): polls of up to 256 tasks whose
 * results go in one {@link Engine#completeAll}, schedules with overlap {@code allow}. default:
 * {@code poll(worker, 10, 30 s)} and {@link Engine#complete} per task, schedules with the default
 * policies. Engine options are the defaults in both.
 */
final class BatonPeer implements Peer {
  private static final String BLUEPRINT = "bench";
  private static final String TYPE = "noop";

  /** Jobs per bulk create: db-scheduler's harness batches 1,000 too. */
  private static final int BULK = 1000;

  private final JdbcStore store;
  private final Engine engine;
  private final boolean tuned;
  private final int threads;
  private final List<Thread> pollers = new ArrayList<>();
  private final AtomicInteger pollerErrors = new AtomicInteger();
  private volatile boolean running;

  BatonPeer(Db db, boolean tuned, int threads) {
    this.tuned = tuned;
    this.threads = threads;
    store = JdbcStore.postgres(db.url(), db.user(), db.password()); // creates the schema
    engine = Engine.builder(store).build();
    engine.register(blueprint());
  }

  @Override
  public String describe() {
    return tuned
        ? "Baton tuned: EngineOptions defaults, "
            + threads
            + " pollers poll(max=256, wait=30s) + completeAll per batch; enqueue createJobs(1000) x"
            + threads
            + " threads; schedules overlap=allow"
        : "Baton default: EngineOptions defaults, "
            + threads
            + " pollers poll(max=10, wait=30s) + complete per task; enqueue createJobs(1000) x"
            + threads
            + " threads; schedules overlap=skip, missed=all";
  }

  static Blueprint blueprint() {
    return Blueprint.builder(BLUEPRINT)
        .start("run")
        .state(
            "run",
            "dispatch",
            Set.of("finished"),
            ctx -> {
              Map<String, Object> params = new LinkedHashMap<>();
              for (String key : List.of("id", "warm")) {
                Object value = ctx.initialData().get(key);
                if (value != null) {
                  params.put(key, value);
                }
              }
              dev.baton.job.ScheduleFire fire = ctx.attributes().schedule();
              if (fire != null) {
                params.put("schedule", fire.scheduleName());
                params.put("fire_at", fire.fireAt().toString());
              }
              return Action.dispatch(TaskSpec.of(TYPE, params), Map.of("success", "finished"));
            })
        .build();
  }

  /**
   * Batches of {@link #BULK} jobs through {@link Engine#createJobs}, one per call, on each thread.
   */
  @Override
  public void enqueueBulk(int n) throws Exception {
    AtomicInteger next = new AtomicInteger();
    Drain.parallel(
        threads,
        t -> {
          for (int from = next.getAndAdd(BULK); from < n; from = next.getAndAdd(BULK)) {
            List<NewJob> batch = new ArrayList<>(BULK);
            for (int i = from; i < Math.min(n, from + BULK); i++) {
              batch.add(NewJob.of(BLUEPRINT, Map.of("id", (long) i)));
            }
            engine.createJobs(batch);
          }
        });
  }

  @Override
  public void start() {
    engine.start(); // sweeper and scheduler
    running = true;
    for (int i = 0; i < threads; i++) {
      String worker = "bench-worker-" + i;
      engine.registerWorker(Map.of("worker_id", worker, "supported_tasks", List.of(TYPE)));
      pollers.add(Thread.ofPlatform().name(worker).start(() -> pollLoop(worker)));
    }
  }

  private void pollLoop(String worker) {
    int batch = tuned ? 256 : 10;
    while (running) {
      try {
        List<Task> tasks = engine.poll(worker, batch, Duration.ofSeconds(30));
        if (tuned) {
          List<Engine.Completion> results = new ArrayList<>(tasks.size());
          for (Task t : tasks) {
            handle(t);
            results.add(new Engine.Completion(t.id(), worker, TaskResult.success(Map.of())));
          }
          if (!results.isEmpty()) {
            engine.completeAll(results);
          }
        } else {
          for (Task t : tasks) {
            handle(t);
            engine.complete(t.id(), worker, TaskResult.success(Map.of()));
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running && pollerErrors.incrementAndGet() <= 5) {
          e.printStackTrace();
        }
      }
    }
  }

  private static void handle(Task t) {
    Map<String, Object> p = t.spec().params();
    Object fireAt = p.get("fire_at");
    Object schedule = p.get("schedule");
    if (fireAt != null && schedule != null) {
      Recorder.fired(
          Integer.parseInt(schedule.toString().substring(1)),
          Instant.parse(fireAt.toString()).toEpochMilli());
    } else if (p.get("warm") != null) {
      Recorder.warmup();
    } else if (p.get("id") instanceof Number id) {
      Recorder.started(id.intValue());
    }
  }

  @Override
  public void submit(int id) {
    engine.createJob(NewJob.of(BLUEPRINT, Map.of("id", (long) id)));
  }

  @Override
  public void submitWarmup(int k) {
    engine.createJob(NewJob.of(BLUEPRINT, Map.of("warm", (long) k)));
  }

  @Override
  public boolean registerEverySecond(int count, long firstFireEpochMs) {
    String anchor = Instant.ofEpochMilli(firstFireEpochMs).toString();
    for (int i = 0; i < count; i++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", "r" + i);
      body.put("blueprint", BLUEPRINT);
      body.put("interval_seconds", 1);
      body.put("anchor", anchor);
      if (tuned) {
        body.put("overlap", "allow");
      }
      engine.schedules().create(body);
    }
    return true;
  }

  @Override
  public void close() throws Exception {
    running = false;
    for (Thread t : pollers) {
      t.interrupt();
    }
    for (Thread t : pollers) {
      t.join(5000);
    }
    if (pollerErrors.get() > 0) {
      System.err.println("baton pollers: " + pollerErrors.get() + " errors");
    }
    engine.close();
    store.close();
  }

  /** Another process's submitter: its own store (connections, writer) and engine, not started. */
  static Submitter client(Db db) {
    JdbcStore store = JdbcStore.postgres(db.url(), db.user(), db.password());
    Engine engine = Engine.builder(store).build();
    engine.register(blueprint());
    return new Submitter() {
      @Override
      public void submit(int id) {
        engine.createJob(NewJob.of(BLUEPRINT, Map.of("id", (long) id)));
      }

      @Override
      public void submitWarmup(int k) {
        engine.createJob(NewJob.of(BLUEPRINT, Map.of("warm", (long) k)));
      }

      @Override
      public void close() {
        engine.close();
        store.close();
      }
    };
  }
}
