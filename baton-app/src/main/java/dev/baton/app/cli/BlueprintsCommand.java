package dev.baton.app.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton blueprints list|show} over {@code /api/v1/blueprints}, the stored versions ({@link
 * BlueprintVersions}: push, versions, diff, publish, archive), and {@code check} (blueprint files,
 * no server).
 */
@Command(
    name = "blueprints",
    description = "The blueprints a server runs and their stored versions; check blueprint files.",
    subcommands = {
      BlueprintsCommand.ListCmd.class,
      BlueprintsCommand.Show.class,
      BlueprintVersions.Push.class,
      BlueprintVersions.Versions.class,
      BlueprintVersions.Diff.class,
      BlueprintVersions.Publish.class,
      BlueprintVersions.Archive.class,
      CheckCommand.class,
      MigrateCommand.class
    })
public final class BlueprintsCommand extends CommandGroup {
  static final String BASE = "/api/v1/blueprints";

  @Command(
      name = "list",
      description =
          "The version new jobs start on of every blueprint; with a filter, the stored versions"
              + " (the newest matching of each name).")
  public static final class ListCmd extends ApiCommand {
    @Option(names = "--status", description = "draft, published or archived")
    @Nullable String status;

    @Option(names = "--tag", description = "versions with this tag")
    @Nullable String tag;

    @Option(names = "--folder", description = "versions in this folder or below")
    @Nullable String folder;

    @Override
    protected int run(Api api, Printer out) {
      if (status == null && tag == null && folder == null) {
        JsonNode all = api.get(BASE);
        out.rows(all, all, "name", "version", "start", "api_route", "description");
        return 0;
      }
      JsonNode stored =
          api.get(
              "/api/v1/definitions"
                  + Api.query(
                      "kind", "blueprint",
                      "status", status,
                      "tag", tag,
                      "folder", folder,
                      "newest", "true"));
      out.rows(stored, stored, BlueprintVersions.COLUMNS);
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

    @Option(
        names = "--version",
        description = "a stored version (a number, or latest) with its content, as it was pushed")
    @Nullable String version;

    @Override
    protected int run(Api api, Printer out) {
      if (version != null) {
        JsonNode v = api.get(BASE + "/" + Api.segment(name) + "/versions/" + Api.segment(version));
        if (out.json()) {
          out.object(v);
        } else {
          out.object(v, "name", "version", "status", "created_by", "created_at", "content_hash");
          out.line("");
          out.plain(v.path("content").asString().stripTrailing());
        }
        return 0;
      }
      String path = BASE + "/" + Api.segment(name) + (graph ? "/graph" : "");
      out.object(api.get(path));
      return 0;
    }
  }
}
