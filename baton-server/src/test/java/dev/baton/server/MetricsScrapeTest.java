package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.TestServer.Res;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real scrape of {@code /_public/metrics} after real jobs through a worker on HTTP. */
class MetricsScrapeTest {
  private final TestServer t = new TestServer();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void theScrapeCountsJobsTasksRetriesAndRequests() {
    t.register("w1", "greet");
    for (int i = 0; i < 3; i++) {
      t.createJob("hello");
    }
    take(Map.of("status", "success"));
    take(Map.of("status", "failure", "error", Map.of("code", "PERMANENT_ERROR", "message", "x")));
    take(Map.of("status", "failure", "error", Map.of("code", "TRANSIENT_ERROR", "message", "y")));
    t.createJob("hello"); // stays in the queue

    Res r = t.get("/_public/metrics");
    assertThat(r.status()).isEqualTo(200);
    Map<String, Double> s = samples(r.body());
    String hello = "blueprint=\"hello\",";
    assertThat(s)
        .containsEntry("baton_jobs_accepted_total{" + hello + "version=\"1\"}", 4.0)
        .containsEntry(
            "baton_jobs_ended_total{" + hello + "status=\"finished\",version=\"1\"}", 1.0)
        .containsEntry(
            "baton_jobs_ended_total{" + hello + "status=\"quarantined\",version=\"1\"}", 1.0)
        .containsEntry("baton_tasks_dispatched_total{task_type=\"greet\"}", 3.0)
        .containsEntry("baton_tasks_completed_total{outcome=\"done\",task_type=\"greet\"}", 3.0)
        .containsEntry(
            "baton_task_retries_total{error=\"transient_error\",task_type=\"greet\"}", 1.0)
        .containsEntry("baton_task_queue_wait_seconds_count{task_type=\"greet\"}", 3.0)
        .containsEntry("baton_task_run_seconds_count{outcome=\"done\",task_type=\"greet\"}", 3.0)
        .containsEntry(
            "baton_task_run_seconds_bucket{outcome=\"done\",task_type=\"greet\",le=\"+Inf\"}", 3.0)
        // The fourth job's task waits; the retry is still in its backoff, so not yet takeable.
        .containsEntry("baton_queue_depth{priority=\"0\",task_type=\"greet\"}", 1.0)
        .containsKey("baton_queue_oldest_age_seconds{priority=\"0\",task_type=\"greet\"}")
        .containsEntry("baton_jobs{status=\"waiting_for_worker\"}", 2.0)
        .containsEntry("baton_jobs{status=\"quarantined\"}", 1.0)
        .containsEntry("baton_workers{state=\"alive\"}", 1.0)
        .containsEntry("baton_workers{state=\"expired\"}", 0.0)
        .containsEntry(
            "baton_http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/jobs\","
                + "status_class=\"2xx\"}",
            4.0)
        .containsKey("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}")
        .containsKey("process_uptime_seconds");
    assertThat(r.body()).doesNotContain("job_id=").doesNotContain("task_id=");
  }

  /** Takes the next task as w1 and sends {@code result}. */
  private void take(Map<String, ?> result) {
    Res next = t.next("w1");
    assertThat(next.status()).as(next.body()).isEqualTo(200);
    String jobId = next.json().path("job_id").asString();
    String taskId = next.json().path("task_id").asString();
    assertThat(t.result(jobId, taskId, "w1", result).status()).isEqualTo(200);
  }

  /** Every sample line as {@code name{labels}} to its value. */
  static Map<String, Double> samples(String body) {
    Map<String, Double> out = new HashMap<>();
    for (String line : body.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return out;
  }
}
