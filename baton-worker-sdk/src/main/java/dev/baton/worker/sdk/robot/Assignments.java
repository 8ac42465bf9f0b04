package dev.baton.worker.sdk.robot;

import dev.baton.worker.sdk.internal.TaskSpans;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a robot is sent, and the jobs it runs because of it: each message is kept (the latest {@code
 * keepMessages}), an offer is accepted or refused and its job run on a virtual thread, a cancel
 * stops one, a status request is answered. The connection it answers on is the robot's current one
 * ({@link RobotWire}); what it sends while none is open is lost, as on a cut network.
 */
final class Assignments {
  private static final Logger log = LoggerFactory.getLogger(Assignments.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final String robotId;
  private final int keepMessages;
  private final Function<RobotJob, @Nullable String> acceptance;
  private final RobotHandler handler;
  private final OpenTelemetry openTelemetry;
  private final RobotWire wire;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  /**
   * The latest messages received, at most {@code keepMessages}: a long-running robot (or a
   * benchmark of thousands of jobs) would otherwise keep every message, and copying a growing list
   * on each one cost more CPU than the jobs. Guarded by itself.
   */
  private final ArrayDeque<Map<String, Object>> received = new ArrayDeque<>();

  private record Running(Thread thread, JobRun run) {}

  Assignments(
      String robotId,
      int keepMessages,
      Function<RobotJob, @Nullable String> acceptance,
      RobotHandler handler,
      OpenTelemetry openTelemetry,
      RobotWire wire) {
    this.robotId = robotId;
    this.keepMessages = keepMessages;
    this.acceptance = acceptance;
    this.handler = handler;
    this.openTelemetry = openTelemetry;
    this.wire = wire;
  }

  /** Interrupts every job it runs (the robot was killed or closed). */
  void interruptAll() {
    running.values().forEach(r -> r.thread().interrupt());
  }

  /**
   * The messages received, oldest first (for tests and diagnostics): every one, or the latest
   * {@link RobotClient.Builder#keepMessages} when more came.
   */
  List<Map<String, Object>> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Ids of the jobs assigned to this robot, in order. */
  List<String> assignedJobs() {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> m : received()) {
      if ("job_assign".equals(m.get("type")) && m.get("payload") instanceof Map<?, ?> p) {
        out.add(String.valueOf(p.get("job_id")));
      }
    }
    return out;
  }

  /** Ids of the jobs this robot runs now. */
  Set<String> runningJobs() {
    return Set.copyOf(running.keySet());
  }

  /** A message on a connection whose registration {@code ack} completes. */
  void onMessage(String text, CompletableFuture<Map<String, Object>> ack) {
    Map<String, Object> m;
    try {
      m = JSON.readValue(text, MAP);
    } catch (RuntimeException e) {
      log.warn("robot {} got unreadable text: {}", robotId, text);
      return;
    }
    synchronized (received) {
      while (!received.isEmpty() && received.size() >= keepMessages) {
        received.removeFirst();
      }
      if (keepMessages > 0) {
        received.addLast(m);
      }
    }
    Map<String, Object> p = m.get("payload") instanceof Map<?, ?> raw ? stringKeys(raw) : Map.of();
    switch (String.valueOf(m.get("type"))) {
      case "register_ack" -> ack.complete(p);
      case "job_assign" -> assigned(p, m.get("id") instanceof String id ? id : null);
      case "job_cancel" -> cancel(String.valueOf(p.get("job_id")));
      case "status_request" -> {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("robot_id", robotId);
        status.put("status", "online");
        status.put("current_jobs", running.size());
        status.put("active_job_ids", List.copyOf(running.keySet()));
        wire.send("status_response", status, m.get("id") instanceof String id ? id : null);
      }
      default -> {}
    }
  }

  private void assigned(Map<String, Object> p, @Nullable String messageId) {
    String jobId = String.valueOf(p.get("job_id"));
    if (running.containsKey(jobId)) {
      // Offered again while it runs here: its lease ran out while its renewals could not reach
      // the store, or a node offers what another had handed out. Accepting again makes the job
      // this robot's running one on that node (so the one run's result is taken); a second run
      // would do the work twice. Its acceptance was decided at the first offer.
      log.info(
          "robot {} was offered job {} again while running it: accepted again", robotId, jobId);
      wire.send("job_accept", Map.of("job_id", jobId, "robot_id", robotId), messageId);
      return;
    }
    RobotJob job =
        new RobotJob(
            jobId,
            String.valueOf(p.get("workflow_id")),
            p.get("workflow_name") instanceof String n ? n : null,
            p.get("workflow_json") instanceof String j ? j : null,
            p.get("priority") instanceof Number n ? n.intValue() : 1,
            p.get("timeout_seconds") instanceof Number n ? n.intValue() : 3600,
            p.get("parameters") instanceof Map<?, ?> raw ? stringKeys(raw) : Map.of());
    String refusal = acceptance.apply(job);
    if (refusal == RobotClient.SILENT) {
      return; // the test robot that never answers
    }
    if (refusal != null) {
      wire.send(
          "job_reject",
          Map.of("job_id", job.jobId(), "robot_id", robotId, "reason", refusal),
          messageId);
      return;
    }
    wire.send("job_accept", Map.of("job_id", jobId, "robot_id", robotId), messageId);
    // The run stops counting as running just before it reports its end: an offer of the job after
    // that (its result was refused, or lost) is a new run, one before it is accepted again.
    AtomicReference<@Nullable Running> self = new AtomicReference<>();
    Runnable ended = () -> running.remove(jobId, self.get());
    JobRun run =
        new JobRun(
            job,
            robotId,
            handler,
            wire,
            new TaskSpans(openTelemetry),
            p.get("traceparent") instanceof String tp ? tp : null,
            ended);
    Thread t =
        Thread.ofVirtual()
            .unstarted(() -> {
              try {
                run.run();
              } finally {
                ended.run();
              }
            });
    Running r = new Running(t, run);
    self.set(r);
    running.put(jobId, r);
    t.start();
  }

  private void cancel(String jobId) {
    Running r = running.remove(jobId);
    if (r != null) {
      r.run().cancel();
      r.thread().interrupt();
    }
    wire.send("job_cancelled", Map.of("job_id", jobId, "robot_id", robotId), null);
  }

  private static Map<String, Object> stringKeys(Map<?, ?> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
