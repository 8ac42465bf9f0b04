package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.app.SseReader.Sse;
import dev.baton.store.jdbc.TestPostgres;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Baton processes on one PostgreSQL: a job created on node A and finished there by A's worker
 * is seen, created and finished, by a subscriber of node B's {@code GET /api/v1/events} (B's engine
 * never touched it: the events came from A, after A's commits), and a subscriber of A still gets
 * each event once.
 */
class EventsTwoNodesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  TestApp node(TestPostgres.Database db, Path blueprints, String name) {
    TestApp app =
        TestApp.start(
            dir.resolve(name),
            blueprints,
            Map.of(
                "BATON_DATABASE_URL", db.url(),
                "BATON_DATABASE_USER", db.user(),
                "BATON_DATABASE_PASSWORD", db.password(),
                "BATON_NODE_ID", name,
                "WORKER_POLL_TIMEOUT_SECONDS", "2"));
    open.add(app);
    return app;
  }

  @Test
  void aJobCreatedAndFinishedOnOneNodeIsSeenByASubscriberOfTheOther() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("greet.yaml"),
        """
        name: greet
        start: run
        states:
          run:
            dispatch: { task: greet }
            on: { success: finished }
        """);
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, blueprints, "a");
    TestApp b = node(db, blueprints, "b");
    Worker worker =
        Worker.builder(URI.create("http://127.0.0.1:" + a.port()), "on-a")
            .token("secure-worker-token")
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .handle("greet", (task, ctx) -> TaskResult.success(Map.of("hi", "there")))
            .build();
    worker.start();
    open.add(worker::close);

    SseReader onB = SseReader.open(b.url("/api/v1/events?channels=jobs"));
    open.add(onB);
    // B listens for A's events once its listening connection is up: a probe job shows it is.
    AtomicReference<String> probe = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          probe.set(a.create("greet", "{}"));
          return onB.drain().stream().anyMatch(e -> about(e, probe.get()));
        });

    SseReader onA = SseReader.open(a.url("/api/v1/events?channels=jobs"));
    open.add(onA);
    String id = a.create("greet", "{}");
    Sse created = onB.until("jobs", "job.waiting_for_worker", id, WAIT);
    Sse finished = onB.until("jobs", "job.finished", id, WAIT);
    assertThat(finished.id()).as("B numbers A's events in A's order").isGreaterThan(created.id());
    assertThat(finished.data().path("data").path("blueprint").asString()).isEqualTo("greet");
    assertThat(finished.data().path("data").path("status").asString()).isEqualTo("finished");
    assertThat(finished.data().path("at").asString())
        .as("the time is A's, when it committed")
        .isNotBlank();

    onA.until("jobs", "job.finished", id, WAIT);
    // Anything B relayed back would reach A's subscriber a second time, before the next job's
    // events (a worker's round trip is far longer than a relay's).
    String next = a.create("greet", "{}");
    List<Sse> between = new ArrayList<>();
    Sse e = onA.next(WAIT);
    while (!(about(e, next) && e.data().path("type").asString().equals("job.finished"))) {
      between.add(e);
      e = onA.next(WAIT);
    }
    assertThat(between.stream().filter(x -> about(x, id)).toList())
        .as("A's subscriber got A's events once: B does not send them back")
        .isEmpty();
  }

  private static boolean about(Sse e, String jobId) {
    return jobId.equals(e.data().path("data").path("id").asString());
  }
}
