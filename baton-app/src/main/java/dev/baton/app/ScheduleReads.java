package dev.baton.app;

import dev.baton.app.cli.Api;
import dev.baton.app.cli.ApiCommand;
import dev.baton.app.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code schedules list|show|runs}: what the server has. */
final class ScheduleReads {
  static final String BASE = "/api/v1/schedules";

  private ScheduleReads() {}

  /** A schedule's path, by its id or name. */
  static String path(String name) {
    return BASE + "/" + Api.segment(name);
  }

  @Command(name = "list", description = "Every schedule, by name.")
  static final class ListCmd extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode all = api.get(BASE);
      out.rows(
          all, all, "name", "enabled", "target", "timing", "timezone", "next_run_at", "run_count");
      return 0;
    }
  }

  @Command(name = "show", description = "One schedule, by id or name, with its next fire.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the schedule's name or id")
    String name = "";

    @Override
    protected int run(Api api, Printer out) {
      out.object(api.get(path(name)));
      return 0;
    }
  }

  @Command(name = "runs", description = "A schedule's runs, newest first, with their lateness.")
  static final class Runs extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the schedule's name or id")
    String name = "";

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "runs, 1 to 1000 (default" + " ${DEFAULT-VALUE})")
    int limit = 20;

    @Override
    protected int run(Api api, Printer out) {
      JsonNode runs = api.get(path(name) + "/runs" + Api.query("limit", limit));
      out.rows(runs, runs, "fire_at", "fired_at", "lateness_ms", "outcome", "job_id", "reason");
      return 0;
    }
  }
}
