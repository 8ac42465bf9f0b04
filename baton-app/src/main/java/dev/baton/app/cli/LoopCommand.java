package dev.baton.app.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code baton loop ...}: the autonomous control loop, over {@code /api/v1/orchestrator}. */
@Command(
    name = "loop",
    description =
        "The control loop: whether it runs and how healthy the system is; run one"
            + " cycle; enable or disable it.",
    subcommands = {
      LoopCommand.Status.class,
      LoopCommand.RunOnce.class,
      LoopCommand.Enable.class,
      LoopCommand.Disable.class
    })
public final class LoopCommand extends CommandGroup {
  static final String BASE = "/api/v1/orchestrator";

  @Command(
      name = "status",
      description =
          "Whether the loop runs, and the health the next cycle"
              + " would see (score, status, what needs attention).")
  static final class Status extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode status = api.get(BASE + "/status");
      JsonNode system = api.get(BASE + "/snapshot").path("snapshot").path("system");
      ObjectNode both = Api.JSON.createObjectNode();
      both.put("running", status.path("running").asBoolean());
      both.set("system", system);
      out.object(
          both,
          "running",
          "system.health_score",
          "system.status",
          "system.requires_attention",
          "system.recommendations");
      return 0;
    }
  }

  @Command(
      name = "run-once",
      description =
          "Run one control cycle now (also when the loop is"
              + " disabled) and show what it decided and did.")
  static final class RunOnce extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode r = api.post(BASE + "/run-once", null);
      out.object(
          r,
          "result.decision.decision",
          "result.decision.total_actions",
          "result.decision.summary",
          "result.snapshot.system.health_score",
          "result.snapshot.system.status",
          "result.execution");
      return 0;
    }
  }

  @Command(name = "enable", description = "Start the loop: a cycle now, then one every interval.")
  static final class Enable extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      out.object(
          api.post(BASE + "/enable", null),
          "orchestrator.status",
          "orchestrator.interval_seconds",
          "orchestrator.enabled");
      return 0;
    }
  }

  @Command(name = "disable", description = "Stop the loop after the cycle in progress.")
  static final class Disable extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      out.object(api.post(BASE + "/disable", null), "orchestrator.status");
      return 0;
    }
  }
}
