package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.TestServer.Res;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /api/v1/ledger and the audit of administrative requests, through the real server. */
class LedgerRoutesTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  final TestServer t =
      new TestServer(
          TestServer.OPTIONS,
          store -> List.of(new LedgerRoutes(store.ledger(), Clock.systemUTC())));

  @AfterEach
  void close() {
    t.close();
  }

  JsonNode page(String query) {
    Res r = t.get("/api/v1/ledger" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  List<String> types(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(e -> out.add(e.get("type").asString()));
    return out;
  }

  @Test
  void aJobsTransitionsAndItsCancelAreInTheLedger() {
    String id = t.createJob("hello").get("id").asString();
    assertThat(t.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(200);

    JsonNode ofJob = page("?job_id=" + id + "&order=asc");
    assertThat(types(ofJob))
        .containsExactly("job.waiting_for_worker", "job.cancelled", "admin.cancel");
    JsonNode cancel = ofJob.get("items").get(2);
    assertThat(cancel.get("source").asString()).isEqualTo("api");
    assertThat(cancel.get("details").get("client").asString()).isEqualTo("anonymous");
    assertThat(cancel.get("details").get("path").asString())
        .isEqualTo("/api/v1/jobs/" + id + "/cancel");
    assertThat(ofJob.get("items").get(1).get("details").get("reason").asString())
        .isEqualTo("cancelled by request");
    assertThat(ofJob.get("next_cursor").isNull()).isTrue();

    // A refused cancel changed nothing: it is not an administrative change.
    assertThat(t.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(409);
    assertThat(t.post("/api/v1/jobs/nope/cancel", "").status()).isEqualTo(404);
    assertThat(types(page("?type=admin.*"))).containsExactly("admin.cancel");
  }

  @Test
  void pagesFollowTheCursorWithTheSameFilters() {
    for (int i = 0; i < 5; i++) {
      t.createJob("hello");
    }
    List<Long> seen = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode p = page("?type=job.*&limit=2" + cursor);
      p.get("items").forEach(e -> seen.add(e.get("seq").asLong()));
      cursor = p.get("next_cursor").isNull() ? null : "&cursor=" + p.get("next_cursor").asString();
    } while (cursor != null);
    assertThat(seen).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void badQueriesAreRefusedWithWhatIsWrong() {
    assertThat(t.get("/api/v1/ledger?limit=0").body()).contains("'limit' must be an integer");
    assertThat(t.get("/api/v1/ledger?order=up").body()).contains("'order' must be asc or desc");
    assertThat(t.get("/api/v1/ledger?cursor=x").body()).contains("'cursor'");
    assertThat(t.get("/api/v1/ledger?since=yesterday").body())
        .contains("'since' must be an ISO-8601 instant");
    assertThat(t.get("/api/v1/ledger?severity=fatal").body()).contains("unknown severity 'fatal'");
    Res r = t.get("/api/v1/ledger?type=jo*b");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("'*' may only end a prefix");
  }
}
