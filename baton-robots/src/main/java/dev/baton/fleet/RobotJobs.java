package dev.baton.fleet;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.JobStatus;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.Wait;
import dev.baton.robot.FleetStore;
import dev.baton.robot.JobKeys;
import dev.baton.robot.Priority;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotJobStatus;
import dev.baton.robot.RobotRun;
import dev.baton.robot.RobotRunStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * CasareRPA jobs on the engine: a robot job is an engine job of the one-step blueprint {@value
 * #BLUEPRINT}, whose single task (type {@code rpa} unless the job names another) carries the
 * workflow and its routing ({@code _route}) to the fleet's dispatcher. Submission refuses
 * duplicates and honours idempotency keys through the {@link FleetStore}'s keys, so both hold
 * across restarts and between nodes.
 */
public final class RobotJobs {
  public static final String BLUEPRINT = "robot_job";
  static final String ROUTE = "_route";
  static final Duration IDEMPOTENCY = Duration.ofHours(24);

  /** How keys' owners began before they were the job's id. */
  private static final String LEGACY_PLACEHOLDER = "pending:";

  private final Engine engine;
  private final JobKeys keys;
  private final RobotRunStore runs;
  private final FleetOptions options;
  private final StoredWorkflows workflows;

  public RobotJobs(Engine engine, JobKeys keys, RobotRunStore runs, FleetOptions options) {
    this(engine, keys, runs, options, StoredWorkflows.NONE);
  }

  /** Robot jobs whose {@code workflow_id} may name a stored workflow (see {@link #submit}). */
  public RobotJobs(
      Engine engine,
      JobKeys keys,
      RobotRunStore runs,
      FleetOptions options,
      StoredWorkflows workflows) {
    this.engine = engine;
    this.keys = keys;
    this.runs = runs;
    this.options = options;
    this.workflows = workflows;
  }

  /**
   * Initial-data keys of a job of a stored workflow: its version, and whether it needs it deployed.
   */
  static final String WORKFLOW_VERSION = "workflow_version";

  static final String DEPLOYED_ONLY = "deployed_only";

  /**
   * The blueprint robot jobs run: dispatch to a robot, then {@code completed}, {@code failed} or
   * {@code timed_out} (a run past its timeout, reported by the spec as {@code timeout}).
   */
  public static Blueprint blueprint(FleetOptions options) {
    return Blueprint.builder(BLUEPRINT)
        .description("A CasareRPA workflow run on one robot of the fleet")
        .start("run")
        .state(
            "run",
            "dispatch",
            Set.of("completed", "failed", "timed_out"),
            ctx -> {
              RobotJob job = RobotJob.fromMap(ctx.initialData());
              Object client = ctx.initialData().get("client");
              Map<String, Object> deployed =
                  Boolean.TRUE.equals(ctx.initialData().get(DEPLOYED_ONLY))
                          && ctx.initialData().get(WORKFLOW_VERSION) instanceof Number v
                      ? Map.of("workflow_id", job.workflowId(), "version", v.intValue())
                      : null;
              return Action.dispatch(
                  taskOf(job, client instanceof String c ? c : "", options, deployed),
                  Map.of("success", "completed", "failure", "failed", "timeout", "timed_out"));
            })
        .end("completed", JobStatus.FINISHED)
        .end("failed", JobStatus.FAILED)
        .end("timed_out", JobStatus.FAILED)
        .build();
  }

  /**
   * The job's one task. {@code deployed} ({@code workflow_id}, {@code version}) sends it only to
   * robots that have that version deployed, for a workflow that asks for it; null for any robot.
   */
  private static TaskSpec taskOf(
      RobotJob job, String client, FleetOptions options, @Nullable Map<String, Object> deployed) {
    Map<String, Object> route = new LinkedHashMap<>();
    if (deployed != null) {
      route.put("deployed", deployed);
    }
    route.put("robot_id", job.robotId());
    route.put("strategy", job.strategy());
    route.put("client", client);
    Map<String, Object> requirements = new LinkedHashMap<>();
    if (!job.tags().isEmpty()) {
      requirements.put("tags", job.tags());
    }
    if (!job.capabilities().isEmpty()) {
      requirements.put("capabilities", job.capabilities());
    }
    route.put("requirements", requirements);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("workflow_id", job.workflowId());
    params.put("workflow_name", job.workflowName());
    params.put("workflow_json", job.workflowJson());
    params.put("parameters", job.parameters());
    params.put("timeout_seconds", job.timeoutSeconds());
    params.put(ROUTE, route);
    // The engine's deadline bounds the wait in the queue plus the run; the run's own timeout,
    // counted from acceptance, is the fleet's (it also tells the robot to cancel).
    Duration deadline = options.queueTimeout().plusSeconds(job.timeoutSeconds());
    return TaskSpec.of(job.taskType(), params)
        .withPriority(job.priority())
        .withTimeout(deadline)
        .withRetry(RetryPolicy.DEFAULT.withMaxRetries(job.maxRetries()));
  }

  /** What a submission gave: the job, and whether it is new (false: an idempotent repeat). */
  public record Submitted(Job job, boolean created) {}

  /**
   * Submits a robot job. With an idempotency key already used by {@code client}, returns that job
   * instead. Without {@code bypassDedup}, the same workflow, robot and parameters within the
   * de-duplication window are refused with CONFLICT "Duplicate job detected within deduplication
   * window".
   */
  public Submitted submit(RobotJob job, String client, boolean bypassDedup) {
    return submit(job, client, bypassDedup, Map.of());
  }

  /**
   * Like {@link #submit(RobotJob, String, boolean)}, continuing the client's trace: {@code tracing}
   * holds its W3C trace context headers ({@code traceparent}, {@code tracestate}), kept as the
   * job's {@code tracing_context}.
   */
  public Submitted submit(
      RobotJob job, String client, boolean bypassDedup, Map<String, String> tracing) {
    return submit(job, client, null, bypassDedup, null, tracing);
  }

  /**
   * Like {@link #submit(RobotJob, String, boolean, Map)}, for a job that belongs to {@code owner}
   * (the API client that sends it: its {@code client} attribute, by which a client with the {@code
   * client} role reaches only its own robot jobs).
   */
  public Submitted submit(
      RobotJob job,
      String client,
      @Nullable JobClient owner,
      boolean bypassDedup,
      Map<String, String> tracing) {
    return submit(job, client, owner, bypassDedup, null, tracing);
  }

  private Submitted submit(
      RobotJob job,
      String client,
      @Nullable JobClient owner,
      boolean bypassDedup,
      @Nullable String retryOf,
      Map<String, String> tracing) {
    return submit(job, client, owner, bypassDedup, retryOf, tracing, Map.of());
  }

  /**
   * @param carried the stored workflow's keys of the job a retry repeats (its version)
   */
  private Submitted submit(
      RobotJob asked,
      String client,
      @Nullable JobClient owner,
      boolean bypassDedup,
      @Nullable String retryOf,
      Map<String, String> tracing,
      Map<String, Object> carried) {
    // A job that names a stored workflow and sends no content runs its latest published version:
    // the content is copied into the job, so it stays on that version whatever is published later.
    StoredWorkflows.Workflow stored =
        asked.workflowJson() == null ? workflows.forJob(asked.workflowId()).orElse(null) : null;
    RobotJob job = stored == null ? asked : asked.withWorkflow(stored.json(), stored.title());
    Instant now = engine.clock().instant();
    // The keys are taken in the name of the job's id, chosen before the job exists. A request with
    // an idempotency key whose earlier try took the key but made no job (its node was killed in
    // between, or it is still creating it) creates the job under that try's id: creating under one
    // id makes one job however many tries get there, so a retry after a crash goes on instead of
    // waiting for the key to expire. (Without an idempotency key the engine picks the job's id and
    // the keys move to it once the job exists.)
    String keyOwner = UUID.randomUUID().toString();
    String idemKey =
        job.idempotencyKey() == null ? null : "idem:" + client + ":" + job.idempotencyKey();
    if (idemKey != null) {
      // Kept a day: long enough for any client's retries.
      Optional<String> held = keys.claimKey(idemKey, keyOwner, now, now.plus(IDEMPOTENCY));
      if (held.isPresent()) {
        Optional<Job> original = engine.job(held.get());
        if (original.isPresent()) {
          return new Submitted(original.get(), false);
        }
        if (held.get().startsWith(LEGACY_PLACEHOLDER)) {
          // Taken by a version that held keys under a placeholder, not the job id.
          throw BatonException.conflict(
              "a job with idempotency key '"
                  + job.idempotencyKey()
                  + "' is being created; try again");
        }
        keyOwner = held.get();
      }
    }
    String dedupKey = bypassDedup ? null : "dedup:" + dedupHash(job);
    if (dedupKey != null) {
      Optional<String> held =
          keys.claimKey(dedupKey, keyOwner, now, now.plus(options.dedupWindow()));
      if (held.isPresent()) {
        if (idemKey != null) {
          keys.releaseKey(idemKey, keyOwner);
        }
        throw BatonException.conflict(
            "Duplicate job detected within deduplication window (job "
                + held.get()
                + "); retry it explicitly to run it again");
      }
    }
    Job created;
    try {
      Map<String, Object> input = new LinkedHashMap<>(job.toMap());
      input.put("client", client);
      input.putAll(carried);
      if (stored != null) {
        input.put(WORKFLOW_VERSION, stored.version());
        input.put(DEPLOYED_ONLY, stored.deployedOnly());
      }
      if (retryOf != null) {
        input.put("retry_of", retryOf);
      }
      JobAttributes attributes = JobAttributes.NONE.withRobotClient(client);
      if (owner != null) {
        attributes = attributes.withClient(owner);
      }
      if (!tracing.isEmpty()) {
        attributes = attributes.withTracingContext(tracing);
      }
      NewJob request = new NewJob(BLUEPRINT, null, input, job.priority(), attributes);
      if (idemKey == null) {
        created = engine.createJob(request);
      } else {
        Engine.Created made = engine.createJobOnce(keyOwner, request);
        if (!made.created()) {
          return new Submitted(made.job(), false); // another try of this request made it
        }
        created = made.job();
      }
    } catch (RuntimeException e) {
      if (idemKey != null) {
        keys.releaseKey(idemKey, keyOwner);
      }
      if (dedupKey != null) {
        keys.releaseKey(dedupKey, keyOwner);
      }
      throw e;
    }
    if (idemKey != null) {
      keys.moveKey(idemKey, keyOwner, created.id());
    }
    if (dedupKey != null) {
      keys.moveKey(dedupKey, keyOwner, created.id());
    }
    return new Submitted(created, true);
  }

  /**
   * Runs a failed, cancelled or timed-out job again as a new job (CasareRPA's {@code retry_job}),
   * bypassing de-duplication; the new job remembers the old one in {@code retry_of} and belongs to
   * the old one's owner.
   */
  public Job retry(String jobId, String client) {
    Job old = require(jobId);
    status(old).check(RobotJobStatus.PENDING);
    RobotJob again = RobotJob.fromMap(old.initialData()).withIdempotencyKey(null);
    // The retry runs the same stored version (its content is in the job), with the same routing.
    Map<String, Object> carried = new LinkedHashMap<>();
    for (String key : List.of(WORKFLOW_VERSION, DEPLOYED_ONLY)) {
      if (old.initialData().get(key) != null) {
        carried.put(key, old.initialData().get(key));
      }
    }
    return submit(again, client, old.attributes().client(), true, old.id(), Map.of(), carried)
        .job();
  }

  public Job require(String jobId) {
    Job job =
        engine.job(jobId).orElseThrow(() -> BatonException.notFound("Job not found: " + jobId));
    if (!BLUEPRINT.equals(job.blueprint())) {
      throw BatonException.notFound("Job " + jobId + " is not a robot job");
    }
    return job;
  }

  /** The spec's status of an engine job (see {@code docs/robots.md}). */
  public RobotJobStatus status(Job job) {
    return switch (job.status()) {
      case PENDING -> RobotJobStatus.PENDING;
      case FINISHED -> RobotJobStatus.COMPLETED;
      case CANCELLED -> RobotJobStatus.CANCELLED;
      case FAILED, QUARANTINED ->
          "timed_out".equals(job.state()) ? RobotJobStatus.TIMEOUT : RobotJobStatus.FAILED;
      default -> running(job) ? RobotJobStatus.RUNNING : RobotJobStatus.QUEUED;
    };
  }

  private boolean running(Job job) {
    if (!(job.awaiting() instanceof Wait.OnTask w)) {
      return false;
    }
    return runs.run(job.id())
        .filter(r -> r.taskId().equals(w.taskId()) && r.acceptedAt() != null && r.outcome() == null)
        .isPresent();
  }

  /** What the robot holding the job's current task reported of it, if one accepted it. */
  public Optional<RobotRun> run(String jobId) {
    return runs.run(jobId);
  }

  /** The job in CasareRPA's shape, with Baton's ids. */
  public Map<String, @Nullable Object> view(Job job) {
    RobotJob spec = RobotJob.fromMap(job.initialData());
    RobotRun run = runs.run(job.id()).orElse(null);
    RobotJobStatus status = status(job);
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("id", job.id());
    v.put("workflow_id", spec.workflowId());
    v.put("workflow_name", spec.workflowName());
    v.put("robot_id", run != null ? run.robotId() : spec.robotId());
    v.put("pinned_robot_id", spec.robotId());
    v.put("status", status.wireName());
    v.put("engine_status", job.status().wireName());
    v.put("priority", Priority.describe(spec.priority()));
    v.put("priority_level", spec.priority());
    v.put("parameters", spec.parameters());
    v.put("timeout_seconds", spec.timeoutSeconds());
    v.put("progress", run == null ? 0 : run.progress());
    v.put("current_node", run == null ? null : run.currentNode());
    v.put("created_at", job.createdAt().toString());
    v.put(
        "started_at", run == null || run.acceptedAt() == null ? null : run.acceptedAt().toString());
    Instant completed = status.isTerminal() ? job.updatedAt() : null;
    v.put("completed_at", completed == null ? null : completed.toString());
    v.put(
        "duration_ms",
        completed == null || run == null || run.acceptedAt() == null
            ? null
            : completed.toEpochMilli() - run.acceptedAt().toEpochMilli());
    v.put("result", status == RobotJobStatus.COMPLETED ? job.data() : Map.of());
    v.put("error_message", job.errorMessage());
    v.put("created_by", job.initialData().get("client"));
    v.put("retry_of", job.initialData().get("retry_of"));
    return v;
  }

  /** The robot job's routing (client, pinned robot, strategy, requirements) its task carries. */
  static Map<String, Object> route(Task t) {
    return t.spec().params().get(ROUTE) instanceof Map<?, ?> m ? RobotJob.stringKeys(m) : Map.of();
  }

  /** The task types a robot takes: its {@code task_types} capability, else robot jobs' type. */
  static Set<String> taskTypes(Robot r) {
    List<String> declared = RobotJob.strings(r.capabilities().get("task_types"));
    return declared.isEmpty() ? Set.of(RobotJob.DEFAULT_TASK_TYPE) : Set.copyOf(declared);
  }

  /**
   * CasareRPA's de-duplication hash: the first 16 hex digits of sha256 over {@code
   * workflow_id:robot_id|any} and the sorted {@code :k=v} parameters.
   */
  public static String dedupHash(RobotJob job) {
    StringBuilder s =
        new StringBuilder(job.workflowId())
            .append(':')
            .append(job.robotId() == null ? "any" : job.robotId());
    new TreeMap<>(job.parameters())
        .forEach((k, v) -> s.append(':').append(k).append('=').append(v));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
