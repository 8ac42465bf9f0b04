package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import dev.baton.store.InMemoryStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * De-duplication of jobs created over HTTP (JOB_DEDUP_WINDOW_SECONDS), as the robot fleet's: an
 * equal create within the window is a 409 naming the first job, on the native and the Avtomatika
 * route, unless it asks to bypass it.
 */
class JobDedupTest {
  private final InMemoryStore keys = new InMemoryStore();
  private final TestServer t =
      new TestServer(TestServer.OPTIONS.withJobDedup(Duration.ofSeconds(300), keys));

  {
    AvtomatikaApiTest.registerApiBlueprints(t);
  }

  @AfterEach
  void close() {
    t.close();
  }

  private long jobs() {
    return t.engine.jobs(JobQuery.all(10, 0)).total();
  }

  @Test
  void anEqualNativeCreateWithinTheWindowIsRefusedNamingTheFirstJob() {
    String body = json(Map.of("blueprint", "hello", "input", Map.of("n", 1, "m", 2)));
    Res first = t.post("/api/v1/jobs", body);
    assertThat(first.status()).isEqualTo(201);
    String id = first.json().path("id").asString();

    String reordered = json(Map.of("blueprint", "hello", "input", Map.of("m", 2, "n", 1)));
    Res again = t.post("/api/v1/jobs", reordered);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body())
        .contains("Duplicate job detected within deduplication window (job " + id + ")")
        .contains("bypass_dedup=true");

    assertThat(
            t.post("/api/v1/jobs", json(Map.of("blueprint", "hello", "input", Map.of("n", 2))))
                .status())
        .as("other input")
        .isEqualTo(201);
    assertThat(t.post("/api/v1/jobs?bypass_dedup=true", body).status()).isEqualTo(201);
    assertThat(jobs()).isEqualTo(3);
  }

  @Test
  void theAvtomatikaCreateIsDeDuplicatedToo() {
    assertThat(t.post("/api/v1/jobs/greet", "{\"initial_data\":{\"a\":1}}").status())
        .isEqualTo(202);
    Res again = t.post("/api/v1/jobs/greet", "{\"initial_data\":{\"a\":1}}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("Duplicate job detected");
    assertThat(jobs()).isEqualTo(1);
  }

  @Test
  void aReplayedIdempotencyKeyIsNotADuplicate() {
    String body = json(Map.of("blueprint", "hello"));
    assertThat(t.post("/api/v1/jobs", body, "Idempotency-Key", "k").status()).isEqualTo(201);
    assertThat(t.post("/api/v1/jobs", body, "Idempotency-Key", "k").status()).isEqualTo(200);
    assertThat(t.post("/api/v1/jobs", body, "Idempotency-Key", "other").status())
        .as("a new key with the same job is a duplicate")
        .isEqualTo(409);
    assertThat(jobs()).isEqualTo(1);
  }

  @Test
  void aCreateThatFailsHoldsNoKey() {
    String unknown = json(Map.of("blueprint", "nope"));
    assertThat(t.post("/api/v1/jobs", unknown).status()).isEqualTo(404);
    assertThat(t.post("/api/v1/jobs", unknown).status()).as("not a duplicate").isEqualTo(404);
  }

  @Test
  void aBadBypassIsA400NamingIt() {
    Res r = t.post("/api/v1/jobs?bypass_dedup=yes", json(Map.of("blueprint", "hello")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("bypass_dedup must be true or false");
  }

  @Test
  void offByDefault() {
    try (TestServer plain = new TestServer(TestServer.OPTIONS)) {
      AvtomatikaApiTest.registerApiBlueprints(plain);
      String body = json(Map.of("blueprint", "hello"));
      assertThat(plain.post("/api/v1/jobs", body).status()).isEqualTo(201);
      assertThat(plain.post("/api/v1/jobs", body).status()).isEqualTo(201);
    }
  }
}
