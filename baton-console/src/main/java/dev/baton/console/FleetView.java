package dev.baton.console;

import dev.baton.engine.BatonException;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.server.Client;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The robot fleet as the console sees it; {@link #NONE} when the server runs no fleet. */
public interface FleetView {
  FleetView NONE =
      new FleetView() {
        @Override
        public List<Robot> robots() {
          return List.of();
        }

        @Override
        public boolean connected(String robotId) {
          return false;
        }

        @Override
        public Robot drain(String robotId, boolean on) {
          throw BatonException.notFound("Robot not found: " + robotId);
        }

        @Override
        public void command(String robotId, String type) {
          throw BatonException.conflict("robot " + robotId + " is not connected");
        }
      };

  List<Robot> robots();

  boolean connected(String robotId);

  /**
   * Drains a robot (it takes no new jobs) or ends the drain; returns it as stored.
   *
   * @throws BatonException when no robot has that id
   */
  Robot drain(String robotId, boolean on);

  /**
   * Sends a connected robot an operator's command: {@code pause} (it takes no new jobs until
   * resumed) or {@code resume}.
   *
   * @throws BatonException when the robot is not connected or the command is unknown
   */
  void command(String robotId, String type);

  /** The robot with that id, with live counts when it is connected here. */
  default Optional<Robot> robot(String robotId) {
    return robots().stream().filter(r -> r.id().equals(robotId)).findFirst();
  }

  /**
   * The robot's jobs, newest first: those it holds now ({@link RobotJobLine#current()}) and the
   * recent ones it ran or is pinned to.
   */
  default List<RobotJobLine> jobs(String robotId) {
    return List.of();
  }

  /**
   * A robot job's last reported progress as a line of text ({@code 40 % at node ocr}), or null when
   * the job is not a robot job or reported none.
   */
  default @Nullable String jobProgress(String jobId) {
    return null;
  }

  /** The newest {@code limit} log lines the robots sent for a job, oldest first. */
  default List<JobLog> jobLogs(String jobId, int limit) {
    return List.of();
  }

  /** The newest log lines the robot sent, oldest first. */
  default List<JobLog> logs(String robotId) {
    return List.of();
  }

  /**
   * Submits a robot job of {@code workflowId} pinned to the robot, as {@code POST
   * /api/v1/robot-jobs} with {@code robot_id} does, owned by {@code by}; returns the job's id.
   *
   * @throws BatonException not found for an unknown robot, conflict for a duplicate within the
   *     de-duplication window, invalid for a workflow the fleet refuses
   */
  default String send(
      String robotId, String workflowId, Map<String, Object> parameters, Client by) {
    return send(robotId, workflowId, parameters, SendOptions.DEFAULTS, by);
  }

  /** As {@link #send(String, String, Map, Client)}, with a priority, a timeout and tags. */
  default String send(
      String robotId,
      String workflowId,
      Map<String, Object> parameters,
      SendOptions options,
      Client by) {
    throw BatonException.notFound("Robot not found: " + robotId);
  }

  /**
   * What else a job sent to a robot may say, as {@code POST /api/v1/robot-jobs} takes it.
   *
   * @param priority 0 (LOW) to 3 (CRITICAL), or another whole number
   * @param timeoutSeconds how long its run may take, or null for the fleet's default
   * @param tags every one must be among the robot's tags
   */
  record SendOptions(int priority, @Nullable Integer timeoutSeconds, List<String> tags) {
    public static final SendOptions DEFAULTS = new SendOptions(1, null, List.of());

    public SendOptions {
      tags = List.copyOf(tags);
    }
  }

  /**
   * One of a robot's jobs.
   *
   * @param status the robot job's status ({@code queued}, {@code running}, {@code completed}, ...)
   * @param held {@code offered} or {@code running} for a job the robot holds now, else null
   */
  record RobotJobLine(
      String jobId,
      String workflowId,
      String status,
      @Nullable String held,
      Instant createdAt,
      @Nullable String error) {
    public boolean current() {
      return held != null;
    }
  }
}
