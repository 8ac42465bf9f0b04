package dev.baton.app;

import dev.baton.app.cli.BlueprintsCommand;
import dev.baton.app.cli.CheckCommand;
import dev.baton.app.cli.CompletionCommand;
import dev.baton.app.cli.ComponentsCommand;
import dev.baton.app.cli.EventsCommand;
import dev.baton.app.cli.JobsCommand;
import dev.baton.app.cli.LedgerCommand;
import dev.baton.app.cli.LoopCommand;
import dev.baton.app.cli.RobotsCommand;
import dev.baton.app.cli.ScenariosCommand;
import dev.baton.app.cli.WorkersCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The {@code baton} command line. */
@Command(
    name = "baton",
    // Every command under this one has --help too (and --version, which names the build).
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Baton: workflows, workers and robots on one durable engine.",
      "",
      "The commands that talk to a server (jobs, robots, workers, scenarios, components, events,"
          + " ledger, loop, blueprints, schedules) find it through --server, else env"
          + " BATON_SERVER, else `server` in ~/.config/baton/cli.toml (BATON_CLI_CONFIG names"
          + " another file), else http://localhost:8080; the token likewise through --token,"
          + " BATON_TOKEN, `token`. Exit codes: 0 done, 1 the server refused (its message is"
          + " printed) or the job did not finish, 2 bad usage, 3 the server cannot be reached."
    },
    subcommands = {
      ServerCommand.class,
      WorkerCommand.class,
      CheckCommand.class,
      JobsCommand.class,
      RobotsCommand.class,
      WorkersCommand.class,
      ScenariosCommand.class,
      ComponentsCommand.class,
      EventsCommand.class,
      LedgerCommand.class,
      LoopCommand.class,
      BlueprintsCommand.class,
      ScheduleCommand.class,
      CalendarsCommand.class,
      ComponentCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    // Before the first logger exists: logback.xml picks its appender by this property.
    String format = System.getenv("LOG_FORMAT");
    System.setProperty("baton.log.format", "json".equalsIgnoreCase(format) ? "json" : "text");
    int code = new CommandLine(new Main()).execute(args);
    // Long-running commands return from execute() while their threads serve.
    boolean serving =
        args.length > 0
            && ("server".equals(args[0])
                || (args.length > 1 && "component".equals(args[0]) && "simulate".equals(args[1])));
    if (code != 0 || !serving) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /**
   * The version and commit Maven wrote into version.properties at build time. A build outside a git
   * checkout leaves the commit unfilled ("${...}"): it is then unknown.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {describe(read())};
    }

    /** The version Maven wrote, or {@code dev} for a build that wrote none. */
    static String number() {
      String version = filled(read().getProperty("version"));
      return version == null ? "dev" : version;
    }

    static String describe(Properties p) {
      String version = filled(p.getProperty("version"));
      String commit = filled(p.getProperty("commit"));
      return "baton "
          + (version == null ? "dev" : version)
          + " (commit "
          + (commit == null ? "unknown" : commit)
          + ("true".equals(p.getProperty("dirty")) && commit != null ? ", with local changes" : "")
          + ")";
    }

    private static @Nullable String filled(@Nullable String value) {
      return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }

    private static Properties read() {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // An unreadable resource leaves the version unknown; --version still answers.
      }
      return p;
    }
  }
}
