package dev.baton.app.cli;

import dev.baton.declarative.BlueprintFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Validates blueprint files without starting anything: for CI and editors. With {@code --against},
 * asks a server whether the jobs running on a version could move to the file's (see {@link
 * VersionCheck}).
 */
@Command(
    name = "check",
    description =
        "Validate blueprint files (a folder or one file); with --against NAME@VERSION, ask the"
            + " server whether jobs running on that version could move to the file's version.")
public final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", defaultValue = "blueprints", description = "folder or file")
  Path path = Path.of("blueprints");

  @Option(
      names = "--against",
      paramLabel = "NAME@VERSION",
      description = "compare with the version running jobs are on (needs a server)")
  @Nullable String against;

  @Option(
      names = "--to",
      paramLabel = "VERSION",
      description = "with --against: compare a registered version instead of the file")
  @Nullable Integer to;

  @Option(
      names = "--map",
      paramLabel = "OLD=NEW",
      description = "with --against: jobs in state OLD would go to state NEW (repeat)")
  Map<String, String> mapping = new LinkedHashMap<>();

  @Mixin CliOptions connection = new CliOptions();

  @Override
  public Integer call() {
    String versus = against;
    if (versus != null) {
      return new VersionCheck(connection, versus, to, mapping, path).call();
    }
    BlueprintFiles.Loaded loaded =
        Files.isDirectory(path) ? BlueprintFiles.loadFolder(path) : BlueprintFiles.loadFile(path);
    loaded
        .blueprints()
        .forEach(b -> System.out.println("ok      " + b.name() + " v" + b.version()));
    loaded.problems().forEach(p -> System.out.println("problem " + p));
    return loaded.problems().isEmpty() ? 0 : 1;
  }
}
