package dev.baton.app.cli;

import dev.baton.declarative.BlueprintFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Validates blueprint files without starting anything: for CI and editors. */
@Command(name = "check", description = "Validate blueprint files (a folder or one file).")
public final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", defaultValue = "blueprints", description = "folder or file")
  Path path = Path.of("blueprints");

  @Override
  public Integer call() {
    BlueprintFiles.Loaded loaded =
        Files.isDirectory(path) ? BlueprintFiles.loadFolder(path) : BlueprintFiles.loadFile(path);
    loaded
        .blueprints()
        .forEach(b -> System.out.println("ok      " + b.name() + " v" + b.version()));
    loaded.problems().forEach(p -> System.out.println("problem " + p));
    return loaded.problems().isEmpty() ? 0 : 1;
  }
}
