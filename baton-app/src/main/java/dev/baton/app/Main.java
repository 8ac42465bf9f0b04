package dev.baton.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code baton} command line. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Baton: workflows, workers and robots on one durable engine.",
    subcommands = {
      ServerCommand.class,
      WorkerCommand.class,
      CheckCommand.class,
      ScheduleCommand.class,
      ComponentCommand.class,
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

  /** The version from the jar's manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"baton " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
