package dev.baton.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to a server: it has the connection options, gets one {@link Api} for its
 * run, and turns every {@link ApiFailure} (and a config that cannot be used) into one line on
 * stderr and its exit code.
 */
public abstract class ApiCommand implements Callable<Integer> {
  @Mixin public CliOptions connection = new CliOptions();

  @Override
  public final Integer call() {
    CliOptions.Resolved target;
    try {
      target = connection.resolve();
    } catch (CliConfig.Problem e) {
      System.err.println("baton: " + e.getMessage());
      return ApiFailure.USAGE;
    }
    Printer printer = new Printer(target.output(), System.out, System.err);
    try (Api api = new Api(target)) {
      return run(api, printer);
    } catch (ApiFailure e) {
      System.err.println("baton: " + e.getMessage());
      return e.exitCode();
    }
  }

  /** Does the command's work; answers its exit code (0 when it did what was asked). */
  protected abstract int run(Api api, Printer out);
}
