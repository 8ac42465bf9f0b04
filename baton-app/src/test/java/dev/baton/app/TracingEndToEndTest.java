package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.tracing.Tracing;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import dev.baton.worker.sdk.robot.RobotClient;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace from client to engine to worker and back: a client sends {@code traceparent}, the job
 * is created over HTTP, a Java SDK worker (or a robot on RobotClient) runs its task, the result
 * finishes the job, and every span is in the client's trace with the right parent.
 */
class TracingEndToEndTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CLIENT_SPAN = "00f067aa0ba902b7";
  static final String TRACEPARENT = "00-" + TRACE + "-" + CLIENT_SPAN + "-01";

  @TempDir Path dir;
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final Tracing tracing = Tracing.to(spans, "baton-test");
  TestApp app;

  @BeforeEach
  void start() throws Exception {
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
    Files.writeString(
        blueprints.resolve("report.yaml"),
        """
        name: report
        start: run
        states:
          run:
            dispatch: { task: rpa, params: { sheet: "Q4" } }
            on: { success: finished }
        """);
    app =
        TestApp.start(
            dir.resolve("data"), blueprints, Map.of("WORKER_POLL_TIMEOUT_SECONDS", "2"), tracing);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  String createTraced(String blueprint) throws Exception {
    HttpResponse<String> r =
        app.send(
            "POST",
            "/api/v1/jobs",
            "{\"blueprint\":\"" + blueprint + "\",\"input\":{\"name\":\"ada\"}}",
            "traceparent",
            TRACEPARENT);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestApp.JSON.readTree(r.body()).get("id").asString();
  }

  SpanData only(List<SpanData> all, String name) {
    List<SpanData> named = all.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as(name + " in " + all.stream().map(SpanData::getName).toList()).hasSize(1);
    return named.get(0);
  }

  /** Every span in the client's trace, each parent (but the job's first) a span of the trace. */
  List<SpanData> trace() {
    List<SpanData> all = spans.getFinishedSpanItems();
    assertThat(all).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE));
    Map<String, SpanData> byId =
        all.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    for (SpanData s : all) {
      if (!s.getParentSpanId().equals(CLIENT_SPAN)) {
        assertThat(byId).as("parent of " + s.getName()).containsKey(s.getParentSpanId());
      }
    }
    return all;
  }

  void assertChain(List<SpanData> all, String taskType, String workerSpan) {
    SpanData job = only(all, "job " + (taskType.equals("rpa") ? "report" : "greet"));
    SpanData dispatch = only(all, "dispatch " + taskType);
    SpanData run = only(all, workerSpan);
    SpanData result = only(all, "task result");
    SpanData step = only(all, "step finished");
    assertThat(job.getParentSpanId()).isEqualTo(CLIENT_SPAN);
    assertThat(dispatch.getParentSpanId()).isEqualTo(job.getSpanId());
    assertThat(run.getParentSpanId()).isEqualTo(dispatch.getSpanId());
    assertThat(result.getParentSpanId()).isEqualTo(run.getSpanId());
    assertThat(step.getParentSpanId()).isEqualTo(result.getSpanId());
    assertThat(step.getAttributes().asMap().toString()).contains("baton.job.status=finished");
  }

  @Test
  void aJavaWorkerRunsInsideTheClientsTrace() throws Exception {
    try (Worker worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "sdk-1")
            .token("secure-worker-token")
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .openTelemetry(tracing.openTelemetry())
            .handle("greet", (task, ctx) -> TaskResult.success(Map.of("hi", "ada")))
            .build()) {
      worker.start();
      String id = createTraced("greet");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> app.job(id).get("status").asString().equals("finished"));
      await().atMost(Duration.ofSeconds(5)).until(() -> names().contains("step finished"));
    }
    List<SpanData> all = trace();
    assertChain(all, "greet", "run greet");
    assertThat(only(all, "run greet").getAttributes().asMap().toString())
        .contains("baton.task.type=greet");
  }

  @Test
  void aRobotRunsInsideTheClientsTrace() throws Exception {
    RobotClient robot =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), "r1")
            .heartbeatInterval(Duration.ZERO)
            .openTelemetry(tracing.openTelemetry())
            .handler((job, ctx) -> Map.of("rows", 42))
            .connect();
    try {
      String id = createTraced("report");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> app.job(id).get("status").asString().equals("finished"));
      await().atMost(Duration.ofSeconds(5)).until(() -> names().contains("step finished"));
    } finally {
      robot.kill();
    }
    List<SpanData> all = trace();
    SpanData run =
        all.stream().filter(s -> s.getName().startsWith("run ")).findFirst().orElseThrow();
    assertChain(all, "rpa", run.getName());
    assertThat(run.getAttributes().asMap().toString()).contains("baton.robot.id=r1");
  }

  List<String> names() {
    return spans.getFinishedSpanItems().stream().map(SpanData::getName).toList();
  }
}
