package dev.baton.app.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code baton completion bash}: the shell completion script of the whole command tree, generated
 * from it (so it never lags behind a new command or option).
 */
@Command(
    name = "completion",
    description = {
      "Print the completion script for bash (zsh reads it too, after `autoload bashcompinit &&"
          + " bashcompinit`).",
      "Try it: source <(baton completion bash)",
      "Keep it: baton completion bash > ~/.local/share/bash-completion/completions/baton"
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash (the default) or zsh")
  String shell = "bash";

  @Override
  public Integer call() {
    if (!"bash".equals(shell) && !"zsh".equals(shell)) {
      System.err.println("baton: completion is generated for bash and zsh, not '" + shell + "'");
      return ApiFailure.USAGE;
    }
    if (spec == null) {
      throw new IllegalStateException("picocli injects the spec");
    }
    System.out.print(AutoComplete.bash("baton", spec.root().commandLine()));
    return 0;
  }
}
