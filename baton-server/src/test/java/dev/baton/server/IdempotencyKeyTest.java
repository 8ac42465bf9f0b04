package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A create retried with the same Idempotency-Key returns the first job and makes no other. */
class IdempotencyKeyTest {
  private final FailingStore failing = new FailingStore();
  private final TestServer t = TestServer.onStore(TestServer.OPTIONS, failing::wrap);

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
  void theNativeCreateRetriedWithTheSameKeyAnswersTheFirstJob() {
    String body = json(Map.of("blueprint", "hello", "input", Map.of("n", 1)));
    Res first = t.post("/api/v1/jobs", body, "Idempotency-Key", "order-42");
    Res again = t.post("/api/v1/jobs", body, "Idempotency-Key", "order-42");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(first.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
    String id = first.json().path("id").asString();
    assertThat(again.json().path("id").asString()).isEqualTo(id);
    assertThat(again.raw().headers().firstValue("Location")).contains("/api/v1/jobs/" + id);
    assertThat(jobs()).isEqualTo(1);

    assertThat(t.post("/api/v1/jobs", body, "Idempotency-Key", "order-43").status()).isEqualTo(201);
    assertThat(t.post("/api/v1/jobs", body).status()).isEqualTo(201);
    assertThat(jobs()).isEqualTo(3);
  }

  @Test
  void theAvtomatikaCreateRetriedWithTheSameKeyAnswersTheFirstJob() {
    Res first = t.post("/api/v1/jobs/greet", "{\"initial_data\":{}}", "Idempotency-Key", "k1");
    Res again = t.post("/api/v1/jobs/greet", "{\"initial_data\":{}}", "Idempotency-Key", "k1");

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("job_id").asString())
        .isEqualTo(first.json().path("job_id").asString());
    assertThat(jobs()).isEqualTo(1);
    // One key names one request, whatever route it came by.
    Res nativeRetry =
        t.post("/api/v1/jobs", json(Map.of("blueprint", "greeter")), "Idempotency-Key", "k1");
    assertThat(nativeRetry.status()).isEqualTo(200);
    assertThat(jobs()).isEqualTo(1);
  }

  @Test
  void aCreateWhoseAnswerFailedAfterTheCommitIsAnsweredByItsRetry() {
    failing.failReadAfterCommit.set(
        true); // the read after the commit fails, as a dropped connection
    String body = json(Map.of("blueprint", "hello"));
    Res lost = t.post("/api/v1/jobs", body, "Idempotency-Key", "retry-me");
    assertThat(lost.status()).isEqualTo(503);
    assertThat(jobs()).isEqualTo(1);

    Res retry = t.post("/api/v1/jobs", body, "Idempotency-Key", "retry-me");
    assertThat(retry.status()).isEqualTo(200);
    assertThat(jobs()).isEqualTo(1);
  }

  @Test
  void racingRetriesMakeOneJob() {
    String body = json(Map.of("blueprint", "hello"));
    List<CompletableFuture<Res>> racing =
        IntStream.range(0, 8)
            .mapToObj(i ->
                t.sendAsync(
                    "POST",
                    "/api/v1/jobs",
                    BodyPublishers.ofString(body),
                    "Idempotency-Key",
                    "race",
                    "Content-Type",
                    "application/json"))
            .toList();
    List<Res> answers = racing.stream().map(CompletableFuture::join).toList();

    assertThat(answers).extracting(Res::status).containsOnly(200, 201);
    assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(answers.stream().map(r -> r.json().path("id").asString()).distinct()).hasSize(1);
    assertThat(jobs()).isEqualTo(1);
  }

  @Test
  void aKeyUsedForAnotherBlueprintOrMalformedIsRefused() {
    t.post("/api/v1/jobs", json(Map.of("blueprint", "hello")), "Idempotency-Key", "k");
    Res other = t.post("/api/v1/jobs", json(Map.of("blueprint", "fan")), "Idempotency-Key", "k");
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.error()).contains("was used for a job of blueprint 'hello'");

    Res empty = t.post("/api/v1/jobs", json(Map.of("blueprint", "hello")), "Idempotency-Key", "");
    assertThat(empty.status()).isEqualTo(400);
    Res tooLong =
        t.post(
            "/api/v1/jobs", json(Map.of("blueprint", "hello")), "Idempotency-Key", "x".repeat(256));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error()).startsWith("header 'Idempotency-Key' must be 1 to 255 printable");
    assertThat(jobs()).isEqualTo(1);
  }
}
