package dev.baton.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code baton scenarios ...}: event-driven scenarios, over {@code /api/v1/scenarios}. */
@Command(
    name = "scenarios",
    description = "List scenarios, run one now, ACK their counters, read their runs.",
    subcommands = {
      ScenariosCommand.ListCmd.class,
      ScenariosCommand.Run.class,
      ScenariosCommand.Ack.class,
      ScenariosCommand.Runs.class
    })
public final class ScenariosCommand extends CommandGroup {
  static final String BASE = "/api/v1/scenarios";
  static final String[] RUN_COLUMNS = {"job_id", "scenario", "status", "created_at", "error"};

  @Command(
      name = "list",
      description =
          "The scenarios in priority order, with their trigger,"
              + " cooldown and counters; files that did not load are named on stderr.")
  static final class ListCmd extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode all = api.get(BASE);
      out.rows(
          all,
          all.path("scenarios"),
          "name",
          "priority",
          "trigger",
          "source",
          "cooldown",
          "executions",
          "max_executions",
          "blocked",
          "last_end");
      if (!out.json()) {
        all.path("problems").forEach(p -> out.note("problem " + p.asString()));
      }
      return 0;
    }
  }

  @Command(
      name = "run",
      description =
          "Run a scenario now (its conditions and cooldown are not"
              + " checked); the run is a job of the scenario blueprint.")
  static final class Run extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the scenario's name")
    String name = "";

    @Option(
        names = "--data",
        paramLabel = "JSON",
        description = "a JSON object (or @file) the scenario's templates see as trigger.data")
    @Nullable String data;

    @Override
    protected int run(Api api, Printer out) {
      Map<String, Object> body = new LinkedHashMap<>();
      Map<String, Object> d = JsonArgs.object("--data", data);
      if (d != null) {
        body.put("data", d);
      }
      out.object(api.post(BASE + "/" + Api.segment(name) + "/run", body), RUN_COLUMNS);
      return 0;
    }
  }

  @Command(
      name = "ack",
      description =
          "Reset every max_executions counter and the notification"
              + " error counters (avena's ACK).")
  static final class Ack extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      out.object(api.post(BASE + "/ack", null));
      return 0;
    }
  }

  @Command(name = "runs", description = "The newest runs of one scenario, or of every scenario.")
  static final class Runs extends ApiCommand {
    @Parameters(
        paramLabel = "NAME",
        arity = "0..1",
        description = "the scenario's name (default: every scenario)")
    @Nullable String name;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "runs, 1 to 1000 (default ${DEFAULT-VALUE})")
    int limit = 50;

    @Override
    protected int run(Api api, Printer out) {
      String path =
          name == null ? "/api/v1/scenario-runs" : BASE + "/" + Api.segment(name) + "/runs";
      JsonNode runs = api.get(path + Api.query("limit", limit));
      out.rows(runs, runs, RUN_COLUMNS);
      return 0;
    }
  }
}
