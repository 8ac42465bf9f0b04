package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import dev.baton.server.access.TokenClients;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a client's monthly quota counts one attempt per job of a batch, not one per request. A
 * batch that does not fit in what is left is a 429 that creates nothing and uses nothing more.
 */
class BatchQuotaTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
  final InMemoryStore quotas = new InMemoryStore();
  final TestServer t =
      new TestServer(
          TestServer.OPTIONS.withClientAccess(
              new TokenClients(
                  List.of(
                      new TokenClients.Entry(
                          "ten-token", new Client("ten", "basic", Map.of(), 10L, Role.CLIENT))),
                  quotas,
                  clock,
                  ZoneOffset.UTC)));

  @AfterEach
  void close() {
    t.close();
  }

  Res batch(int jobs) {
    String body = json(Map.of("jobs", Collections.nCopies(jobs, Map.of("blueprint", "hello"))));
    return t.send("POST", "/api/v1/jobs/batch", body, "X-Avtomatika-Token", "ten-token");
  }

  @Test
  void eachJobOfABatchCountsOneAttempt() {
    assertThat(batch(4).status()).isEqualTo(201); // 4 of 10 used
    Res tooMany = batch(7); // the request's own attempt fits, its 6 more do not
    assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(429);
    assertThat(tooMany.error())
        .isEqualTo(
            "Quota exceeded or not configured: a batch of 7 jobs counts 7 attempts, more than"
                + " client 'ten' has left this month");
    assertThat(t.engine.jobs(JobQuery.all(100, 0)).total()).isEqualTo(4);
    // The refused batch used the one attempt the gate counts for every request: 5 left.
    assertThat(batch(5).status()).isEqualTo(201);
    assertThat(t.engine.jobs(JobQuery.all(100, 0)).total()).isEqualTo(9);
    Res spent = batch(1);
    assertThat(spent.status()).isEqualTo(429);
    assertThat(spent.error()).isEqualTo("Quota exceeded or not configured");
  }
}
