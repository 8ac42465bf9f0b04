package dev.baton.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's work as spans: names, parents and attributes, on an in-memory exporter. */
class JobSpansTest {
  static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final String CLIENT_SPAN = "b7ad6b7169203331";
  static final String CLIENT = "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01";

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final Tracing tracing = Tracing.to(spans, "baton-test");
  final ManualClock clock = new ManualClock();
  final Engine engine =
      Engine.builder(new InMemoryStore()).clock(clock).observer(tracing.observer()).build();

  JobSpansTest() {
    engine.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    engine.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("greet")));
  }

  @AfterEach
  void close() {
    tracing.close();
  }

  Job createWithClientTrace(String blueprint) {
    return engine.createJob(
        new NewJob(
            blueprint,
            null,
            Map.of(),
            0,
            JobAttributes.fromMap(
                Map.of("tracing_context", Map.of("traceparent", CLIENT, "tracestate", "k=v")))));
  }

  SpanData span(String name) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + names()));
  }

  List<String> names() {
    return spans.getFinishedSpanItems().stream().map(SpanData::getName).toList();
  }

  Task take() throws InterruptedException {
    return engine.poll("w1", 1, Duration.ZERO).get(0);
  }

  @Test
  void aJobContinuesTheClientsTraceAndKeepsItsOwnContext() {
    Job job = createWithClientTrace("hello");

    SpanData first = span("job hello");
    assertThat(first.getTraceId()).isEqualTo(CLIENT_TRACE);
    assertThat(first.getParentSpanId()).isEqualTo(CLIENT_SPAN);
    assertThat(first.getAttributes().asMap())
        .containsEntry(JobSpans.JOB_ID, job.id())
        .containsEntry(JobSpans.BLUEPRINT, "hello")
        .containsEntry(JobSpans.STATE, "greet")
        .containsEntry(JobSpans.STATUS, "waiting_for_worker");
    // One move (created in greet): its reason on the span, whose attributes say where it went.
    assertThat(first.getAttributes().get(JobSpans.REASON)).isNotBlank();
    assertThat(first.getEvents()).isEmpty();
    // The job keeps its own span as its trace context; the client's other fields stay.
    assertThat(EngineObserver.traceparent(job))
        .isEqualTo("00-" + CLIENT_TRACE + "-" + first.getSpanId() + "-01");
    assertThat(job.attributes().toMap().get("tracing_context"))
        .asString()
        .contains("tracestate=k=v");
    // A queued task has no span until it is handed out.
    assertThat(names()).containsExactly("job hello");
  }

  @Test
  void aWorkersResultIsTakenInsideItsTraceAndTheNextStepFollowsIt() throws Exception {
    Job job = createWithClientTrace("hello");
    Task task = take();
    String workerSpan = "00-" + CLIENT_TRACE + "-1111111111111111-01";

    engine.complete(task.id(), "w1", TaskResult.success(Map.of()), workerSpan);

    SpanData result = span("task result");
    assertThat(result.getTraceId()).isEqualTo(CLIENT_TRACE);
    assertThat(result.getParentSpanId()).isEqualTo("1111111111111111");
    assertThat(result.getAttributes().asMap())
        .containsEntry(JobSpans.TASK_ID, task.id())
        .containsEntry(JobSpans.TASK_TYPE, "greet");
    SpanData step = span("step finished");
    assertThat(step.getParentSpanId()).isEqualTo(result.getSpanId());
    assertThat(step.getTraceId()).isEqualTo(CLIENT_TRACE);
    assertThat(step.getAttributes().asMap())
        .containsEntry(JobSpans.STATUS, "finished")
        .doesNotContainKey(JobSpans.JOB_ID); // the job's first span, its ancestor, names the job
    assertThat(span("job hello").getAttributes().asMap()).containsEntry(JobSpans.JOB_ID, job.id());
  }

  @Test
  void aResultWithoutTheWorkersContextIsAChildOfTheJob() throws Exception {
    Job job = createWithClientTrace("hello");
    engine.complete(take().id(), "w1", TaskResult.success(Map.of()), null);

    String jobSpan = span("job hello").getSpanId();
    assertThat(span("task result").getParentSpanId()).isEqualTo(jobSpan);
    assertThat(span("step finished").getParentSpanId()).isEqualTo(span("task result").getSpanId());
    assertThat(engine.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void aJobWithoutAClientTraceStartsOne() {
    Job job = engine.createJob(NewJob.of("hello", Map.of()));
    SpanData first = span("job hello");
    assertThat(first.getParentSpanContext().isValid()).isFalse();
    assertThat(EngineObserver.traceparent(job)).contains(first.getTraceId());
  }

  @Test
  void aSubFlowIsAChildOfItsParentJobAndItsWaitIsASpan() throws Exception {
    engine.register(
        Blueprint.builder("parent")
            .start("call")
            .subflow("call", "hello", ctx -> Map.of(), Map.of("success", "finished"))
            .build());
    Job parent = createWithClientTrace("parent");
    SpanData parentSpan = span("job parent");
    SpanData child = span("sub-flow hello");
    assertThat(child.getParentSpanId()).isEqualTo(parentSpan.getSpanId());
    assertThat(child.getAttributes().asMap())
        .containsEntry(
            io.opentelemetry.api.common.AttributeKey.stringKey("baton.parent_job.id"), parent.id());

    engine.complete(take().id(), "w1", TaskResult.success(Map.of()), null);

    SpanData wait = span("sub-flow wait");
    assertThat(wait.getTraceId()).isEqualTo(CLIENT_TRACE);
    assertThat(wait.getAttributes().asMap()).containsEntry(JobSpans.JOB_ID, parent.id());
    assertThat(spans.getFinishedSpanItems()).allMatch(s -> s.getTraceId().equals(CLIENT_TRACE));
  }

  @Test
  void aStepThatMovesTheJobMoreThanOnceHasAnEventPerMove() {
    engine.register(
        Blueprint.builder("routed")
            .start("route")
            .choose("route", List.of(), "greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    createWithClientTrace("routed");

    SpanData first = span("job routed");
    assertThat(first.getEvents()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(first.getEvents())
        .extracting(e -> e.getAttributes().get(JobSpans.STATE_TO))
        .containsSubsequence("route", "greet");
    assertThat(first.getAttributes().get(JobSpans.REASON)).isNull();
  }

  @Test
  void anApprovalWaitIsASpanFromTheQuestionToTheDecision() {
    engine.register(
        Blueprint.builder("review")
            .start("ask")
            .approval("ask", "ship it?", Map.of("approve", "finished", "reject", "failed"))
            .build());
    Job job = createWithClientTrace("review");
    clock.advance(Duration.ofMinutes(5));
    engine.decide(job.id(), "reject");

    SpanData wait = span("approval wait");
    assertThat(wait.getParentSpanId()).isEqualTo(span("job review").getSpanId());
    assertThat(Duration.ofNanos(wait.getEndEpochNanos() - wait.getStartEpochNanos()))
        .isEqualTo(Duration.ofMinutes(5));
    SpanData step = span("step failed");
    assertThat(step.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aScheduleFireStartsATraceOfItsOwn() throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", "nightly");
    body.put("blueprint", "hello");
    body.put("cron", "*/5 * * * *");
    engine.schedules().create(body);
    clock.set(java.time.Instant.parse("2026-01-01T00:05:00Z"));
    assertThat(engine.schedules().tick()).isEqualTo(1);

    SpanData fire = span("schedule fire nightly");
    assertThat(fire.getParentSpanContext().isValid()).isFalse();
    assertThat(fire.getAttributes().asMap().toString())
        .contains("baton.schedule.fire_at=2026-01-01T00:05:00Z");
    Task task = take();
    Job job = engine.job(task.jobId()).orElseThrow();
    engine.observer().handedOut(job, task, "baton.worker.id", "w1");
    assertThat(span("dispatch greet").getParentSpanId()).isEqualTo(fire.getSpanId());
  }

  @Test
  void workOutsideAStepIsASpanWhoseContextGoesAlong() {
    Job job = createWithClientTrace("hello");
    String sent;
    try (EngineObserver.Activity a =
        engine
            .observer()
            .begin("lease greet", EngineObserver.traceparent(job), Map.of("baton.task.id", "t"))) {
      sent = a.traceparent();
    }
    SpanData lease = span("lease greet");
    assertThat(lease.getParentSpanId()).isEqualTo(span("job hello").getSpanId());
    assertThat(sent).isEqualTo("00-" + CLIENT_TRACE + "-" + lease.getSpanId() + "-01");
  }

  @Test
  void aTasksHandOutIsItsDispatchSpanFromTheQueueToTheLease() throws Exception {
    Job job = createWithClientTrace("hello");
    Task task = take();
    String sent = engine.observer().handedOut(job, task, "baton.worker.id", "w1");

    SpanData dispatch = span("dispatch greet");
    assertThat(dispatch.getTraceId()).isEqualTo(CLIENT_TRACE);
    assertThat(dispatch.getParentSpanId()).isEqualTo(span("job hello").getSpanId());
    assertThat(dispatch.getAttributes().asMap())
        .containsEntry(JobSpans.TASK_ID, task.id())
        .containsEntry(JobSpans.TASK_TYPE, "greet")
        .containsEntry(JobSpans.ATTEMPT, (long) task.attempt())
        .containsEntry(io.opentelemetry.api.common.AttributeKey.stringKey("baton.worker.id"), "w1");
    // It starts when the task could first be taken: its length is the task's wait in the queue.
    assertThat(dispatch.getStartEpochNanos())
        .isEqualTo(task.visibleAt().getEpochSecond() * 1_000_000_000L + task.visibleAt().getNano());
    // The worker continues the dispatch span.
    assertThat(sent).isEqualTo("00-" + CLIENT_TRACE + "-" + dispatch.getSpanId() + "-01");
  }

  @Test
  void aJobWithoutTraceHasNoDispatchContext() throws Exception {
    Engine plain = Engine.builder(new InMemoryStore()).build();
    plain.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    plain.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("greet")));
    Job job = plain.createJob(NewJob.of("hello", Map.of()));
    Task task = plain.poll("w1", 1, Duration.ZERO).get(0);
    assertThat(tracing.observer().handedOut(job, task, "baton.worker.id", "w1")).isNull();
    assertThat(names()).isEmpty();
  }

  @Test
  void offTracesNothingAndLeavesTheJobAsItIs() {
    Engine plain = Engine.builder(new InMemoryStore()).observer(Tracing.off().observer()).build();
    plain.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    Job job =
        plain.createJob(
            new NewJob(
                "hello",
                null,
                Map.of(),
                0,
                JobAttributes.fromMap(Map.of("tracing_context", Map.of("traceparent", CLIENT)))));
    assertThat(EngineObserver.traceparent(job)).isEqualTo(CLIENT);
    assertThat(plain.observer()).isSameAs(EngineObserver.NONE);
  }

  @Test
  void aMalformedClientTraceStartsANewOne() {
    Job job =
        engine.createJob(
            new NewJob(
                "hello",
                null,
                Map.of(),
                0,
                JobAttributes.fromMap(Map.of("tracing_context", Map.of("traceparent", "x")))));
    assertThat(EngineObserver.traceparent(job)).startsWith("00-").hasSize(55);
  }
}
