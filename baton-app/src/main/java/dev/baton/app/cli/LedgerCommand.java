package dev.baton.app.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code baton ledger query}: a page of the append-only ledger, filtered. */
@Command(
    name = "ledger",
    description = "Search the ledger: job transitions, control cycles, actions, admin changes.",
    subcommands = {LedgerCommand.Query.class})
public final class LedgerCommand extends CommandGroup {
  @Command(
      name = "query",
      description = {
        "A page of ledger entries, newest first; every filter given must hold.",
        "Example: baton ledger query --type 'job.*' --job 3f2c... --limit 20"
      })
  static final class Query extends ApiCommand {
    @Option(
        names = "--type",
        paramLabel = "TYPE",
        description =
            "an exact type (job.failed) or a"
                + " prefix ending in * (job.*, orchestrator.*, admin.*)")
    @Nullable String type;

    @Option(
        names = "--source",
        paramLabel = "SOURCE",
        description = "engine, orchestrator, api, app, ...")
    @Nullable String source;

    @Option(names = "--job", paramLabel = "JOB_ID", description = "entries about this job")
    @Nullable String job;

    @Option(names = "--severity", paramLabel = "LEVEL", description = "info, warning or error")
    @Nullable String severity;

    @Option(
        names = "--since",
        paramLabel = "INSTANT",
        description = "entries at or after this ISO-8601 instant (2026-12-01T08:00:00Z)")
    @Nullable String since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "entries before this instant")
    @Nullable String until;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "entries, 1 to 1000 (default ${DEFAULT-VALUE})")
    int limit = 100;

    @Option(
        names = "--order",
        paramLabel = "ORDER",
        defaultValue = "desc",
        description = "desc (newest first) or asc (default ${DEFAULT-VALUE})")
    String order = "desc";

    @Option(
        names = "--cursor",
        paramLabel = "CURSOR",
        description =
            "where the previous page"
                + " ended (its next_cursor; table output prints it on stderr)")
    @Nullable String cursor;

    @Override
    protected int run(Api api, Printer out) {
      JsonNode page =
          api.get(
              "/api/v1/ledger"
                  + Api.query(
                      "type",
                      type,
                      "source",
                      source,
                      "job_id",
                      job,
                      "severity",
                      severity,
                      "since",
                      since,
                      "until",
                      until,
                      "limit",
                      limit,
                      "order",
                      order,
                      "cursor",
                      cursor));
      out.rows(
          page, page.path("items"), "seq", "at", "type", "source", "severity", "job_id", "details");
      if (!out.json() && page.path("next_cursor").isString()) {
        out.note("next page: --cursor " + page.path("next_cursor").asString());
      }
      return 0;
    }
  }
}
