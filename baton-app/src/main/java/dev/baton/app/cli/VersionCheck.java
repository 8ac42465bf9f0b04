package dev.baton.app.cli;

import dev.baton.declarative.BlueprintFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton blueprints check --against NAME@VERSION [FILE]}: the server compares a candidate
 * with the version its running jobs are on. The candidate is the blueprint file (or the file of
 * that name in a folder), or a registered version ({@code --to}). Exit code 0 only when compatible.
 */
final class VersionCheck extends ApiCommand {
  private final String against;
  private final @Nullable Integer to;
  private final Map<String, String> mapping;
  private final Path path;

  VersionCheck(
      CliOptions connection,
      String against,
      @Nullable Integer to,
      Map<String, String> mapping,
      Path path) {
    this.connection = connection;
    this.against = against;
    this.to = to;
    this.mapping = mapping;
    this.path = path;
  }

  @Override
  protected int run(Api api, Printer out) {
    VersionRef ref = VersionRef.parse(against);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("against", ref.version());
    if (to != null) {
      body.put("version", to);
    } else {
      body.put("candidate", read(candidateFile(ref.name())));
    }
    body.put("mapping", mapping);
    String route = BlueprintsCommand.BASE + "/" + Api.segment(ref.name()) + "/check";
    JsonNode report = api.post(route, body);
    print(report, out);
    return report.path("verdict").asString().equals("compatible") ? 0 : ApiFailure.REFUSED;
  }

  static void print(JsonNode report, Printer out) {
    out.rows(
        report,
        report.path("states"),
        "state",
        "change",
        "verdict",
        "running_jobs",
        "move",
        "target",
        "reason");
    report.path("notes").values().forEach(n -> out.line("note: " + n.asString()));
    out.line(
        report.path("blueprint").asString()
            + " v"
            + report.path("from").asInt()
            + " -> v"
            + report.path("to").asInt()
            + ": "
            + report.path("verdict").asString());
  }

  /** The file itself, or the file in the folder whose blueprint has the name checked. */
  private Path candidateFile(String name) {
    if (!Files.isDirectory(path)) {
      return path;
    }
    try (Stream<Path> files = Files.list(path)) {
      List<Path> named =
          files
              .filter(BlueprintFiles::isBlueprintFile)
              .sorted()
              .filter(f ->
                  BlueprintFiles.loadFile(f).blueprints().stream()
                      .anyMatch(b -> b.name().equals(name)))
              .toList();
      if (named.isEmpty()) {
        throw ApiFailure.of(
            "no blueprint file in "
                + path
                + " defines '"
                + name
                + "'; name the FILE, or a registered version with --to",
            ApiFailure.USAGE);
      }
      return named.get(0);
    } catch (IOException e) {
      throw ApiFailure.of("cannot read " + path + ": " + e.getMessage(), ApiFailure.USAGE);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw ApiFailure.of("cannot read " + file + ": " + e.getMessage(), ApiFailure.USAGE);
    }
  }
}
