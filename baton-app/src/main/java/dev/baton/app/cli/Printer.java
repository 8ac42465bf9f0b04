package dev.baton.app.cli;

import java.io.PrintStream;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Prints answers in the chosen {@link CliOptions.Format}: JSON as the server sent it (pretty), or a
 * {@link Table}. Notes for people (a next page, a count) go to stderr, so that stdout stays the
 * data.
 */
public final class Printer {
  private final CliOptions.Format format;
  private final PrintStream out;
  private final PrintStream err;

  public Printer(CliOptions.Format format, PrintStream out, PrintStream err) {
    this.format = format;
    this.out = out;
    this.err = err;
  }

  public boolean json() {
    return format == CliOptions.Format.JSON;
  }

  /** A list: {@code rows} under {@code columns}, or {@code whole} as JSON. */
  public void rows(JsonNode whole, JsonNode rows, String... columns) {
    if (json()) {
      out.println(pretty(whole));
    } else if (rows.isArray()) {
      Table.rows(out, rows, List.of(columns));
    } else {
      Table.fields(out, whole, List.of()); // not the list the route documents: show what came
    }
  }

  /** One object: the fields named (all when none are), or {@code whole} as JSON. */
  public void object(JsonNode whole, String... fields) {
    if (json()) {
      out.println(pretty(whole));
    } else {
      Table.fields(out, whole, List.of(fields));
    }
  }

  /** A line for people in table output; nothing in JSON output, where the answer says it. */
  public void line(String text) {
    if (!json()) {
      out.println(text);
    }
  }

  /** A line in either format: what a script asked for alone ({@code jobs submit -q}). */
  public void plain(String text) {
    out.println(text);
  }

  /** A note on stderr (both formats): where the next page starts, what was skipped. */
  public void note(String text) {
    err.println(text);
  }

  /** One JSON document on one line, for streams of them ({@code jobs watch -o json}). */
  public void jsonLine(JsonNode node) {
    out.println(node.toString());
  }

  public PrintStream err() {
    return err;
  }

  static String pretty(JsonNode node) {
    return Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
