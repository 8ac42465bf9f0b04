package dev.baton.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Runs {@code baton ARGS} in this process and keeps what it printed. The server under test logs to
 * the same stdout, so its log lines are left out of {@link #out}.
 */
final class CliRun {
  private static final Pattern LOG_LINE =
      Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) ");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs the command; answers its exit code. */
  int run(String... args) {
    out.reset();
    err.reset();
    PrintStream o = System.out;
    PrintStream e = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new Main()).execute(args);
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !LOG_LINE.matcher(l).find())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
