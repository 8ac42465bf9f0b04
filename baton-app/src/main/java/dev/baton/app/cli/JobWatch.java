package dev.baton.app.cli;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton jobs watch ID}: a line each time the job moves, until it ends. Exit code 0 when it
 * finished, 1 when it ended otherwise (failed, quarantined, cancelled) or the timeout passed.
 */
@Command(
    name = "watch",
    description = {
      "Follow a job until it ends: one line each time its status, state or progress changes.",
      "Exit code 0 when it finished; 1 when it failed, was quarantined or cancelled, or"
          + " --timeout passed."
    })
final class JobWatch extends ApiCommand {
  @Parameters(paramLabel = "JOB_ID", description = "the job's id")
  String id = "";

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "500ms",
      converter = DurationConverter.class,
      description = "how often to read the job (default ${DEFAULT-VALUE})")
  Duration interval = Duration.ofMillis(500);

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description = "give up after this long (default ${DEFAULT-VALUE})")
  Duration timeout = Duration.ofHours(24);

  @Override
  protected int run(Api api, Printer out) {
    return watch(new JobFollower.Polling(api, interval), id, timeout, out);
  }

  /** Follows the job, printing each change; answers the exit code. */
  static int watch(JobFollower follower, String id, Duration timeout, Printer out) {
    JsonNode last =
        follower.follow(
            id,
            timeout,
            job -> {
              if (out.json()) {
                out.jsonLine(job);
              } else {
                out.line(line(job));
              }
            });
    if (!JobFollower.ended(last)) {
      out.note(
          "baton: job " + id + " is still " + last.path("status").asString() + " after " + timeout);
      return 1;
    }
    return "finished".equals(last.path("status").asString()) ? 0 : 1;
  }

  private static String line(JsonNode job) {
    StringBuilder b =
        new StringBuilder()
            .append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS))
            .append("  ")
            .append(job.path("status").asString())
            .append("  ")
            .append(job.path("state").asString());
    if (job.path("progress").isObject() || job.path("progress").isNumber()) {
      b.append("  progress ").append(Table.cell(job.path("progress")));
    }
    if (job.path("error_message").isString()) {
      b.append("  ").append(job.path("error_message").asString());
    }
    return b.toString();
  }
}
