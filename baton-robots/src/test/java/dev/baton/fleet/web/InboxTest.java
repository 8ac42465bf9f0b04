package dev.baton.fleet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.fleet.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's messages: those of one job in order, different jobs side by side, a message about
 * no job in connection order against all, a bounded number held, and a close that runs last. Each
 * handled message waits for its own release, so the test decides when each one ends.
 */
class InboxTest {
  static final Executor VIRTUAL = task -> Thread.ofVirtual().start(task);

  final List<String> started = new CopyOnWriteArrayList<>();
  final List<String> ended = new CopyOnWriteArrayList<>();
  final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

  final Inbox inbox =
      new Inbox(
          VIRTUAL,
          4,
          m -> {
            String name = m.id();
            started.add(name);
            try {
              release(name).await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            ended.add(name);
          });

  CountDownLatch release(String name) {
    return releases.computeIfAbsent(name, k -> new CountDownLatch(1));
  }

  void end(String name) {
    release(name).countDown();
    await().until(() -> ended.contains(name));
  }

  static Envelope message(String name, String jobId) {
    Map<String, Object> payload = jobId == null ? Map.of() : Map.of("job_id", jobId);
    return new Envelope("job_progress", name, Instant.EPOCH, payload, null);
  }

  @AfterEach
  void releaseAll() {
    releases.values().forEach(CountDownLatch::countDown);
  }

  @Test
  void aJobsMessagesWaitForEachOtherWhileAnotherJobsRunBeside() throws Exception {
    inbox.post(message("a1", "A"));
    inbox.post(message("a2", "A"));
    inbox.post(message("b1", "B"));
    await().until(() -> started.containsAll(List.of("a1", "b1")));
    assertThat(started).doesNotContain("a2");

    end("b1");
    assertThat(started).doesNotContain("a2");
    end("a1");
    await().until(() -> started.contains("a2"));
    end("a2");
    assertThat(ended).containsExactly("b1", "a1", "a2");
  }

  @Test
  void aMessageAboutNoJobRunsAloneInConnectionOrder() throws Exception {
    inbox.post(message("a1", "A"));
    inbox.post(message("beat", null));
    inbox.post(message("b1", "B"));
    await().until(() -> started.contains("a1"));
    assertThat(started).containsExactly("a1"); // b1 came after the heartbeat: it waits too

    end("a1");
    await().until(() -> started.contains("beat"));
    assertThat(started).containsExactly("a1", "beat");
    end("beat");
    await().until(() -> started.contains("b1"));
  }

  @Test
  void theReaderWaitsWhileTheLimitIsHeld() throws Exception {
    for (String job : List.of("A", "B", "C", "D")) {
      inbox.post(message(job.toLowerCase(), job));
    }
    Thread reader =
        Thread.ofVirtual()
            .start(() -> {
              try {
                inbox.post(message("e", "E"));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    await().until(() -> reader.getState() == Thread.State.WAITING);
    assertThat(inbox.held()).isEqualTo(4);
    assertThat(started).doesNotContain("e");

    end("c");
    await().until(() -> started.contains("e"));
    reader.join();
  }

  @Test
  void aCloseRunsAfterEveryEarlierMessageAndLaterOnesAreDropped() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    inbox.post(message("a1", "A"));
    inbox.post(message("b1", "B"));
    inbox.close(() -> order.add("closed"));
    inbox.post(message("late", "C"));
    await().until(() -> started.containsAll(List.of("a1", "b1")));
    assertThat(order).isEmpty();

    end("a1");
    end("b1");
    await().until(() -> order.contains("closed"));
    assertThat(inbox.held()).isZero();
    assertThat(started).doesNotContain("late");
  }

  @Test
  void aMessagesJobIsItsPayloadsJobId() {
    assertThat(Inbox.keyOf(message("x", "J1"))).isEqualTo("J1");
    assertThat(Inbox.keyOf(message("x", null))).isNull();
  }
}
