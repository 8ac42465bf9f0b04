package dev.baton.app.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code baton robots ...}: the robot fleet, over {@code /api/v1/robots} and robot jobs. */
@Command(
    name = "robots",
    description = "List robots; drain, pause and resume one; read a robot job's logs.",
    subcommands = {
      RobotsCommand.ListCmd.class,
      RobotsCommand.Drain.class,
      RobotsCommand.Pause.class,
      RobotsCommand.Resume.class,
      RobotsCommand.Logs.class
    })
public final class RobotsCommand extends CommandGroup {
  static final String BASE = "/api/v1/robots";
  static final String[] ROBOT_FIELDS = {
    "id",
    "name",
    "status",
    "connected",
    "maintenance",
    "current_jobs",
    "max_concurrent_jobs",
    "last_heartbeat"
  };

  @Command(name = "list", description = "Every robot the fleet knows, connected or not.")
  static final class ListCmd extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode robots = api.get(BASE);
      out.rows(robots, robots, ROBOT_FIELDS);
      return 0;
    }
  }

  @Command(
      name = "drain",
      description =
          "Drain a robot: it finishes what it holds and gets nothing new, across"
              + " reconnects and restarts, until drained --off.")
  static final class Drain extends ApiCommand {
    @Parameters(paramLabel = "ROBOT_ID", description = "the robot's id")
    String id = "";

    @Option(names = "--off", description = "end the drain: the robot takes jobs again")
    boolean off;

    @Override
    protected int run(Api api, Printer out) {
      JsonNode robot =
          api.post(BASE + "/" + Api.segment(id) + "/maintenance", Map.of("enabled", !off));
      out.object(robot, ROBOT_FIELDS);
      return 0;
    }
  }

  /** Sends an operator command to a connected robot. */
  abstract static class Order extends ApiCommand {
    @Parameters(paramLabel = "ROBOT_ID", description = "the robot's id")
    String id = "";

    private final String command;

    Order(String command) {
      this.command = command;
    }

    @Override
    protected int run(Api api, Printer out) {
      out.object(api.post(BASE + "/" + Api.segment(id) + "/commands", Map.of("command", command)));
      return 0;
    }
  }

  @Command(
      name = "pause",
      description = "Tell a connected robot to take no new jobs (it keeps running what it has).")
  static final class Pause extends Order {
    Pause() {
      super("pause");
    }
  }

  @Command(name = "resume", description = "Tell a paused robot to take jobs again.")
  static final class Resume extends Order {
    Resume() {
      super("resume");
    }
  }

  @Command(
      name = "logs",
      description =
          "The log entries a robot sent for one robot job, oldest first. (The server"
              + " keeps logs per robot job; there is no route for all of one robot's logs.)")
  static final class Logs extends ApiCommand {
    @Parameters(paramLabel = "ROBOT_JOB_ID", description = "the robot job's id")
    String id = "";

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "entries, 1 to 1000 (default ${DEFAULT-VALUE})")
    int limit = 100;

    @Option(
        names = "--offset",
        defaultValue = "0",
        description = "entries to skip (default ${DEFAULT-VALUE})")
    int offset;

    @Override
    protected int run(Api api, Printer out) {
      JsonNode logs =
          api.get(
              "/api/v1/robot-jobs/"
                  + Api.segment(id)
                  + "/logs"
                  + Api.query("limit", limit, "offset", offset));
      out.rows(logs, logs, "timestamp", "robot_id", "level", "node_id", "message");
      return 0;
    }
  }
}
