package dev.baton.fleet;

import static dev.baton.fleet.Payload.entries;
import static dev.baton.fleet.Payload.instant;
import static dev.baton.fleet.Payload.number;
import static dev.baton.fleet.Payload.object;
import static dev.baton.fleet.Payload.required;
import static dev.baton.fleet.Payload.text;
import static dev.baton.fleet.Payload.textOrNull;

import dev.baton.engine.BatonException;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.log.LogContext;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotJobStatus;
import dev.baton.robot.RobotStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CasareRPA's robot messages, one handler per type. Every failure is answered with an {@code error}
 * message ({@code HANDLER_ERROR}, or the engine's refusal) and the connection stays open.
 */
final class RobotProtocol {
  private static final Logger log = LoggerFactory.getLogger(RobotProtocol.class);

  /** The engine's field of a worker heartbeat that names the tasks the worker holds. */
  private static final String RUNNING_TASKS = "running_tasks";

  /** Types only the orchestrator sends; a robot sending one gets an error. */
  private static final List<String> SERVER_TYPES =
      List.of("register_ack", "heartbeat_ack", "job_assign", "job_cancel", "status_request");

  private final Attached at;
  private final Sessions sessions;
  private final Handovers handovers;
  private final Runnable wake;
  private final RobotJobs jobs;
  private final Deployments deployments;
  private final RobotLogs robotLogs;
  private final Commands commands;

  RobotProtocol(
      Attached at,
      Sessions sessions,
      Handovers handovers,
      Runnable wake,
      RobotJobs jobs,
      Deployments deployments,
      RobotLogs robotLogs,
      Commands commands) {
    this.commands = commands;
    this.deployments = deployments;
    this.robotLogs = robotLogs;
    this.at = at;
    this.sessions = sessions;
    this.handovers = handovers;
    this.wake = wake;
    this.jobs = jobs;
  }

  /** Handles one message; what is logged meanwhile names the robot and the job. */
  void receive(RobotSession s, Envelope m) {
    try (LogContext fields = fieldsOf(s, m)) {
      handle(s, m);
    }
  }

  private void handle(RobotSession s, Envelope m) {
    try {
      if (!"register".equals(m.type()) && s.robot() == null && handles(m.type())) {
        reply(s, m, "error", error("NOT_REGISTERED", "send register first"));
        return;
      }
      switch (m.type()) {
        case "register" -> register(s, m);
        case "heartbeat" -> heartbeat(s, m);
        case "job_accept" -> accept(s, m);
        case "job_reject" -> reject(s, m);
        case "job_progress" -> progress(s, m);
        case "job_complete" -> complete(s, m);
        case "job_failed" -> failed(s, m);
        case "job_cancelled" -> cancelled(s, m);
        case "log_entry" -> logs(s, m, List.of(m.payload()));
        case "log_batch" -> logs(s, m, entries(m.payload().get("entries")));
        case "status_response" -> statusResponse(s, m);
        case "pause" -> pause(s, m, true);
        case "resume" -> pause(s, m, false);
        case "disconnect", "shutdown" -> leave(s, m);
        case "error" -> log.warn("robot {} reported an error: {}", s.robotId(), m.payload());
        default -> {
          String what =
              SERVER_TYPES.contains(m.type())
                  ? "message type '" + m.type() + "' is sent by the orchestrator, not a robot"
                  : "Unknown message type: " + m.type();
          reply(s, m, "error", error("HANDLER_ERROR", what));
        }
      }
    } catch (BatonException | IllegalArgumentException | IllegalStateException e) {
      reply(s, m, "error", error("HANDLER_ERROR", String.valueOf(e.getMessage())));
    } catch (RuntimeException e) {
      log.error("robot message {} from {} failed", m.type(), s.robotId(), e);
      reply(s, m, "error", error("HANDLER_ERROR", "internal error handling " + m.type()));
    }
  }

  /** The robot (known once registered, else as it names itself) and the job a message is about. */
  private static LogContext fieldsOf(RobotSession s, Envelope m) {
    Object named = m.payload().get("robot_id");
    String robot = s.robotId() != null ? s.robotId() : named instanceof String n ? n : null;
    Object job = m.payload().get("job_id");
    return LogContext.empty()
        .with(LogContext.ROBOT_ID, robot)
        .with(LogContext.JOB_ID, job instanceof String j ? j : null);
  }

  private static boolean handles(String type) {
    return switch (type) {
      case "heartbeat",
          "job_accept",
          "job_reject",
          "job_progress",
          "job_complete",
          "job_failed",
          "job_cancelled",
          "log_entry",
          "log_batch",
          "status_response",
          "pause",
          "resume" ->
          true;
      default -> false;
    };
  }

  private void register(RobotSession s, Envelope m) {
    Map<String, Object> p = m.payload();
    String id = required(p, "robot_id");
    String token = at.options().authToken();
    boolean needed = at.options().tokenRequired() || !token.isEmpty();
    // With no token configured on a server that needs one, no robot is taken (issue 15).
    if (needed
        && (token.isEmpty()
            || !(p.get("auth_token") instanceof String given)
            || !java.security.MessageDigest.isEqual(
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      Map<String, Object> ack = new LinkedHashMap<>();
      ack.put("robot_id", id);
      ack.put("success", false);
      ack.put("message", "Authentication failed");
      reply(s, m, "register_ack", ack);
      s.close(4001, "Authentication failed");
      return;
    }
    int max = number(p, "max_concurrent_jobs", 1);
    if (max < 1) {
      throw new IllegalArgumentException("max_concurrent_jobs must be at least 1, was " + max);
    }
    Instant now = at.now();
    Robot known = at.store().robot(id).orElse(null);
    boolean drained = known != null && known.drained();
    Map<String, Object> capabilities = object(p.get("capabilities"));
    Robot robot =
        new Robot(
            id,
            text(p, "robot_name", id),
            text(p, "environment", "default"),
            drained ? RobotStatus.MAINTENANCE : RobotStatus.ONLINE,
            max,
            0,
            capabilities,
            RobotJob.strings(p.get("tags")),
            now,
            known == null ? Map.of() : known.metrics(),
            drained,
            known == null ? now : known.registeredAt());
    at.store().putRobot(robot);
    Map<String, Object> worker = new LinkedHashMap<>(capabilities);
    worker.put("worker_id", id);
    worker.put("supported_tasks", List.copyOf(RobotJobs.taskTypes(robot)));
    worker.put("status", drained ? "maintenance" : "idle");
    worker.put("max_concurrent_jobs", max);
    worker.put("current_jobs", 0);
    worker.put("tags", robot.tags());
    worker.put("capabilities", capabilities);
    worker.put("robot", true);
    at.engine().registerWorker(worker);
    s.heard(now);
    sessions.register(s, robot);
    deployments.heardFrom(id); // before the wake-up, so that its first round sees them
    wake.run();
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("robot_id", id);
    ack.put("success", true);
    ack.put("message", "Registered");
    ack.put(
        "config",
        Map.of(
            "heartbeat_interval",
            at.options().heartbeatInterval().toSeconds(),
            "log_batch_size",
            at.options().logBatchSize()));
    reply(s, m, "register_ack", ack);
    // A robot back from a dropped connection (to this node or another) may name the jobs it still
    // runs; they stay its own. Commands queued for it meanwhile follow the acknowledgement.
    adopt(s, RobotJob.strings(p.get("active_job_ids")));
    commands.deliverWaiting(List.of(id));
  }

  private void heartbeat(RobotSession s, Envelope m) {
    Map<String, Object> p = m.payload();
    Robot r = s.registered();
    Instant now = at.now();
    s.heard(now);
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (String k : List.of("cpu_percent", "memory_percent", "disk_percent")) {
      if (p.get(k) instanceof Number n) {
        metrics.put(k, n);
      }
    }
    RobotStatus said = r.status();
    if (p.get("status") instanceof String status) {
      try {
        said = RobotStatus.fromWire(status);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("heartbeat: " + e.getMessage());
      }
    }
    RobotStatus next =
        said == RobotStatus.ERROR
            ? RobotStatus.ERROR
            : (said == RobotStatus.OFFLINE ? RobotStatus.OFFLINE : RobotStatus.ONLINE);
    Robot updated = r.heard(now, metrics).withStatus(next);
    s.update(updated);
    adopt(s, RobotJob.strings(p.get("active_job_ids")));
    Robot stored = updated.withCurrentJobs(s.held()).withStatus(s.status(updated));
    at.store().putRobot(stored);
    deployments.heardFrom(r.id());
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("current_jobs", s.held());
    patch.put("status", stored.drained() ? "maintenance" : "idle");
    // What this robot holds here, by task: a lease on it that this session neither offered nor
    // runs (nor adopted above) was taken on a node that died, for a job the robot never got or
    // finished while its result was lost; the engine gives such a lease back to the queue (same
    // attempt) once two heartbeats a grace apart leave it out, instead of the heartbeats renewing
    // it until the task's deadline.
    List<String> held = new ArrayList<>();
    s.offers().forEach(a -> held.add(a.taskId()));
    s.runs().forEach(a -> held.add(a.taskId()));
    patch.put(RUNNING_TASKS, held);
    at.engine().heartbeat(r.id(), patch);
    reply(s, m, "heartbeat_ack", Map.of("robot_id", r.id()));
    wake.run();
  }

  /**
   * After a server restart or a reconnect a robot reports jobs it still runs: those whose task is
   * still leased to it become its active jobs again, with their stored start.
   */
  private void adopt(RobotSession s, List<String> jobIds) {
    String robotId = Objects.requireNonNull(s.robotId());
    for (String jobId : jobIds) {
      if (s.assignment(jobId) != null) {
        continue;
      }
      at.store()
          .run(jobId)
          .filter(run -> run.robotId().equals(robotId) && run.outcome() == null)
          .flatMap(run -> at.engine().task(run.taskId()))
          .filter(t -> robotId.equals(t.workerId()) && t.status().isOpen())
          .ifPresent(t -> {
            Instant accepted = at.store().run(jobId).map(r -> r.acceptedAt()).orElse(at.now());
            s.adopt(
                RobotSession.Assignment.of(
                    t, at.options(), at.now(), accepted == null ? at.now() : accepted));
          });
    }
  }

  private void accept(RobotSession s, Envelope m) {
    String jobId = required(m.payload(), "job_id");
    RobotSession.Assignment a = s.offered(jobId);
    if (a == null) {
      throw new IllegalStateException(notOffered(s, jobId));
    }
    handovers.accepted(s, a);
  }

  private void reject(RobotSession s, Envelope m) {
    String jobId = required(m.payload(), "job_id");
    RobotSession.Assignment a = s.offered(jobId);
    if (a == null) {
      throw new IllegalStateException(notOffered(s, jobId));
    }
    String reason = text(m.payload(), "reason", "no reason given");
    handovers.refused(s, a, "rejected by robot " + s.robotId() + ": " + reason);
    deployments.rejected(s.registered().id(), a.workflowId(), reason);
  }

  private String notOffered(RobotSession s, String jobId) {
    Job job = at.engine().job(jobId).orElse(null);
    if (job == null) {
      return "Job not found: " + jobId;
    }
    RobotJobStatus status = jobs.status(job);
    return "job "
        + jobId
        + " is "
        + status.wireName()
        + " and not offered to robot "
        + s.robotId()
        + "; only a queued job offered to it can be accepted or rejected";
  }

  private void progress(RobotSession s, Envelope m) {
    Map<String, Object> p = m.payload();
    RobotSession.Assignment a = running(s, required(p, "job_id"), RobotJobStatus.RUNNING);
    int value = number(p, "progress", 0);
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException("progress must be within 0 to 100, was " + value);
    }
    at.store()
        .run(a.jobId())
        .ifPresent(run ->
            at.store()
                .putRun(
                    run.progressed(
                        value, textOrNull(p, "current_node"), textOrNull(p, "message"), at.now())));
  }

  private void complete(RobotSession s, Envelope m) {
    Map<String, Object> p = m.payload();
    RobotSession.Assignment a = running(s, required(p, "job_id"), RobotJobStatus.COMPLETED);
    handovers.ended(
        s,
        a,
        TaskResult.success(object(p.get("result"))),
        "completed",
        textOrNull(p, "traceparent"));
  }

  private void failed(RobotSession s, Envelope m) {
    Map<String, Object> p = m.payload();
    RobotSession.Assignment a = running(s, required(p, "job_id"), RobotJobStatus.FAILED);
    String message = text(p, "error_message", "the robot reported a failure");
    String node = textOrNull(p, "failed_node");
    TaskError error =
        new TaskError(
            ErrorCode.TRANSIENT_ERROR, node == null ? message : message + " (node " + node + ")");
    handovers.ended(s, a, TaskResult.failure(error), "failed", textOrNull(p, "traceparent"));
  }

  /**
   * The job the robot runs, checked against the spec's transition table: a result for a job the
   * robot has not accepted (still queued) is refused with the table's message.
   */
  private RobotSession.Assignment running(RobotSession s, String jobId, RobotJobStatus to) {
    RobotSession.Assignment a = s.running(jobId);
    if (a != null) {
      return a;
    }
    Job job =
        at.engine()
            .job(jobId)
            .orElseThrow(() -> new IllegalArgumentException("Job not found: " + jobId));
    RobotJobStatus now = jobs.status(job);
    now.check(to); // throws with the expected moves when the table refuses
    throw new IllegalStateException(
        "job " + jobId + " is " + now.wireName() + " but not running on robot " + s.robotId());
  }

  private void cancelled(RobotSession s, Envelope m) {
    String jobId = required(m.payload(), "job_id");
    s.forget(jobId);
    wake.run();
  }

  private void logs(RobotSession s, Envelope m, List<Map<String, Object>> entries) {
    String robotId = Objects.requireNonNull(s.robotId());
    String batchJob = textOrNull(m.payload(), "job_id");
    List<JobLog> out = new ArrayList<>();
    for (Map<String, Object> e : entries) {
      String jobId = textOrNull(e, "job_id");
      if (jobId == null) {
        jobId = batchJob;
      }
      if (jobId == null) {
        throw new IllegalArgumentException("a log entry needs a job_id");
      }
      out.add(
          new JobLog(
              jobId,
              robotId,
              instant(e.get("timestamp"), m.timestamp()),
              text(e, "level", "INFO"),
              text(e, "message", ""),
              textOrNull(e, "node_id"),
              object(e.get("extra"))));
    }
    if (!out.isEmpty()) {
      at.store().appendLogs(out);
      robotLogs.add(robotId, out);
    }
  }

  private void statusResponse(RobotSession s, Envelope m) {
    Robot r = s.registered();
    Map<String, Object> metrics = new LinkedHashMap<>(r.metrics());
    metrics.put("status_response", m.payload());
    Robot updated = r.heard(at.now(), metrics);
    s.update(updated);
    s.heard(at.now());
    at.store().putRobot(updated.withCurrentJobs(s.held()).withStatus(s.status(updated)));
  }

  private void pause(RobotSession s, Envelope m, boolean on) {
    s.pause(on);
    if (!on) {
      wake.run();
    }
  }

  private void leave(RobotSession s, Envelope m) {
    String reason = text(m.payload(), "reason", m.type());
    handovers.lose(s, "robot said " + m.type() + ": " + reason);
    s.close(1000, "bye");
  }

  private void reply(RobotSession s, Envelope to, String type, Map<String, Object> payload) {
    s.send(Envelope.of(type, payload, to.id(), at.now()));
  }

  private static Map<String, Object> error(String code, String message) {
    return Map.of("error_code", code, "error_message", message, "details", Map.of());
  }
}
