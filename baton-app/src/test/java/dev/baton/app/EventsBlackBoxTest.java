package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.SseReader.Sse;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/events} on a real server (SQLite) read by a real HTTP client, with jobs run by
 * a real worker: committed job changes and ledger entries arrive, {@code Last-Event-ID} resumes
 * where the client left, an id the server no longer holds gets a reset, and a client with the
 * {@code client} role receives only its own jobs' events.
 */
class EventsBlackBoxTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  TestApp app;
  Worker worker;

  private void start(Map<String, String> env) throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("greet.yaml"),
        """
        name: greet
        start: run
        states:
          run:
            dispatch: { task: greet, params: { name: "${initial_data.name}" } }
            on: { success: finished }
        """);
    Map<String, String> environment = new HashMap<>(env);
    environment.put("WORKER_POLL_TIMEOUT_SECONDS", "2");
    app = TestApp.start(dir.resolve("data"), blueprints, environment);
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "events-1")
            .token("secure-worker-token")
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .handle("greet", (task, ctx) -> TaskResult.success(Map.of("hi", "there")))
            .build();
    worker.start();
  }

  /** Two clients with the client role (alice, bob) and an operator (ops). */
  private Path clients() throws Exception {
    return Files.writeString(
        dir.resolve("clients.toml"),
        """
        [alice]
        token = "alice-token"
        monthly_attempts = 1000
        [bob]
        token = "bob-token"
        monthly_attempts = 1000
        [ops]
        token = "ops-token"
        monthly_attempts = 1000
        role = "operator"
        """);
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void committedChangesStreamAndAResumeStartsAfterTheLastEventSeen() throws Exception {
    start(Map.of());
    Sse created;
    Sse finished;
    String id;
    try (SseReader stream = SseReader.open(app.url("/api/v1/events?channels=jobs,ledger"))) {
      id = app.create("greet", "{\"name\":\"Ada\"}");
      created = stream.until("jobs", "job.waiting_for_worker", id, WAIT);
      finished = stream.until("jobs", "job.finished", id, WAIT);
      assertThat(finished.id()).isGreaterThan(created.id());
      assertThat(finished.data().path("data").path("status").asString()).isEqualTo("finished");
      Sse entry = stream.until("ledger", "job.finished", id, WAIT);
      assertThat(entry.data().path("data").path("job_id").asString()).isEqualTo(id);
    }

    // Resumed after the first event: the later ones come again, the first does not.
    try (SseReader resumed =
        SseReader.open(
            app.url("/api/v1/events?channels=jobs"), "Last-Event-ID", created.id().toString())) {
      Sse e = resumed.next(WAIT);
      assertThat(e.id()).isGreaterThan(created.id());
      while (!e.id().equals(finished.id())) {
        assertThat(e.id()).isLessThan(finished.id());
        e = resumed.next(WAIT);
      }
    }

    // An id from before the server's ring (or before a restart): read the state again.
    try (SseReader old = SseReader.open(app.url("/api/v1/events?channels=jobs&last_event_id=1"))) {
      Sse reset = old.next(WAIT);
      assertThat(reset.event()).isEqualTo("reset");
      assertThat(reset.data().path("last_event_id").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aJobEventHoldsWhatTellsTheChangeAndACoalescedStreamSendsOnlyAJobsLatestOfOneWrite()
      throws Exception {
    start(Map.of());
    Sse created;
    Sse finished;
    String id;
    try (SseReader stream = SseReader.open(app.url("/api/v1/events?channels=jobs"))) {
      id = app.create("greet", "{\"name\":\"Ada\"}");
      created = stream.until("jobs", "job.waiting_for_worker", id, WAIT);
      finished = stream.until("jobs", "job.finished", id, WAIT);
    }
    // id, blueprint, state and status; no updated_at (the event's at), no null error.
    assertThat(finished.data().path("data").propertyNames())
        .containsExactly("id", "blueprint", "state", "status");
    assertThat(finished.data().path("at").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d{1,3})?)?Z");

    // Resumed from before both, they are replayed into the stream's first write together: a
    // coalescing stream sends the job's latest only, a plain one both.
    String resume = "&last_event_id=" + (created.id() - 1);
    try (SseReader plain = SseReader.open(app.url("/api/v1/events?channels=jobs" + resume))) {
      assertThat(plain.next(WAIT).id()).isEqualTo(created.id());
      assertThat(plain.next(WAIT).id()).isEqualTo(finished.id());
    }
    try (SseReader latest =
        SseReader.open(app.url("/api/v1/events?channels=jobs&coalesce=true" + resume))) {
      Sse only = latest.next(WAIT);
      assertThat(only.id()).isEqualTo(finished.id());
      assertThat(only.data().path("type").asString()).isEqualTo("job.finished");
      assertThat(only.data().path("data").path("id").asString()).isEqualTo(id);
    }
  }

  @Test
  void badSubscriptionsAreRefusedWithTheirReason() throws Exception {
    start(Map.of());
    HttpResponse<String> unknown = app.send("GET", "/api/v1/events?channels=jobs,nope", null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown channel 'nope'");
    HttpResponse<String> bare = app.send("GET", "/api/v1/events?channels=progress:", null);
    assertThat(bare.statusCode()).isEqualTo(400);
    HttpResponse<String> typo = app.send("GET", "/api/v1/events?chanels=jobs", null);
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.body()).contains("'chanels' is not known here");
    HttpResponse<String> coalesce = app.send("GET", "/api/v1/events?coalesce=yes", null);
    assertThat(coalesce.statusCode()).isEqualTo(400);
    assertThat(coalesce.body()).contains("'coalesce' must be true or false, was 'yes'");
    HttpResponse<String> badId =
        app.send("GET", "/api/v1/events", null, "Last-Event-ID", "yesterday");
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badId.body()).contains("Last-Event-ID");
  }

  @Test
  void aClientReceivesOnlyItsOwnJobsEvents() throws Exception {
    start(Map.of("CLIENTS_CONFIG_PATH", clients().toString()));
    assertThat(app.send("GET", "/api/v1/events", null).statusCode()).isEqualTo(401);
    HttpResponse<String> ledger =
        app.send(
            "GET", "/api/v1/events?channels=ledger", null, "X-Avtomatika-Token", "alice-token");
    assertThat(ledger.statusCode()).isEqualTo(403);
    assertThat(ledger.body()).contains("the channel ledger needs operator");

    try (SseReader alice =
            SseReader.open(app.url("/api/v1/events"), "X-Avtomatika-Token", "alice-token");
        SseReader ops =
            SseReader.open(
                app.url("/api/v1/events?channels=jobs"), "Authorization", "Bearer ops-token")) {
      String bobs = app.createAs("bob-token", "greet", "{\"name\":\"x\"}");
      String alices = app.createAs("alice-token", "greet", "{\"name\":\"x\"}");
      Sse done = alice.until("jobs", "job.finished", alices, WAIT);
      ops.until("jobs", "job.finished", bobs, WAIT);
      ops.until("jobs", "job.finished", alices, WAIT);
      // Every event alice received is about her job (bob's was committed before hers finished).
      for (Sse e : alice.drain()) {
        assertThat(e.data().path("data").path("id").asString()).isEqualTo(alices);
      }
      assertThat(done.data().path("channel").asString()).isEqualTo("jobs");
    }
  }

  @Test
  void theSameEventsComeOverAWebSocketAndARefusalIsAnsweredBeforeTheUpgrade() throws Exception {
    start(Map.of("CLIENTS_CONFIG_PATH", clients().toString()));
    URI socket = URI.create("ws://127.0.0.1:" + app.port() + "/api/v1/events/ws");
    assertThat(refusal(socket, null)).isEqualTo(401);
    assertThat(refusal(URI.create(socket + "?channels=ledger"), "alice-token")).isEqualTo(403);
    assertThat(refusal(URI.create(socket + "?chanels=jobs"), "ops-token")).isEqualTo(400);
    // The socket sends each event as it comes: there is no write to coalesce.
    assertThat(refusal(URI.create(socket + "?coalesce=true"), "ops-token")).isEqualTo(400);

    String first;
    Sse finished;
    try (SseReader ops =
            SseReader.openSocket(
                URI.create(socket + "?channels=jobs,ledger"), "X-Avtomatika-Token", "ops-token");
        SseReader alice = SseReader.openSocket(socket, "Authorization", "Bearer alice-token")) {
      first = app.createAs("ops-token", "greet", "{\"name\":\"Ada\"}");
      String hers = app.createAs("alice-token", "greet", "{\"name\":\"Bo\"}");
      Sse created = ops.until("jobs", "job.waiting_for_worker", first, WAIT);
      finished = ops.until("jobs", "job.finished", first, WAIT);
      assertThat(finished.id()).isGreaterThan(created.id());
      assertThat(finished.data().path("data").path("status").asString()).isEqualTo("finished");
      ops.until("ledger", "job.finished", first, WAIT);
      // A client receives only its own jobs' events here too.
      alice.until("jobs", "job.finished", hers, WAIT);
      for (Sse e : alice.drain()) {
        assertThat(e.data().path("data").path("id").asString()).isEqualTo(hers);
      }
    }
    // A resume after the last event seen starts after it; an id the server no longer holds resets.
    try (SseReader resumed =
        SseReader.openSocket(
            URI.create(socket + "?channels=jobs&last_event_id=" + (finished.id() - 1)),
            "X-Avtomatika-Token",
            "ops-token")) {
      assertThat(resumed.next(WAIT).id()).isEqualTo(finished.id());
    }
    try (SseReader old =
        SseReader.openSocket(
            URI.create(socket + "?channels=jobs&last_event_id=1"),
            "X-Avtomatika-Token",
            "ops-token")) {
      Sse reset = old.next(WAIT);
      assertThat(reset.event()).isEqualTo("reset");
      assertThat(reset.data().path("last_event_id").asLong()).isEqualTo(1);
    }
  }

  /** The HTTP status an upgrade to {@code uri} was refused with. */
  private static int refusal(URI uri, @Nullable String token) throws Exception {
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    if (token != null) {
      b.header("X-Avtomatika-Token", token);
    }
    try {
      b.buildAsync(uri, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS).abort();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
    return 101;
  }
}
