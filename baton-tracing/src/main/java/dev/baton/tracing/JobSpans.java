package dev.baton.tracing;

import dev.baton.engine.EngineObserver;
import dev.baton.engine.Step;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.ScheduleFire;
import dev.baton.job.Task;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The engine's work as OpenTelemetry spans. A job's first span ("job", "sub-flow" or "schedule
 * fire") is started while the step that creates it is planned, so that its context can be stored
 * with the job, and ended once that step is committed; every later step of the job is a child of
 * that stored context (or of the caller's current span, when it belongs to the same trace: a
 * worker's result). Step spans are emitted after the commit with the step's own start and commit
 * times, so a step planned twice (a lost race) is reported once.
 *
 * <p>Only a job's first span names the job ({@code baton.job.id}, {@code baton.blueprint}): every
 * later span of the job descends from it, and a trace search by job id finds the trace by that
 * span. Repeating the two on every step and dispatch was about a third of the bytes exported. A
 * wait span keeps the job id: it can hang under another job's span (a sub-job's result).
 */
public final class JobSpans implements EngineObserver {
  /** A job's first span whose step never committed (a lost race) is dropped past this many. */
  private static final int MAX_OPEN = 10_000;

  static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("baton.job.id");
  static final AttributeKey<String> BLUEPRINT = AttributeKey.stringKey("baton.blueprint");
  static final AttributeKey<String> STATE = AttributeKey.stringKey("baton.state");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("baton.job.status");
  static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("baton.task.id");
  static final AttributeKey<String> TASK_TYPE = AttributeKey.stringKey("baton.task.type");
  static final AttributeKey<String> STATE_FROM = AttributeKey.stringKey("baton.state.from");
  static final AttributeKey<String> STATE_TO = AttributeKey.stringKey("baton.state.to");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("baton.reason");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("baton.task.attempt");
  static final AttributeKey<String> PARENT_JOB_ID = AttributeKey.stringKey("baton.parent_job.id");
  static final AttributeKey<String> SCHEDULE_ID = AttributeKey.stringKey("baton.schedule.id");
  static final AttributeKey<String> SCHEDULE_FIRE_AT =
      AttributeKey.stringKey("baton.schedule.fire_at");

  /** Past this many names a key is made afresh for each use instead of kept. */
  private static final int MAX_KEYS = 256;

  // A key made from a name keeps its UTF-8 bytes for the exporter; a fresh key per span made the
  // exporter encode the name again for every span (a visible share of its time). The names come
  // from code (holder keys, activity attributes), so there are few.
  private static final Map<String, AttributeKey<String>> KEYS = new ConcurrentHashMap<>();

  private final Tracer tracer;
  private final Map<String, Span> opening = new ConcurrentHashMap<>();

  JobSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public @Nullable String opening(Job draft) {
    Span span =
        tracer
            .spanBuilder(firstSpanName(draft))
            .setParent(Traceparents.parent(EngineObserver.traceparent(draft)))
            .setStartTimestamp(draft.createdAt())
            .setAttribute(JOB_ID, draft.id())
            .setAttribute(BLUEPRINT, draft.blueprint())
            .startSpan();
    if (draft.parentJobId() != null) {
      span.setAttribute(PARENT_JOB_ID, draft.parentJobId());
    }
    ScheduleFire fire = draft.attributes().schedule();
    if (fire != null) {
      span.setAttribute(SCHEDULE_ID, fire.scheduleId());
      span.setAttribute(SCHEDULE_FIRE_AT, fire.fireAt().toString());
    }
    Span previous = opening.put(draft.id(), span);
    if (previous != null) {
      previous.end(); // the same job planned again: the first plan was thrown away
    }
    if (opening.size() > MAX_OPEN) {
      dropOldest();
    }
    return Traceparents.of(span);
  }

  private static String firstSpanName(Job draft) {
    if (draft.parentJobId() != null) {
      return "sub-flow " + draft.blueprint();
    }
    ScheduleFire fire = draft.attributes().schedule();
    if (fire != null) {
      return "schedule fire " + fire.scheduleName();
    }
    return "job " + draft.blueprint();
  }

  private void dropOldest() {
    Iterator<Span> it = opening.values().iterator();
    while (opening.size() > MAX_OPEN / 2 && it.hasNext()) {
      it.next().setStatus(StatusCode.ERROR, "step not committed").end();
      it.remove();
    }
  }

  @Override
  public void committed(Step step) {
    Job job = step.job();
    if (step.before() == null) {
      Span first = opening.remove(job.id());
      if (first != null) {
        describe(first, step);
        first.end(step.committed());
      }
      return;
    }
    String traceparent = EngineObserver.traceparent(job);
    if (traceparent == null) {
      return; // a job created before tracing was on, or by an engine that traces nothing
    }
    Context parent = parentOf(traceparent);
    waited(step, parent);
    Span span =
        tracer
            .spanBuilder("step " + job.state())
            .setParent(parent)
            .setStartTimestamp(step.began())
            .startSpan();
    Job before = Objects.requireNonNull(step.before());
    span.setAttribute(STATE_FROM, before.state());
    describe(span, step);
    span.end(step.committed());
  }

  /**
   * The current span when it is in the job's trace (the engine runs a worker's result inside its
   * "task result" span), else the job's stored context.
   */
  private static Context parentOf(String traceparent) {
    SpanContext stored = Traceparents.spanContext(traceparent);
    if (stored == null) {
      return Context.current();
    }
    SpanContext current = Span.current().getSpanContext();
    if (current.isValid() && current.getTraceId().equals(stored.getTraceId())) {
      return Context.current();
    }
    return Context.root().with(Span.wrap(stored));
  }

  /** A wait for a person or a sub-job that this step ended, as a span of its own. */
  private void waited(Step step, Context parent) {
    Job before = Objects.requireNonNull(step.before());
    String name =
        switch (before.status()) {
          case WAITING_FOR_HUMAN -> "approval wait";
          case WAITING_FOR_SUB_JOB -> "sub-flow wait";
          default -> null;
        };
    if (name == null || step.job().status() == before.status()) {
      return;
    }
    Instant since = before.updatedAt();
    tracer
        .spanBuilder(name)
        .setParent(parent)
        .setStartTimestamp(since.isAfter(step.began()) ? step.began() : since)
        .setAttribute(JOB_ID, before.id()) // rare, and its parent may be another job's span
        .startSpan()
        .end(step.began());
  }

  /**
   * The task's "dispatch" span, a child of the job, from when the task could first be taken (so its
   * length is the task's wait in the queue) to its hand-out, on whichever node hands it out. One
   * span per task attempt, made when it is leased: a span at queue time as well would cost a span
   * per task for nothing the hand-out cannot say.
   */
  @Override
  public boolean tracesHandOuts() {
    return true;
  }

  @Override
  public @Nullable String handedOut(Job job, Task task, String holderKey, String holderId) {
    String traceparent = EngineObserver.traceparent(job);
    if (traceparent == null) {
      return null; // a job created before tracing was on
    }
    Instant now = Instant.now();
    Span span =
        tracer
            .spanBuilder("dispatch " + task.type())
            .setParent(Traceparents.parent(traceparent))
            .setStartTimestamp(task.visibleAt().isAfter(now) ? now : task.visibleAt())
            .setAttribute(TASK_ID, task.id())
            .setAttribute(TASK_TYPE, task.type())
            .setAttribute(ATTEMPT, task.attempt())
            .setAttribute(key(holderKey), holderId)
            .startSpan();
    span.end(now);
    return Traceparents.of(span);
  }

  /**
   * The job's state after the step; an ended failure as an error. A step that moved the job once
   * (most do) names the move's reason on the span itself, whose state attributes already say from
   * where to where; only a step that moved it more than once adds each move as an event. Events
   * were about half of the bytes exported per job, and the exporter is most of tracing's cost.
   */
  private static void describe(Span span, Step step) {
    Job job = step.job();
    span.setAttribute(STATE, job.state());
    span.setAttribute(STATUS, job.status().wireName());
    List<JobTransition> moves = step.transitions();
    if (moves.size() == 1) {
      span.setAttribute(REASON, moves.get(0).reason());
      moves = List.of();
    }
    for (JobTransition t : moves) {
      span.addEvent(
          "transition",
          Attributes.builder()
              .put(STATE_FROM, String.valueOf(t.fromState()))
              .put(STATE_TO, t.toState())
              .put(STATUS, t.toStatus().wireName())
              .put(REASON, t.reason())
              .build(),
          t.at());
    }
    if (job.status() == JobStatus.FAILED || job.status() == JobStatus.QUARANTINED) {
      span.setStatus(StatusCode.ERROR, String.valueOf(job.errorMessage()));
    }
  }

  static AttributeKey<String> key(String name) {
    AttributeKey<String> k = KEYS.get(name);
    if (k != null) {
      return k;
    }
    k = AttributeKey.stringKey(name);
    if (KEYS.size() < MAX_KEYS) {
      KEYS.putIfAbsent(name, k);
    }
    return k;
  }

  @Override
  public Activity begin(String name, @Nullable String parent, Map<String, String> attributes) {
    SpanBuilder b = tracer.spanBuilder(name).setParent(Traceparents.parent(parent));
    attributes.forEach((k, v) -> b.setAttribute(key(k), v));
    return new Work(b.startSpan());
  }

  /** A span made current on the calling thread until it is closed. */
  private static final class Work implements Activity {
    private final Span span;
    private final io.opentelemetry.context.Scope scope;

    // The scope is closed by close(), on the thread that began the work (Activity's contract).
    @SuppressWarnings("MustBeClosedChecker")
    Work(Span span) {
      this.span = span;
      this.scope = span.makeCurrent();
    }

    @Override
    public @Nullable String traceparent() {
      return Traceparents.of(span);
    }

    @Override
    public void failed(String reason) {
      span.setStatus(StatusCode.ERROR, reason);
    }

    @Override
    public void close() {
      scope.close();
      span.end();
    }
  }
}
