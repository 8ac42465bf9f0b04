package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/jobs/batch}: many jobs in one request and one transaction. */
class BulkCreateApiTest {
  private final TestServer t = new TestServer();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void createsEveryJobInTheOrderAskedAndAnswersWithThemAsStored() {
    Res r =
        t.post(
            "/api/v1/jobs/batch",
            json(
                Map.of(
                    "jobs",
                    List.of(
                        Map.of("blueprint", "hello", "input", Map.of("name", "ada")),
                        Map.of(
                            "blueprint",
                            "hello",
                            "input",
                            Map.of("name", "alan"),
                            "priority",
                            3)))));

    assertThat(r.status()).isEqualTo(201);
    JsonNode jobs = r.json().path("jobs");
    assertThat(jobs.size()).isEqualTo(2);
    assertThat(jobs.get(0).path("initial_data").path("name").asString()).isEqualTo("ada");
    assertThat(jobs.get(1).path("initial_data").path("name").asString()).isEqualTo("alan");
    assertThat(jobs.get(1).path("priority").asInt()).isEqualTo(3);
    for (JsonNode job : jobs) {
      assertThat(job.path("status").asString()).isEqualTo("waiting_for_worker");
      assertThat(t.job(job.path("id").asString())).isEqualTo(job);
    }
  }

  @Test
  void aBadEntryIsA400NamingItAndNothingIsCreated() {
    Map<String, String> cases =
        Map.of(
            "{}", "field 'jobs' is required: a non-empty array of jobs to create",
            "{\"jobs\":[]}", "field 'jobs' is required: a non-empty array of jobs to create",
            "{\"jobs\":{}}", "field 'jobs' is required: a non-empty array of jobs to create",
            "{\"jobs\":[{\"blueprint\":\"hello\"},7]}", "field 'jobs[1]' must be a JSON object",
            "{\"jobs\":[{\"blueprint\":\"hello\"},{}]}", "field 'jobs[1].blueprint' is required",
            "{\"jobs\":[{\"blueprint\":\"hello\",\"input\":[1]}]}",
                "field 'jobs[0].input' must be a JSON object",
            "{\"jobs\":[{\"blueprint\":\"hello\",\"initial_data\":{}}]}",
                "unknown field 'jobs[0].initial_data'; expected blueprint, input, priority, version",
            "{\"jobs\":[],\"more\":1}", "unknown field 'more'; expected jobs");
    cases.forEach((body, message) -> {
      Res r = t.post("/api/v1/jobs/batch", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.error()).as(body).isEqualTo(message);
    });
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isZero();
  }

  @Test
  void anUnknownBlueprintIsA404AndNothingIsCreated() {
    Res r =
        t.post(
            "/api/v1/jobs/batch",
            json(
                Map.of(
                    "jobs", List.of(Map.of("blueprint", "hello"), Map.of("blueprint", "nope")))));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).contains("nope");
    assertThat(r.error()).startsWith("field 'jobs[1].blueprint': ");
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isZero();
  }

  @Test
  void moreThanAThousandJobsInOneRequestIsA400() {
    List<Map<String, Object>> many =
        java.util.Collections.nCopies(1001, Map.of("blueprint", "hello"));
    Res r = t.post("/api/v1/jobs/batch", json(Map.of("jobs", many)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("field 'jobs' holds 1001 jobs; at most 1000 per request");
  }
}
