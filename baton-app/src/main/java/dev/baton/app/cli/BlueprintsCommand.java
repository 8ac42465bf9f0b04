package dev.baton.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton blueprints list|show} over {@code /api/v1/blueprints}, and {@code check} (blueprint
 * files, no server).
 */
@Command(
    name = "blueprints",
    description = "The blueprints a server has registered; check blueprint files.",
    subcommands = {
      BlueprintsCommand.ListCmd.class,
      BlueprintsCommand.Show.class,
      CheckCommand.class,
      MigrateCommand.class
    })
public final class BlueprintsCommand extends CommandGroup {
  static final String BASE = "/api/v1/blueprints";

  @Command(name = "list", description = "The newest version of every registered blueprint.")
  public static final class ListCmd extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode all = api.get(BASE);
      out.rows(all, all, "name", "version", "start", "api_route", "description");
      return 0;
    }
  }

  @Command(name = "show", description = "One blueprint: its states and transitions.")
  public static final class Show extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the blueprint's name")
    String name = "";

    @Option(
        names = "--graph",
        description = "its graph instead (nodes and edges, as the API's /graph route draws it)")
    boolean graph;

    @Override
    protected int run(Api api, Printer out) {
      String path = BASE + "/" + Api.segment(name) + (graph ? "/graph" : "");
      out.object(api.get(path));
      return 0;
    }
  }
}
