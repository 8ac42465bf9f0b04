package dev.baton.app.cli;

import java.io.Console;
import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place on stderr, only when the command runs on a terminal (a
 * pipe or a file gets no bar, so that logs stay clean).
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private final boolean on;

  private ProgressBar(PrintStream err, boolean on) {
    this.err = err;
    this.on = on;
  }

  static ProgressBar off() {
    return new ProgressBar(System.err, false);
  }

  static ProgressBar onTerminal(PrintStream err) {
    return new ProgressBar(err, terminal());
  }

  /**
   * Whether the process talks to a terminal. JDK 22 and later always have a {@link Console} and say
   * so with {@code isTerminal()}; JDK 21 has one only on a terminal.
   */
  private static boolean terminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  void show(long done, long total, String unit) {
    if (!on || total <= 0) {
      return;
    }
    int filled = (int) (WIDTH * done / total);
    err.print(
        "\r["
            + "#".repeat(filled)
            + ".".repeat(WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + " "
            + unit
            + " "
            + (100 * done / total)
            + "%");
    err.flush();
  }

  void end() {
    if (on) {
      err.println();
    }
  }
}
