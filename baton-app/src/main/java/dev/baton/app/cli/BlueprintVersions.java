package dev.baton.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton blueprints push|diff|publish|archive|versions}: the stored versions of blueprints
 * (docs/definitions.md), over {@code /api/v1/blueprints}.
 */
final class BlueprintVersions {
  private BlueprintVersions() {}

  static final String[] COLUMNS = {
    "name", "version", "status", "created_by", "created_at", "tags", "folder", "content_hash"
  };

  @Command(
      name = "push",
      description =
          "Store blueprint files as new versions (drafts, or published with --publish); a file"
              + " unchanged since you last pushed it stores nothing.")
  public static final class Push extends ApiCommand {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML or JSON blueprint files")
    List<Path> files = new ArrayList<>();

    @Option(names = "--publish", description = "publish at once: new jobs start on it")
    boolean publish;

    @Option(names = "--tag", description = "a tag (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--folder", description = "the folder to file it in, like finance/invoices")
    @Nullable String folder;

    @Override
    protected int run(Api api, Printer out) {
      List<JsonNode> stored = new ArrayList<>();
      for (Path file : files) {
        String text;
        try {
          text = Files.readString(file);
        } catch (IOException e) {
          throw ApiFailure.of(file + ": cannot be read: " + e.getMessage(), ApiFailure.USAGE);
        }
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        String query =
            Api.query(
                "publish", publish ? "true" : null,
                "tags", tags.isEmpty() ? null : String.join(",", tags),
                "folder", folder);
        stored.add(
            api.postText(
                BlueprintsCommand.BASE + query,
                text,
                json ? "application/json" : "application/yaml"));
      }
      JsonNode all = Api.JSON.valueToTree(stored);
      out.rows(all, all, "name", "version", "status", "created", "content_hash");
      return 0;
    }
  }

  @Command(name = "versions", description = "Every stored version of one blueprint.")
  public static final class Versions extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the blueprint's name")
    String name = "";

    @Override
    protected int run(Api api, Printer out) {
      JsonNode all = api.get(BlueprintsCommand.BASE + "/" + Api.segment(name) + "/versions");
      out.rows(all, all, COLUMNS);
      return 0;
    }
  }

  @Command(name = "diff", description = "A unified diff of two versions (a number or latest).")
  public static final class Diff extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "the blueprint's name")
    String name = "";

    @Parameters(index = "1", paramLabel = "FROM", description = "the older version, or latest")
    String from = "";

    @Parameters(
        index = "2",
        paramLabel = "TO",
        defaultValue = "latest",
        description = "the newer version (default: latest, the latest published)")
    String to = "latest";

    @Override
    protected int run(Api api, Printer out) {
      JsonNode d =
          api.get(
              BlueprintsCommand.BASE
                  + "/"
                  + Api.segment(name)
                  + "/diff"
                  + Api.query("from", from, "to", to));
      if (out.json()) {
        out.jsonLine(d);
      } else if (d.path("same").asBoolean()) {
        out.line(
            "versions "
                + d.path("from").asInt()
                + " and "
                + d.path("to").asInt()
                + " are the same");
      } else {
        out.plain(d.path("diff").asString().stripTrailing());
      }
      return 0;
    }
  }

  /** {@code publish} and {@code archive}: one move of one version. */
  abstract static class Move extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "the blueprint's name")
    String name = "";

    @Parameters(index = "1", paramLabel = "VERSION", description = "a number, or latest")
    String version = "";

    abstract String verb();

    /** Appended to the request: {@code ?require=compatible} for a checked publish. */
    String query() {
      return "";
    }

    @Override
    protected int run(Api api, Printer out) {
      JsonNode d =
          api.post(
              BlueprintsCommand.BASE
                  + "/"
                  + Api.segment(name)
                  + "/versions/"
                  + Api.segment(version)
                  + "/"
                  + verb()
                  + query(),
              null);
      out.object(d, "name", "version", "status", "updated_at");
      return 0;
    }
  }

  @Command(name = "publish", description = "Publish a version: new jobs start on the highest one.")
  public static final class Publish extends Move {
    @Option(
        names = "--require",
        paramLabel = "compatible",
        description =
            "refuse the publish (exit 1) unless jobs running on the latest published version could"
                + " move to this one as they are")
    @Nullable String require;

    @Override
    String verb() {
      return "publish";
    }

    @Override
    String query() {
      return require == null ? "" : "?require=" + Api.segment(require);
    }
  }

  @Command(
      name = "archive",
      description = "Archive a version: jobs on it finish, no new job starts on it.")
  public static final class Archive extends Move {
    @Override
    String verb() {
      return "archive";
    }
  }
}
