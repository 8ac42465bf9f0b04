package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store that cannot write or read is a 503 with Retry-After, and the health routes say so. */
class StoreUnavailableTest {
  private final FailingStore failing = new FailingStore();
  private final TestServer t = TestServer.onStore(TestServer.OPTIONS, failing::wrap);

  {
    AvtomatikaApiTest.registerApiBlueprints(t);
  }

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void writesWhileTheDiskIsFullAre503WithRetryAfterAndHealthIsDegradedUntilAWriteSucceeds() {
    assertThat(t.get("/api/v1/health").json().path("status").asString()).isEqualTo("ok");
    failing.full = true;

    for (String path : new String[] {"/api/v1/jobs", "/api/v1/jobs/greet"}) {
      Res r = t.post(path, json(Map.of("blueprint", "hello")));
      assertThat(r.status()).as(path).isEqualTo(503);
      assertThat(r.raw().headers().firstValue("Retry-After")).contains("5");
      assertThat(r.error()).startsWith("the store cannot write right now");
    }
    Res register = t.register("w1", "greet");
    assertThat(register.status()).isEqualTo(503);

    for (String path : new String[] {"/api/v1/health", "/_public/status"}) {
      Res health = t.get(path);
      assertThat(health.status()).as(path).isEqualTo(503);
      assertThat(health.json().path("status").asString()).isEqualTo("degraded");
      assertThat(health.json().path("store").asString()).isEqualTo("cannot_write");
      assertThat(health.json().path("reason").asString()).startsWith("the store cannot write");
    }

    failing.full = false;
    t.createJob("hello");
    assertThat(t.get("/api/v1/health").status()).isEqualTo(200);
    assertThat(t.get("/_public/status").json().path("status").asString()).isEqualTo("ok");
  }

  @Test
  void whileTheDatabaseIsDownReadsAndWritesAre503AndHealthIsDegraded() {
    failing.down = true;

    Res list = t.get("/api/v1/jobs");
    assertThat(list.status()).isEqualTo(503);
    assertThat(list.error()).startsWith("the store cannot be read right now");
    assertThat(t.post("/api/v1/jobs", json(Map.of("blueprint", "hello"))).status()).isEqualTo(503);
    Res poll = t.next("w1");
    assertThat(poll.status()).isEqualTo(503);
    Res health = t.get("/_public/status");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().path("store").asString()).isEqualTo("unavailable");

    failing.down = false;
    // The failed create is still shown, until a write succeeds (or 30 s pass).
    assertThat(t.get("/api/v1/health").json().path("store").asString()).isEqualTo("cannot_write");
    t.createJob("hello");
    assertThat(t.get("/api/v1/health").status()).isEqualTo(200);
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isEqualTo(1);
  }
}
