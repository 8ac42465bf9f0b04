package dev.baton.app.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code baton workers list}: the workers registered with the server. */
@Command(
    name = "workers",
    description = "The workers registered with the server.",
    subcommands = {WorkersCommand.ListCmd.class})
public final class WorkersCommand extends CommandGroup {
  @Command(
      name = "list",
      description =
          "Every registered worker: its task types, status and"
              + " whether it was heard from within the worker TTL.")
  static final class ListCmd extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode workers = api.get("/api/v1/workers");
      out.rows(workers, workers, "worker_id", "status", "alive", "supported_tasks", "last_seen");
      return 0;
    }
  }
}
