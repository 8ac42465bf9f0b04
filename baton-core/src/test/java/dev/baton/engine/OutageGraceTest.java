package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.store.StoreException;
import dev.baton.testing.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store outage longer than the worker TTL: once the store is back, a live worker's lease is not
 * expired before its next heartbeat could renew it (for one TTL, or as long as the outage lasted),
 * and a dead worker's still goes back.
 */
class OutageGraceTest {
  static final Duration TTL = Duration.ofSeconds(120);

  final ManualClock clock = new ManualClock();
  final AtomicBoolean down = new AtomicBoolean();
  Engine engine;

  @BeforeEach
  void setUp() {
    InMemoryStore memory = new InMemoryStore();
    // The sweep's reads fail while the store is down, as they do when PostgreSQL restarts.
    Store store =
        (Store)
            Proxy.newProxyInstance(
                Store.class.getClassLoader(),
                new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                  if (down.get()) {
                    throw new StoreException("the database is down", new RuntimeException());
                  }
                  try {
                    return method.invoke(memory, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    engine = Engine.builder(store).clock(clock).build();
    engine.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    for (String w : List.of("live", "gone")) {
      engine.registerWorker(Map.of("worker_id", w, "supported_tasks", List.of("greet")));
    }
  }

  @Test
  void leasesThatRanOutDuringAnOutageWaitOneTtlForTheirWorkersHeartbeat() throws Exception {
    Job first = engine.createJob(NewJob.of("hello", Map.of()));
    Task live = engine.poll("live", 1, Duration.ZERO).get(0);
    Job second = engine.createJob(NewJob.of("hello", Map.of()));
    engine.poll("gone", 1, Duration.ZERO).get(0);

    down.set(true);
    clock.advance(TTL.plusSeconds(30)); // both leases ran out while nobody could renew them
    assertThatThrownBy(engine::sweep).isInstanceOf(StoreException.class);
    down.set(false);

    assertThat(engine.sweep()).as("back, within the grace: nothing expired").isZero();
    clock.advance(Duration.ofSeconds(5));
    engine.heartbeat("live", Map.of()); // the live worker renews; "gone" never comes back
    clock.advance(TTL.minusSeconds(5)); // the grace is over
    assertThat(engine.sweep()).as("only the dead worker's lease").isEqualTo(1);

    // The live worker's result is taken (an expired lease would refuse it) ...
    engine.complete(live.id(), "live", TaskResult.success(Map.of()));
    assertThat(engine.job(first.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
    // ... and the dead worker's task is out again, for the live one.
    Task again = engine.poll("live", 1, Duration.ZERO).get(0);
    assertThat(again.jobId()).isEqualTo(second.id());
  }

  /**
   * After an outage longer than the TTL, renewals queue behind everything the outage held back, so
   * the grace lasts as long as the outage did.
   */
  @Test
  void afterAnOutageLongerThanTheTtlTheGraceLastsAsLongAsTheOutage() throws Exception {
    engine.createJob(NewJob.of("hello", Map.of()));
    engine.poll("gone", 1, Duration.ZERO).get(0);

    down.set(true);
    assertThatThrownBy(engine::sweep).isInstanceOf(StoreException.class);
    clock.advance(TTL.multipliedBy(3)); // failing all along
    assertThatThrownBy(engine::sweep).isInstanceOf(StoreException.class);
    down.set(false);

    assertThat(engine.sweep()).as("back").isZero();
    clock.advance(TTL.plusSeconds(1));
    assertThat(engine.sweep()).as("one TTL after: the outage lasted three").isZero();
    clock.advance(TTL.multipliedBy(2));
    assertThat(engine.sweep()).as("as long after as the outage lasted").isEqualTo(1);
  }

  @Test
  void withoutAnOutageLeasesExpireAsBefore() throws Exception {
    engine.createJob(NewJob.of("hello", Map.of()));
    engine.poll("gone", 1, Duration.ZERO).get(0);
    clock.advance(TTL.plusSeconds(1));
    assertThat(engine.sweep()).isEqualTo(1);
  }
}
