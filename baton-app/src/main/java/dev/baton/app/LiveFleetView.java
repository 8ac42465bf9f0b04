package dev.baton.app;

import dev.baton.console.FleetView;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.RobotJob;
import dev.baton.fleet.RobotJobs;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotRun;
import dev.baton.server.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The console's view of the robot fleet, on the app's {@link Fleet} and engine. */
final class LiveFleetView implements FleetView {
  /** How many of the newest robot jobs a robot's page looks through for that robot's. */
  static final int RECENT = 100;

  private final Fleet fleet;
  private final Engine engine;

  LiveFleetView(Fleet fleet, Engine engine) {
    this.fleet = fleet;
    this.engine = engine;
  }

  @Override
  public List<Robot> robots() {
    return fleet.robots();
  }

  @Override
  public Optional<Robot> robot(String robotId) {
    return fleet.robot(robotId);
  }

  @Override
  public boolean connected(String robotId) {
    return fleet.isConnected(robotId);
  }

  @Override
  public Robot drain(String robotId, boolean on) {
    return fleet.drain(robotId, on);
  }

  @Override
  public void command(String robotId, String type) {
    fleet.command(robotId, type, Map.of());
  }

  /**
   * The jobs it holds (from its session here), then those among the newest {@value #RECENT} robot
   * jobs in the store whose run was on it, or that are pinned to it: the store has no index of jobs
   * by robot, so older ones are not looked for.
   */
  @Override
  public List<RobotJobLine> jobs(String robotId) {
    Map<String, String> held = fleet.held(robotId);
    List<RobotJobLine> current = new ArrayList<>();
    for (Map.Entry<String, String> h : held.entrySet()) {
      engine
          .job(h.getKey())
          .ifPresent(j -> current.add(line(j, fleet.jobs().view(j), h.getValue())));
    }
    List<RobotJobLine> out = new ArrayList<>(current);
    for (Job j : engine.jobs(new JobQuery(null, RobotJobs.BLUEPRINT, RECENT, 0)).items()) {
      if (held.containsKey(j.id())) {
        continue;
      }
      Map<String, @Nullable Object> v = fleet.jobs().view(j);
      if (robotId.equals(v.get("robot_id")) || robotId.equals(v.get("pinned_robot_id"))) {
        out.add(line(j, v, null));
      }
    }
    return out;
  }

  /** {@code v}: the job's robot-job view (read once: it reads the job's run from the store). */
  private static RobotJobLine line(Job j, Map<String, @Nullable Object> v, @Nullable String held) {
    return new RobotJobLine(
        j.id(),
        String.valueOf(v.get("workflow_id")),
        String.valueOf(v.get("status")),
        held,
        j.createdAt(),
        j.errorMessage());
  }

  /**
   * From the job's run in the store: the percent, node and message of the robot's last {@code
   * job_progress} ({@code 40 % at node ocr: reading page 2}); {@code 0 %} before it reported any.
   */
  @Override
  public @Nullable String jobProgress(String jobId) {
    Optional<Job> job = engine.job(jobId).filter(j -> j.blueprint().equals(RobotJobs.BLUEPRINT));
    if (job.isEmpty()) {
      return null;
    }
    RobotRun run = fleet.jobs().run(jobId).orElse(null);
    if (run == null) {
      return "0 %";
    }
    String node = run.currentNode();
    String message = run.message();
    return run.progress()
        + " %"
        + (node == null ? "" : " at node " + node)
        + (message == null || message.isBlank() ? "" : ": " + message);
  }

  @Override
  public List<JobLog> jobLogs(String jobId, int limit) {
    return fleet.newestLogs(jobId, limit);
  }

  @Override
  public List<JobLog> logs(String robotId) {
    return fleet.robotLogs(robotId);
  }

  @Override
  public String send(
      String robotId,
      String workflowId,
      Map<String, Object> parameters,
      SendOptions options,
      Client by) {
    if (fleet.robot(robotId).isEmpty()) {
      throw BatonException.notFound("Robot not found: " + robotId);
    }
    RobotJob job;
    try {
      Integer timeout = options.timeoutSeconds();
      job =
          RobotJob.of(workflowId, parameters)
              .pinnedTo(robotId)
              .withPriority(options.priority())
              .withTags(options.tags())
              .withTimeoutSeconds(
                  timeout == null ? (int) fleet.jobsTimeout().toSeconds() : timeout);
    } catch (IllegalArgumentException e) {
      throw BatonException.invalid(String.valueOf(e.getMessage()));
    }
    // As POST /api/v1/robot-jobs: the client is the fair share's, the owner the job's.
    return fleet.jobs().submit(job, by.name(), by.asJobAttribute(), false, Map.of()).job().id();
  }
}
